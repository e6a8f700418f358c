package io.ringside.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * An AGI command line as Asterisk reads it (e.g.
 * {@code SET VARIABLE "RINGSIDE_TARGET" "PJSIP/101"}): what the simulator's FastAGI side
 * and the benchmark's stand-in for Asterisk both parse.
 */
public final class AgiCommandLine {

	private AgiCommandLine() {
	}

	/** The line's words: double quotes group, a backslash escapes the next character. */
	public static List<String> words(String line) {
		List<String> words = new ArrayList<>();
		StringBuilder word = new StringBuilder();
		boolean quoted = false;
		boolean inWord = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (c == '\\' && i + 1 < line.length()) {
				word.append(line.charAt(++i));
				inWord = true;
			}
			else if (c == '"') {
				quoted = !quoted;
				inWord = true;
			}
			else if (Character.isWhitespace(c) && !quoted) {
				if (inWord) {
					words.add(word.toString());
					word.setLength(0);
					inWord = false;
				}
			}
			else {
				word.append(c);
				inWord = true;
			}
		}
		if (inWord) {
			words.add(word.toString());
		}
		return words;
	}

}
