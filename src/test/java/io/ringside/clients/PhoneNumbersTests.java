package io.ringside.clients;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PhoneNumbersTests {

	private final PhoneNumbers numbers = new PhoneNumbers(new PhoneNumbers.Settings("RU"));

	@ParameterizedTest
	@ValueSource(
			strings = { "8 (495) 123-45-67", "+7 495 1234567", "74951234567", "+7 (495) 123 45 67", "8-495-123-45-67" })
	void everySpellingOfAMoscowNumberIsOneE164Number(String spelling) {
		assertThat(numbers.toE164(spelling)).contains("+74951234567");
	}

	@Test
	void foreignNumbersKeepTheirCountry() {
		assertThat(numbers.toE164("+44 20 7946 0958")).contains("+442079460958");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "hello", "101", "+7 495 12", "<unknown>" })
	void whatIsNotANumberIsRefused(String notANumber) {
		assertThat(numbers.toE164(notANumber)).isEmpty();
	}

	@Test
	void anotherDefaultRegionReadsNationalNumbersThere() {
		PhoneNumbers german = new PhoneNumbers(new PhoneNumbers.Settings("DE"));
		assertThat(german.toE164("030 901820")).contains("+4930901820");
	}

	@Test
	void anUnknownDefaultRegionStopsTheStart() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PhoneNumbers(new PhoneNumbers.Settings("XX")));
	}

	@Test
	void numbersAlreadySeenAreAnsweredAsTheFirstTimeWhenMoreThanItRemembersWereSeen() {
		for (int i = 0; i < PhoneNumbers.SEEN * 2; i++) {
			assertThat(numbers.toE164(String.format("8 495 %07d", i))).contains(String.format("+7495%07d", i));
		}
		assertThat(numbers.toE164("8 495 0000000")).contains("+74950000000");
		assertThat(numbers.toE164("hello")).isEmpty();
		assertThat(numbers.toE164("hello")).isEmpty();
		assertThat(numbers.toE164("+7 495 12")).isEmpty();
	}

}
