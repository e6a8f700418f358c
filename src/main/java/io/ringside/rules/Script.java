package io.ringside.rules;

import java.util.List;
import java.util.Map;

/**
 * What to say to a client of a tier: a title and the text in each language of the pages
 * ({@link #LANGUAGES}).
 */
public record Script(String title, Map<String, String> text) {

	/** The languages a script is written in, every one required. */
	public static final List<String> LANGUAGES = List.of("en", "ru");

	public Script {
		text = Map.copyOf(text);
	}

}
