package io.ringside.demo;

import java.util.List;
import java.util.Map;

/** Pieces of Russian company names by trade: brand-like roots ("Uralstal") and plant names ("Pipe Plant"). */
final class Words {

	private static final Map<String, List<String>> ROOTS = Map.of(
			CompanyGenerator.METALLURGY,
			List.of("stal", "metall", "prokat", "trub", "lit", "splav", "ferro", "metiz", "kovka", "met"),
			CompanyGenerator.MACHINE_BUILDING,
			List.of("mash", "tyazhmash", "stanok", "dizel", "privod", "gidravlika", "mekhanika", "agregat", "motor"),
			"Construction", List.of("stroy", "montazh", "beton", "stroyproekt"),
			"Energy", List.of("energo", "teplo", "elektroset", "energosbyt"),
			"Agriculture", List.of("agro", "zerno", "niva", "agroprom"),
			"Retail", List.of("torg", "market", "opttorg", "khoztorg"),
			"Chemicals", List.of("khim", "polimer", "neftekhim"),
			"Transport", List.of("trans", "logistik", "avtotrans"));

	private static final Map<String, List<String>> PLANTS = Map.of(
			CompanyGenerator.METALLURGY,
			List.of("Pipe Plant", "Foundry", "Rolling Mill", "Ferroalloy Plant", "Metalware Plant", "Steel Works",
					"Forging Plant", "Wire Works"),
			CompanyGenerator.MACHINE_BUILDING,
			List.of("Machine Tool Plant", "Heavy Machinery Plant", "Gear Plant", "Pump Plant", "Diesel Plant",
					"Crane Plant", "Compressor Plant", "Bearing Plant"),
			"Construction", List.of("Concrete Plant", "Construction Trust", "Housing Company"),
			"Energy", List.of("Grid Company", "Heat Networks", "Power Plant"),
			"Agriculture", List.of("Grain Company", "Agro Holding", "Dairy Plant"),
			"Retail", List.of("Trading House", "Hardware Stores"),
			"Chemicals", List.of("Chemical Plant", "Polymer Plant"),
			"Transport", List.of("Freight Company", "Logistics Centre"));

	private Words() {
	}

	static List<String> roots(String industry) {
		return ROOTS.get(industry);
	}

	static List<String> plants(String industry) {
		return PLANTS.get(industry);
	}

}
