package io.ringside.clients;

import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

import io.ringside.web.InvalidRequestException;

/**
 * Turns any way people and PBXs write a number into its E.164 form, the only form
 * Ringside stores or compares: with the default region RU, {@code 8 (495) 123-45-67},
 * {@code +7 495 1234567} and {@code 74951234567} are all {@code +74951234567}.
 * Thread-safe; all metadata is loaded when it is created, so no call reads a file.
 */
@Component
public class PhoneNumbers {

	/** At most this many numbers are remembered (about 100 bytes each). */
	static final int SEEN = 10_000;

	private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

	private final String defaultRegion;

	/**
	 * Numbers already seen, by how they were written: a call's number is made E.164 at
	 * least twice (routed, then recorded), clients call again, and libphonenumber's parse
	 * and validation were a fifth of the FastAGI thread in the whole-call profile.
	 */
	private final Cache<String, Optional<String>> seen = Caffeine.newBuilder().maximumSize(SEEN).build();

	public PhoneNumbers(Settings settings) {
		if (!util.getSupportedRegions().contains(settings.defaultRegion())) {
			throw new IllegalArgumentException(
					"ringside.phone.default-region is not a known region: " + settings.defaultRegion());
		}
		this.defaultRegion = settings.defaultRegion();
		loadAllMetadata();
	}

	/**
	 * libphonenumber reads each country's metadata from a resource file the first time it
	 * meets that country. Reading a file must not happen on an event loop, so every
	 * country is read here, once, while the application starts.
	 */
	private void loadAllMetadata() {
		util.getSupportedRegions().forEach(util::getExampleNumber);
		util.getSupportedGlobalNetworkCallingCodes().forEach(util::getExampleNumberForNonGeoEntity);
	}

	/** The E.164 form of a valid number, or empty for anything that is not one. */
	public Optional<String> toE164(@Nullable String raw) {
		if (raw == null || raw.isBlank() || raw.length() > 40) {
			return Optional.empty();
		}
		return seen.get(raw, this::parse);
	}

	private Optional<String> parse(String raw) {
		try {
			PhoneNumber number = util.parse(raw, defaultRegion);
			if (!util.isValidNumber(number)) {
				return Optional.empty();
			}
			return Optional.of(util.format(number, PhoneNumberFormat.E164));
		}
		catch (NumberParseException ex) {
			return Optional.empty();
		}
	}

	/** The E.164 form, or an {@link InvalidRequestException} naming the field. */
	public String require(String field, String raw) {
		return toE164(raw).orElseThrow(() -> new InvalidRequestException(field, "not a valid phone number: " + raw));
	}

	/** Settings of number parsing. */
	@ConfigurationProperties("ringside.phone")
	public record Settings(@DefaultValue("RU") String defaultRegion) {
	}

}
