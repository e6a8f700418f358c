package io.ringside.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * What the demo company is made of, read from {@code demo/company-words.json}: the trades
 * and how many clients each has (60% metallurgy and 25% machine building, as in the
 * book), the cities (with the first digits of their tax ids and their area codes), and
 * the word lists for names, people, positions and history. Immutable.
 */
record CompanyWords(List<Share> industries, List<City> cities, List<String> mobileCodes, List<String> namePrefixes,
		List<String> nameSuffixes, List<String> legalForms, List<String> maleNames, List<String> femaleNames,
		List<String> surnames, List<String> positions, List<String> callsIn, List<String> callsOut, List<String> notes,
		List<String> decisions, Map<String, List<String>> roots, Map<String, List<String>> plants) {

	private static final String RESOURCE = "/demo/company-words.json";

	/** The words the demo ships with. */
	static CompanyWords load() {
		try (InputStream in = CompanyWords.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(RESOURCE + " is missing from the classpath");
			}
			return JsonMapper.builder().build().readValue(in, CompanyWords.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A value and how many of the company's clients have it. */
	record Share(String value, int count) {
	}

	/**
	 * @param weight how likely a client sits there, relative to the other cities
	 * @param region the first two digits of a tax id (INN) registered there
	 */
	record City(String name, int weight, String region, List<String> areaCodes) {
	}

}
