package io.ringside.rules.web;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import org.jspecify.annotations.Nullable;

import io.ringside.rules.ChainStep;
import io.ringside.rules.Priority;
import io.ringside.rules.Rule;
import io.ringside.rules.Script;
import io.ringside.web.InvalidRequestException;
import io.ringside.web.InvalidRequestException.FieldError;

/**
 * A rule as sent to {@code PUT /api/rules/{key}}; a field left out is inherited. A field
 * it does not know is refused, so that a misspelt one is not silently inherited.
 */
record RuleForm(@Nullable String callbackDeadline, @Nullable String priority, @Nullable ScriptForm script,
		@Nullable List<StepForm> chain, @JsonAnySetter @Nullable Map<String, Object> unknown) {

	static final Duration SHORTEST_DEADLINE = Duration.ofMinutes(1);

	static final Duration LONGEST_DEADLINE = Duration.ofDays(30);

	static final Duration SHORTEST_RING = Duration.ofSeconds(5);

	static final Duration LONGEST_RING = Duration.ofMinutes(5);

	static final int TITLE_AT_MOST = 200;

	static final int TEXT_AT_MOST = 4000;

	record ScriptForm(@Nullable String title, @Nullable Map<String, String> text) {
	}

	record StepForm(@Nullable String step, @Nullable String ringTime) {
	}

	/** The rule, or every problem found with the form at once. */
	Rule toRule() {
		List<FieldError> errors = new ArrayList<>();
		if (unknown != null) {
			unknown.keySet()
				.forEach(field -> errors.add(
						new FieldError(field, "is not a field of a rule (callbackDeadline, priority, script, chain)")));
		}
		Duration deadline = callbackDeadline == null ? null
				: duration("callbackDeadline", callbackDeadline, SHORTEST_DEADLINE, LONGEST_DEADLINE, errors);
		Priority level = priority == null ? null : priority(errors);
		Script text = script == null ? null : script(script, errors);
		List<ChainStep> steps = chain == null ? null : chain(chain, errors);
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
		return new Rule(deadline, level, text, steps);
	}

	private @Nullable Priority priority(List<FieldError> errors) {
		try {
			return Priority.valueOf(String.valueOf(priority).trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException unknown) {
			errors.add(new FieldError("priority", "must be HIGH or NORMAL"));
			return null;
		}
	}

	private static @Nullable Script script(ScriptForm form, List<FieldError> errors) {
		int before = errors.size();
		String title = form.title() == null ? "" : form.title().trim();
		if (title.isEmpty() || title.length() > TITLE_AT_MOST) {
			errors.add(new FieldError("script.title", "must be 1 to " + TITLE_AT_MOST + " characters"));
		}
		Map<String, String> text = form.text() == null ? Map.of() : form.text();
		for (String language : Script.LANGUAGES) {
			String written = text.get(language);
			if (written == null || written.isBlank() || written.length() > TEXT_AT_MOST) {
				errors.add(new FieldError("script.text." + language, "must be 1 to " + TEXT_AT_MOST + " characters"));
			}
		}
		text.keySet()
			.stream()
			.filter(language -> !Script.LANGUAGES.contains(language))
			.forEach(language -> errors
				.add(new FieldError("script.text." + language, "is not a language of the pages " + Script.LANGUAGES)));
		return errors.size() > before ? null : new Script(title, text);
	}

	private static @Nullable List<ChainStep> chain(List<StepForm> forms, List<FieldError> errors) {
		if (forms.isEmpty() || forms.size() > ChainStep.Step.values().length) {
			errors.add(new FieldError("chain", "must have 1 to " + ChainStep.Step.values().length + " steps"));
			return null;
		}
		int before = errors.size();
		List<ChainStep> chain = new ArrayList<>();
		Set<ChainStep.Step> seen = EnumSet.noneOf(ChainStep.Step.class);
		for (int i = 0; i < forms.size(); i++) {
			StepForm form = forms.get(i);
			String field = "chain[" + i + "]";
			ChainStep.Step step = step(form == null ? null : form.step());
			if (step == null) {
				errors.add(new FieldError(field + ".step", "must be one of OWNER, DEPUTY, HEAD_OF_SALES, LEAD_LINE"));
			}
			else if (!seen.add(step)) {
				errors.add(new FieldError(field + ".step", step + " is in the chain twice"));
			}
			String ringTime = form == null ? null : form.ringTime();
			Duration ring = ringTime == null ? null
					: duration(field + ".ringTime", ringTime, SHORTEST_RING, LONGEST_RING, errors);
			if (ringTime == null) {
				errors.add(new FieldError(field + ".ringTime", "is required"));
			}
			if (step != null && ring != null) {
				chain.add(new ChainStep(step, ring));
			}
		}
		return errors.size() > before ? null : chain;
	}

	private static ChainStep.@Nullable Step step(@Nullable String name) {
		try {
			return name == null ? null : ChainStep.Step.valueOf(name.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException unknown) {
			return null;
		}
	}

	private static @Nullable Duration duration(String field, String value, Duration shortest, Duration longest,
			List<FieldError> errors) {
		try {
			Duration parsed = Duration.parse(value.trim());
			if (parsed.compareTo(shortest) >= 0 && parsed.compareTo(longest) <= 0) {
				return parsed;
			}
		}
		catch (DateTimeParseException notIso) {
			// Reported below, with the range.
		}
		errors.add(new FieldError(field, "must be an ISO 8601 duration from " + shortest + " to " + longest));
		return null;
	}

}
