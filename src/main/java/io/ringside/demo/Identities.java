package io.ringside.demo;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

import io.ringside.clients.PhoneNumbers;
import io.ringside.demo.CompanyWords.City;

/**
 * The names, tax ids and telephone numbers of the demo's companies and people, each
 * unique in the company: brand-like names ("Uralstal LLC") and plant names ("Chelyabinsk
 * Pipe Plant JSC"), ten-digit tax ids with their check digit, and landlines and mobiles
 * as libphonenumber accepts them. Draws from the generator's {@link Random}, so the
 * company depends on the seed only. Not thread-safe.
 */
final class Identities {

	private final Random random;

	private final CompanyWords words;

	private final PhoneNumbers phoneNumbers;

	private final Set<String> numbers = new HashSet<>();

	private final Set<String> names = new HashSet<>();

	private final Set<String> taxIds = new HashSet<>();

	Identities(Random random, CompanyWords words, PhoneNumbers phoneNumbers) {
		this.random = random;
		this.words = words;
		this.phoneNumbers = phoneNumbers;
	}

	String uniqueName(String industry, City city) {
		for (int attempt = 0; attempt < 1000; attempt++) {
			String name = random.nextInt(100) < 25 ? plantName(industry, city) : brandName(industry);
			if (names.add(name.toLowerCase(Locale.ROOT))) {
				return name;
			}
		}
		throw new IllegalStateException("Ran out of company names for " + industry);
	}

	private String brandName(String industry) {
		String word = pick(words.namePrefixes()) + pick(wordsOf(words.roots(), industry)) + pick(words.nameSuffixes());
		return word + " " + pick(words.legalForms());
	}

	/**
	 * The words for a trade: the words file gives roots and plants for every trade it
	 * lists, and the trades come from that list.
	 */
	private static List<String> wordsOf(Map<String, List<String>> byIndustry, String industry) {
		return Objects.requireNonNull(byIndustry.get(industry), () -> "No words for the trade " + industry);
	}

	private String plantName(String industry, City city) {
		return city.name() + " " + pick(wordsOf(words.plants(), industry)) + " " + pick(words.legalForms());
	}

	/**
	 * A 10-digit tax id (INN) of a company registered in the city's region, with its
	 * check digit.
	 */
	String taxId(City city) {
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

	String landline(City city) {
		String code = pick(city.areaCodes());
		return uniqueNumber(() -> "8 " + code + " " + subscriber(10 - code.length()));
	}

	String mobileNumber() {
		String code = pick(words.mobileCodes());
		return uniqueNumber(() -> "8 " + code + " " + subscriber(7));
	}

	private String subscriber(int length) {
		StringBuilder digits = new StringBuilder().append(2 + random.nextInt(8));
		while (digits.length() < length) {
			digits.append(random.nextInt(10));
		}
		return digits.toString();
	}

	/**
	 * Written as people write it, stored as E.164: only numbers libphonenumber accepts,
	 * never one twice.
	 */
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

	private <T> T pick(List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

}
