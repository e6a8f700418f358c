package org.asteriskjava.manager.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RepeatedStringsTests {

	@Test
	void aPartSeenBeforeIsTheStringMadeThen() {
		RepeatedStrings strings = new RepeatedStrings(64, 16);
		String first = strings.of("Channel: PJSIP/101-00000001", 0, 7);

		String again = strings.of("Other line; Channel: x", 12, 19);

		assertThat(first).isEqualTo("Channel");
		assertThat(again).isSameAs(first);
	}

	@Test
	void aPartIsAlwaysItsOwnTextWhateverTheTableHolds() {
		RepeatedStrings strings = new RepeatedStrings(1, 16);

		assertThat(strings.of("abc", 0, 2)).isEqualTo("ab");
		assertThat(strings.of("abc", 1, 3)).isEqualTo("bc");
		assertThat(strings.of("abc", 0, 2)).isEqualTo("ab");
		assertThat(strings.of("Jürgen 电话!", 0, 9)).isEqualTo("Jürgen 电话");
		assertThat(strings.of("abc", 1, 1)).isEmpty();
	}

	@Test
	void aLongPartIsCopiedAndNotKept() {
		RepeatedStrings strings = new RepeatedStrings(8, 4);
		String first = strings.of("abcdefgh!", 0, 8);

		assertThat(strings.of("abcdefgh!", 0, 8)).isEqualTo(first).isNotSameAs(first);
	}

	@Test
	void theTableIsAPowerOfTwo() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RepeatedStrings(100, 8));
	}

}
