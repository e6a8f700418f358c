package io.ringside.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

import io.ringside.crm.InteractionKind;
import io.ringside.crm.PhoneNumbers;
import io.ringside.demo.DemoCompany.Company;
import io.ringside.demo.DemoCompany.Contact;
import io.ringside.demo.DemoCompany.Entry;
import io.ringside.demo.DemoCompany.Line;
import io.ringside.demo.DemoCompany.Member;
import io.ringside.demo.DemoCompany.Order;
import io.ringside.demo.DemoCompany.Product;

/**
 * Builds a {@link DemoCompany} from word lists and one seeded {@link Random}, so the result depends on the seed and
 * the moment only. Not thread-safe: one instance makes one company.
 */
final class CompanyGenerator {

	static final int CLIENTS = 200;

	static final String METALLURGY = "Metallurgy";

	static final String MACHINE_BUILDING = "Machine building";

	/** 60% metallurgy and 25% machine building, as in the book; the rest spread over other trades. */
	private static final List<Share> INDUSTRIES = List.of(new Share(METALLURGY, 120), new Share(MACHINE_BUILDING, 50),
			new Share("Construction", 8), new Share("Energy", 6), new Share("Agriculture", 5), new Share("Retail", 5),
			new Share("Chemicals", 3), new Share("Transport", 3));

	/** Clients per owner: a few key accounts stay with the head of sales, who also keeps them as VIPs. */
	private static final List<Share> OWNERS = List.of(new Share(DemoCompany.HEAD_OF_SALES, 10),
			new Share("ivanov", 45), new Share("petrova", 42), new Share("sidorov", 38),
			new Share(DemoCompany.AWAY_MANAGER, 35), new Share("kuznetsov", 30));

	/** VIPs among the managers' clients, on top of the head of sales' own. */
	private static final int MANAGER_VIPS = 15;

	/** Where clients sit: the first two digits of their tax id, and the area codes of their landlines. */
	private static final List<City> CITIES = List.of(new City("Moscow", 25, "77", List.of("495", "499")),
			new City("St Petersburg", 12, "78", List.of("812")), new City("Yekaterinburg", 20, "66", List.of("343")),
			new City("Chelyabinsk", 18, "74", List.of("351")), new City("Magnitogorsk", 12, "74", List.of("3519")),
			new City("Novosibirsk", 13, "54", List.of("383")));

	private static final List<String> MOBILE_CODES = List.of("903", "905", "906", "909", "912", "915", "916", "917",
			"919", "921", "922", "926", "929", "950", "951", "952", "961", "982", "985", "999");

	private static final List<String> NAME_PREFIXES = List.of("Ural", "Sibir", "Volga", "Magnito", "Chelyab", "Kama",
			"Don", "Neva", "Sever", "Yug", "Vostok", "Oka", "Altai", "Baikal", "Tobol", "Irtysh", "Pechora", "Ladoga",
			"Iset", "Zlat", "Miass", "Sverdl", "Kuzbass", "Rus");

	private static final List<String> NAME_SUFFIXES = List.of("", "", "prom", "komplekt", "servis", "invest", "tekh",
			"resurs", "snab");

	private static final List<String> LEGAL_FORMS = List.of("LLC", "LLC", "LLC", "LLC", "LLC", "LLC", "JSC", "JSC",
			"JSC", "PJSC");

	private static final List<String> MALE_NAMES = List.of("Alexander", "Dmitry", "Maxim", "Sergey", "Andrey",
			"Alexey", "Artem", "Ilya", "Kirill", "Mikhail", "Nikolai", "Oleg", "Pavel", "Roman", "Viktor", "Vladimir",
			"Yuri", "Igor", "Konstantin", "Evgeny");

	private static final List<String> FEMALE_NAMES = List.of("Anna", "Maria", "Elena", "Olga", "Tatiana", "Natalia",
			"Irina", "Svetlana", "Ekaterina", "Yulia", "Marina", "Galina", "Larisa", "Oksana", "Vera");

	/** Male forms; the female form adds an "a" (Petrov, Petrova). */
	private static final List<String> SURNAMES = List.of("Petrov", "Sokolov", "Morozov", "Lebedev", "Kozlov",
			"Novikov", "Popov", "Vasiliev", "Fedorov", "Mikhailov", "Egorov", "Pavlov", "Semenov", "Golubev",
			"Vinogradov", "Bogdanov", "Vorobyov", "Orlov", "Makarov", "Zakharov", "Zaitsev", "Solovyov", "Borisov",
			"Yakovlev", "Grigoriev", "Romanov", "Stepanov", "Nikolaev", "Belov", "Tarasov", "Komarov", "Frolov",
			"Zhukov", "Baranov", "Kiselev", "Gusev", "Ilyin", "Titov", "Kuzmin", "Karpov");

	private static final List<String> POSITIONS = List.of("Procurement director", "Head of supply", "Chief engineer",
			"Chief mechanic", "Supply specialist", "General director", "Chief accountant", "Logistics manager",
			"Production director", "Head of maintenance");

	private static final List<String> CALLS_IN = List.of("Asked when the next batch ships",
			"Asked for a quote for the next quarter", "Called about an invoice they have not received",
			"Wants to raise the monthly volume from next month",
			"Complained about a late delivery; apologised and gave a firm date",
			"Asked for certificates of conformity for the last shipment", "Checked whether we have it in stock",
			"Asked to change the delivery address to the new warehouse",
			"Wanted to know if the price holds until the end of the month", "Asked for a reconciliation statement");

	private static final List<String> CALLS_OUT = List.of("Sent the new price list and walked them through it",
			"Reminded them about the overdue invoice; they promise to pay this week",
			"Agreed a visit to their plant next week", "Followed up on the quote; they are comparing with a competitor",
			"Confirmed the shipment date", "Offered an alternative while their item is out of stock",
			"Asked how the last batch performs in production", "Congratulated them on the holiday, talked about plans",
			"Proposed an annual supply contract", "Checked that the goods arrived complete");

	private static final List<String> NOTES = List.of("The procurement director changes in March",
			"Prefer deliveries on Tuesdays and Thursdays, gate 3", "Pay within 30 days, never late",
			"A tender for next year is announced in autumn", "Decisions go through the general director only",
			"They also buy from a Chelyabinsk competitor", "Accounting needs the original documents by courier",
			"Plant shutdown for maintenance in July", "Call the chief engineer before 10 am",
			"Interested in long-term prices for next year");

	private static final List<String> DECISIONS = List.of("Agreed a 5% discount on the annual volume",
			"Payment terms: 30 days deferral", "Switch them to monthly deliveries", "Ship from stock before new orders",
			"Price fixed until the end of the quarter", "Offer VIP terms after the next order",
			"Send samples before the big order", "Deliver with our own transport, free of charge");

	private final Random random;

	private final Instant now;

	private final LocalDate today;

	private final PhoneNumbers phoneNumbers;

	private final Set<String> numbers = new HashSet<>();

	private final Set<String> names = new HashSet<>();

	private final Set<String> taxIds = new HashSet<>();

	private long calls;

	CompanyGenerator(long seed, Instant now, PhoneNumbers phoneNumbers) {
		this.random = new Random(seed);
		this.now = now;
		this.today = LocalDate.ofInstant(now, DemoCompany.ZONE);
		this.phoneNumbers = phoneNumbers;
	}

	DemoCompany generate() {
		List<Stock> stock = stock();
		List<Company> clients = clients();
		List<Order> orders = new ArrayList<>();
		List<Entry> history = new ArrayList<>();
		for (int i = 0; i < clients.size(); i++) {
			history(i, clients.get(i), stock, orders, history);
		}
		// Orders are written in time order, so their ids grow with time as they would have; ORDER entries follow.
		List<Integer> byTime = new ArrayList<>();
		for (int i = 0; i < orders.size(); i++) {
			byTime.add(i);
		}
		byTime.sort(Comparator.comparing(i -> orders.get(i).placedAt()));
		int[] position = new int[orders.size()];
		for (int i = 0; i < byTime.size(); i++) {
			position[byTime.get(i)] = i;
		}
		List<Entry> renumbered = new ArrayList<>();
		for (Entry entry : history) {
			renumbered.add(entry.order() == null ? entry
					: new Entry(entry.client(), entry.kind(), entry.employeeLogin(), entry.occurredAt(),
							entry.callId(), position[entry.order()], entry.text()));
		}
		renumbered.sort(Comparator.comparing(Entry::occurredAt));
		return new DemoCompany(DemoCompany.TEAM, stock.stream().map(Stock::product).toList(), clients,
				byTime.stream().map(orders::get).toList(), List.copyOf(renumbered));
	}

	private List<Stock> stock() {
		LocalDate endOfMonth = YearMonth.from(today).atEndOfMonth();
		List<Stock> stock = new ArrayList<>();
		// For the steel works: refractories, electrodes, ferroalloys, consumables of the melt shop.
		stock.add(stock("REF-MGC-10", "Magnesia-carbon refractory brick MC-10", "{\"unit\": \"t\", \"grade\": \"MC-10\"}",
				"98000.00", 140, 0, null, 1, 20, METALLURGY));
		stock.add(stock("REF-SHA-5", "Fireclay brick ShA-5", "{\"unit\": \"t\", \"grade\": \"ShA-5\"}", "32500.00", 310,
				0, null, 2, 40, METALLURGY, "Construction"));
		stock.add(stock("GRE-UHP-450", "Graphite electrode UHP 450 mm", "{\"unit\": \"pcs\", \"diameter_mm\": 450}",
				"185000.00", 36, 48, today.plusDays(12), 2, 24, METALLURGY));
		stock.add(stock("FER-SIMN-17", "Ferrosilicomanganese MnS17", "{\"unit\": \"t\", \"mn_percent\": 65}",
				"112000.00", 420, 0, null, 5, 60, METALLURGY));
		stock.add(stock("FER-FS-75", "Ferrosilicon FS75", "{\"unit\": \"t\", \"si_percent\": 75}", "146000.00", 0, 120,
				today.plusDays(20), 2, 30, METALLURGY));
		stock.add(stock("FLX-CAF-92", "Fluorspar concentrate 92%", "{\"unit\": \"t\", \"caf2_percent\": 92}",
				"41000.00", 95, 0, null, 5, 40, METALLURGY));
		stock.add(stock("SLG-TCP-25", "Tundish covering powder, 25 kg bag", "{\"unit\": \"bag\", \"weight_kg\": 25}",
				"1350.00", 2400, 0, null, 40, 400, METALLURGY));
		stock.add(stock("THM-TIP-B", "Expendable thermocouple tip, type B", "{\"unit\": \"pcs\", \"type\": \"B\"}",
				"620.00", 8500, 0, null, 100, 1000, METALLURGY));
		stock.add(stock("MLD-CU-150", "Copper mould tube 150x150", "{\"unit\": \"pcs\", \"section_mm\": \"150x150\"}",
				"268000.00", 9, 6, today.plusDays(35), 1, 6, METALLURGY));
		stock.add(stock("ROL-WR-600", "Forged steel work roll, 600 mm", "{\"unit\": \"pcs\", \"diameter_mm\": 600}",
				"1450000.00", 6, 0, null, 1, 4, METALLURGY));
		// For the machine builders: steel, bearings, drives, tools.
		stock.add(stock("STL-PL-40X-20", "Steel plate 40Kh, 20 mm",
				"{\"unit\": \"t\", \"grade\": \"40Kh\", \"thickness_mm\": 20}", "118000.00", 64, 0, null, 1, 15,
				MACHINE_BUILDING));
		stock.add(stock("STL-RB-45-60", "Round bar, steel 45, 60 mm",
				"{\"unit\": \"t\", \"grade\": \"45\", \"diameter_mm\": 60}", "96500.00", 88, 0, null, 1, 20,
				MACHINE_BUILDING));
		stock.add(stock("BRG-6310-2RS", "Ball bearing 6310-2RS", "{\"unit\": \"pcs\", \"bore_mm\": 50}", "1840.00", 1260,
				0, null, 10, 300, MACHINE_BUILDING, METALLURGY, "Agriculture"));
		stock.add(stock("BRG-22220-EK", "Spherical roller bearing 22220 EK", "{\"unit\": \"pcs\", \"bore_mm\": 100}",
				"23600.00", 140, 0, null, 2, 40, MACHINE_BUILDING, METALLURGY));
		stock.add(stock("MOT-AIR-132M4", "Induction motor AIR132M4, 11 kW, 1500 rpm",
				"{\"unit\": \"pcs\", \"power_kw\": 11, \"rpm\": 1500}", "46900.00", 22, 30, today.plusDays(9), 1, 12,
				MACHINE_BUILDING, "Energy", "Agriculture"));
		stock.add(stock("RED-1TS2U-200", "Cylindrical gear reducer 1Ts2U-200", "{\"unit\": \"pcs\", \"ratio\": 25}",
				"138000.00", 7, 0, null, 1, 4, MACHINE_BUILDING, METALLURGY));
		stock.add(stock("HYD-2SN-16", "Hydraulic hose 2SN DN16, per metre",
				"{\"unit\": \"m\", \"dn\": 16, \"pressure_bar\": 250}", "690.00", 3200, 0, null, 20, 400,
				MACHINE_BUILDING, "Agriculture", "Transport"));
		stock.add(stock("CUT-CNMG-120408", "Carbide turning insert CNMG 120408", "{\"unit\": \"pcs\", \"grade\": \"P25\"}",
				"412.00", 6400, 0, null, 50, 1000, MACHINE_BUILDING));
		stock.add(stock("ABR-400-25A", "Grinding wheel 400x40x127 25A", "{\"unit\": \"pcs\", \"diameter_mm\": 400}",
				"3950.00", 310, 0, null, 5, 80, MACHINE_BUILDING, METALLURGY));
		stock.add(stock("WLD-UONI-4", "Welding electrodes UONI-13/55, 4 mm, 5 kg pack",
				"{\"unit\": \"pack\", \"diameter_mm\": 4, \"weight_kg\": 5}", "1690.00", 980, 0, null, 10, 200,
				MACHINE_BUILDING, METALLURGY, "Construction"));
		// For everyone: lubricants, belts, cables, protective wear, cleaning.
		stock.add(stock("LUB-I40A-216", "Industrial oil I-40A, 216 l drum", "{\"unit\": \"drum\", \"volume_l\": 216}",
				"38400.00", 54, 0, null, 1, 10));
		stock.add(stock("LUB-LITOL-18", "Grease Litol-24, 18 kg pail", "{\"unit\": \"pail\", \"weight_kg\": 18}",
				"4700.00", 260, 0, null, 2, 40));
		stock.add(stock("CNV-EP400-800", "Conveyor belt EP400/3, 800 mm, per metre",
				"{\"unit\": \"m\", \"width_mm\": 800, \"plies\": 3}", "5650.00", 0, 600, today.plusDays(16), 20, 300,
				METALLURGY, "Agriculture", "Energy"));
		stock.add(stock("CBL-VVG-3X2.5", "Power cable VVGng-LS 3x2.5, per metre",
				"{\"unit\": \"m\", \"cores\": 3, \"section_mm2\": 2.5}", "98.00", 24000, 0, null, 100, 3000,
				"Construction", "Energy", "Retail"));
		stock.add(stock("PPE-GLV-SPLIT", "Split leather welding gloves, pair", "{\"unit\": \"pair\"}", "245.00", 5200,
				0, null, 50, 1000));
		stock.add(stock("PPE-HELMET", "Safety helmet with chin strap", "{\"unit\": \"pcs\", \"colour\": \"white\"}",
				"890.00", 1400, 0, null, 10, 200));
		stock.add(stock("PPE-SUIT-HR", "Heat-resistant work suit", "{\"unit\": \"pcs\", \"standard\": \"GOST 12.4.250\"}",
				"12800.00", 120, 80, today.plusDays(25), 2, 40, METALLURGY));
		stock.add(stock("STL-REB-A500C-12", "Rebar A500C, 12 mm",
				"{\"unit\": \"t\", \"grade\": \"A500C\", \"diameter_mm\": 12}",
				"74300.00", 510, 0, null, 5, 80, "Construction"));
		stock.add(stock("CEM-M500-50", "Portland cement M500, 50 kg bag", "{\"unit\": \"bag\", \"weight_kg\": 50}",
				"560.00", 3800, 0, null, 50, 800, "Construction"));
		stock.add(stock("CLN-BROOM-60", "Industrial push broom, 60 cm", "{\"unit\": \"pcs\", \"width_cm\": 60}",
				"1450.00", 340, 0, null, 5, 60, "Retail"));
		stock.add(stock("CLN-SWEEPER-900", "Walk-behind floor sweeper, 900 mm", "{\"unit\": \"pcs\", \"width_mm\": 900}",
				"186000.00", 4, 0, null, 1, 3, "Retail"));
		// The book's brooms: the green one with turbo is sold out until the delivery at the end of the month.
		stock.add(stock(Brooms.GREEN_TURBO, "Electric broom, green, with turbo",
				"{\"colour\": \"green\", \"electric\": true, \"turbo\": true}", "8900.00", 0, 40, endOfMonth, 1, 10,
				"Retail"));
		stock.add(stock(Brooms.BROWN_TURBO, "Electric broom, brown, with turbo",
				"{\"colour\": \"brown\", \"electric\": true, \"turbo\": true}", "8900.00", 25, 0, null, 1, 10,
				"Retail"));
		stock.add(stock(Brooms.GREEN, "Electric broom, green",
				"{\"colour\": \"green\", \"electric\": true, \"turbo\": false}",
				"6400.00", 60, 0, null, 1, 10, "Retail"));
		return stock;
	}

	private List<Company> clients() {
		List<String> industries = spread(INDUSTRIES);
		List<String> owners = spread(OWNERS);
		List<Boolean> managerVips = new ArrayList<>();
		for (int i = 0; i < CLIENTS - OWNERS.get(0).count(); i++) {
			managerVips.add(i < MANAGER_VIPS);
		}
		Collections.shuffle(managerVips, random);
		int managerClient = 0;
		List<Company> clients = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			String owner = owners.get(i);
			boolean vip = owner.equals(DemoCompany.HEAD_OF_SALES) || managerVips.get(managerClient++);
			clients.add(company(industries.get(i), owner, vip));
		}
		return clients;
	}

	private Company company(String industry, String owner, boolean vip) {
		City city = weighted(CITIES);
		String name = uniqueName(industry, city);
		// Most clients have been with us for years; some arrived during the last year.
		int age = random.nextInt(100) < 15 ? 20 + random.nextInt(330) : 366 + random.nextInt(1100);
		Instant createdAt = officeHours(today.minusDays(age));
		String domain = name.replaceAll(" (LLC|JSC|PJSC)$", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "")
				+ ".ru";
		List<Contact> contacts = new ArrayList<>();
		Set<String> people = new HashSet<>();
		int count = 1 + random.nextInt(3);
		while (contacts.size() < count) {
			boolean female = random.nextInt(100) < 45;
			String first = pick(female ? FEMALE_NAMES : MALE_NAMES);
			String surname = pick(SURNAMES) + (female ? "a" : "");
			if (!people.add(first + " " + surname)) {
				continue;
			}
			boolean mobile = random.nextInt(100) < 65;
			String email = (first.charAt(0) + "." + surname).toLowerCase(Locale.ROOT) + "@" + domain;
			contacts.add(new Contact(first + " " + surname, pick(POSITIONS), email,
					mobile ? mobileNumber() : landline(city), mobile ? "mobile" : "direct"));
		}
		return new Company(name, taxId(city), industry, vip, owner, createdAt, landline(city), List.copyOf(contacts));
	}

	private void history(int index, Company client, List<Stock> stock, List<Order> orders, List<Entry> history) {
		Member owner = member(client.ownerLogin());
		Member head = member(DemoCompany.HEAD_OF_SALES);
		Member creator = random.nextInt(100) < 70 ? owner : head;
		history.add(new Entry(index, InteractionKind.CLIENT_CREATED, creator.login(), client.createdAt(), null, null,
				"Client created by " + creator.fullName() + "; owner " + owner.fullName()));
		LocalDate created = LocalDate.ofInstant(client.createdAt(), DemoCompany.ZONE);
		LocalDate yearAgo = today.minusDays(365);
		LocalDate start = created.isAfter(yearAgo) ? created.plusDays(1) : yearAgo;
		long days = ChronoUnit.DAYS.between(start, today);
		double share = days / 365.0;
		int orderCount = (int) Math.round((client.vip() ? 4 + random.nextInt(7) : random.nextInt(9)) * share);
		for (int i = 0; i < orderCount; i++) {
			int daysAgo = 1 + random.nextInt((int) days);
			Instant placedAt = officeHours(today.minusDays(daysAgo));
			String status = daysAgo <= 10 && random.nextInt(100) < 60 ? "NEW"
					: random.nextInt(100) < 2 ? "CANCELLED" : "SHIPPED";
			Order order = new Order(index, owner.login(), status, placedAt, lines(client, stock));
			orders.add(order);
			history.add(new Entry(index, InteractionKind.ORDER, owner.login(), placedAt, null, orders.size() - 1,
					orderText(order)));
		}
		int entryCount = (int) Math.round((client.vip() ? 10 + random.nextInt(15) : 3 + random.nextInt(12)) * share);
		for (int i = 0; i < entryCount; i++) {
			Instant at = officeHours(today.minusDays(1 + random.nextInt((int) days)));
			// The head of sales takes some calls when the owner is out: that is what the routing will do.
			Member who = random.nextInt(100) < 10 ? head : owner;
			int roll = random.nextInt(100);
			if (roll < 30) {
				history.add(new Entry(index, InteractionKind.CALL_IN, who.login(), at, callId(at), null, pick(CALLS_IN)));
			}
			else if (roll < 65) {
				history.add(new Entry(index, InteractionKind.CALL_OUT, who.login(), at, callId(at), null, pick(CALLS_OUT)));
			}
			else if (roll < 75) {
				history.add(new Entry(index, InteractionKind.CALL_MISSED, owner.login(), at, callId(at), null,
						"Missed call from " + pick(client.contacts()).fullName()));
			}
			else if (roll < 90) {
				history.add(new Entry(index, InteractionKind.NOTE, who.login(), at, null, null, pick(NOTES)));
			}
			else {
				history.add(new Entry(index, InteractionKind.DECISION, who.login(), at, null, null, pick(DECISIONS)));
			}
		}
	}

	private List<Line> lines(Company client, List<Stock> stock) {
		List<Stock> preferred = stock.stream().filter(s -> s.industries().contains(client.industry())).toList();
		List<Stock> general = stock.stream().filter(s -> s.industries().isEmpty()).toList();
		int count = 1 + random.nextInt(4);
		List<Line> lines = new ArrayList<>();
		Set<String> skus = new HashSet<>();
		while (lines.size() < count) {
			int roll = random.nextInt(100);
			List<Stock> from = roll < 75 && !preferred.isEmpty() ? preferred : roll < 95 ? general : stock;
			Stock item = pick(from);
			if (!skus.add(item.product().sku())) {
				continue;
			}
			int quantity = item.minQuantity() + random.nextInt(item.maxQuantity() - item.minQuantity() + 1);
			BigDecimal price = item.product().price();
			if (client.vip()) {
				price = price.multiply(new BigDecimal("0.95")).setScale(2, RoundingMode.HALF_UP);
			}
			lines.add(new Line(item.product().sku(), quantity, price));
		}
		return List.copyOf(lines);
	}

	private static String orderText(Order order) {
		return "Order of " + order.lines().size() + (order.lines().size() == 1 ? " item" : " items") + ", total "
				+ order.total().toPlainString() + " RUB"
				+ switch (order.status()) {
					case "NEW" -> ", open";
					case "CANCELLED" -> ", later cancelled by the client";
					default -> ", shipped";
				};
	}

	private String uniqueName(String industry, City city) {
		for (int attempt = 0; attempt < 1000; attempt++) {
			String name = random.nextInt(100) < 25 ? plantName(industry, city) : brandName(industry);
			if (names.add(name.toLowerCase(Locale.ROOT))) {
				return name;
			}
		}
		throw new IllegalStateException("Ran out of company names for " + industry);
	}

	private String brandName(String industry) {
		String word = pick(NAME_PREFIXES) + pick(Words.roots(industry)) + pick(NAME_SUFFIXES);
		return word + " " + pick(LEGAL_FORMS);
	}

	private String plantName(String industry, City city) {
		return city.name() + " " + pick(Words.plants(industry)) + " " + pick(LEGAL_FORMS);
	}

	/** A 10-digit tax id (INN) of a company registered in the city's region, with its check digit. */
	private String taxId(City city) {
		int[] weights = { 2, 4, 10, 3, 5, 9, 4, 6, 8 };
		for (int attempt = 0; attempt < 1000; attempt++) {
			StringBuilder digits = new StringBuilder(city.region());
			digits.append(String.format("%02d", random.nextInt(100)));
			digits.append(String.format("%05d", random.nextInt(100_000)));
			int sum = 0;
			for (int i = 0; i < 9; i++) {
				sum += weights[i] * (digits.charAt(i) - '0');
			}
			digits.append(sum % 11 % 10);
			if (taxIds.add(digits.toString())) {
				return digits.toString();
			}
		}
		throw new IllegalStateException("Ran out of tax ids for " + city.name());
	}

	private String landline(City city) {
		String code = pick(city.areaCodes());
		return uniqueNumber(() -> "8 " + code + " " + subscriber(10 - code.length()));
	}

	private String mobileNumber() {
		String code = pick(MOBILE_CODES);
		return uniqueNumber(() -> "8 " + code + " " + subscriber(7));
	}

	private String subscriber(int length) {
		StringBuilder digits = new StringBuilder().append(2 + random.nextInt(8));
		while (digits.length() < length) {
			digits.append(random.nextInt(10));
		}
		return digits.toString();
	}

	/** Written as people write it, stored as E.164: only numbers libphonenumber accepts, never one twice. */
	private String uniqueNumber(Supplier<String> written) {
		for (int attempt = 0; attempt < 1000; attempt++) {
			String raw = written.get();
			String e164 = phoneNumbers.toE164(raw).orElse(null);
			if (e164 != null && numbers.add(e164)) {
				return e164;
			}
		}
		throw new IllegalStateException("Could not make a valid unused number");
	}

	private String callId(Instant at) {
		// Asterisk's Linkedid: the epoch second of the first channel, then a sequence number.
		return at.getEpochSecond() + "." + (++calls);
	}

	/**
	 * A moment on that day, or the Monday after it, between 9:00 and 18:00 Moscow time; never later than now. Moving
	 * forward keeps whatever happens on a later day after a client's creation.
	 */
	private Instant officeHours(LocalDate day) {
		LocalDate date = day;
		while (date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY) {
			date = date.plusDays(1);
		}
		LocalTime time = LocalTime.of(9, 0).plusMinutes(random.nextInt(9 * 60)).plusSeconds(random.nextInt(60));
		Instant at = date.atTime(time).atZone(DemoCompany.ZONE).toInstant();
		return at.isBefore(now) ? at : now.minusSeconds(60 + random.nextInt(3600));
	}

	private List<String> spread(List<Share> shares) {
		List<String> values = new ArrayList<>();
		for (Share share : shares) {
			values.addAll(Collections.nCopies(share.count(), share.value()));
		}
		Collections.shuffle(values, random);
		return values;
	}

	private City weighted(List<City> cities) {
		int total = cities.stream().mapToInt(City::weight).sum();
		int roll = random.nextInt(total);
		for (City city : cities) {
			roll -= city.weight();
			if (roll < 0) {
				return city;
			}
		}
		throw new IllegalStateException();
	}

	private <T> T pick(List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

	private static Member member(String login) {
		return DemoCompany.TEAM.stream().filter(m -> m.login().equals(login)).findFirst().orElseThrow();
	}

	private static Stock stock(String sku, String name, String attributes, String price, int onHand, int incoming,
			LocalDate incomingDate, int minQuantity, int maxQuantity, String... industries) {
		return new Stock(new Product(sku, name, attributes, new BigDecimal(price), onHand, incoming, incomingDate),
				minQuantity, maxQuantity, Set.of(industries));
	}

	/** The book's example brooms. */
	static final class Brooms {

		static final String GREEN_TURBO = "BRM-EL-GRN-T";

		static final String BROWN_TURBO = "BRM-EL-BRN-T";

		static final String GREEN = "BRM-EL-GRN";

		private Brooms() {
		}

	}

	/** A product with what a typical order takes of it, and the trades that buy it (none: everyone). */
	private record Stock(Product product, int minQuantity, int maxQuantity, Set<String> industries) {
	}

	private record Share(String value, int count) {
	}

	private record City(String name, int weight, String region, List<String> areaCodes) {
	}

}
