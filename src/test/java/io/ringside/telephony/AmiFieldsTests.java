package io.ringside.telephony;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AmiFieldsTests {

	@Test
	void namesEqualButForCaseFoldAlike() {
		assertThat(AmiFields.folded("CallerIDNum")).isEqualTo(AmiFields.folded("calleridnum"))
			.isEqualTo(AmiFields.folded("CALLERIDNUM"));
		assertThat(AmiFields.folded("Channel")).isNotEqualTo(AmiFields.folded("Channel2"));
	}

	@Test
	void namesBeyondAsciiFoldAsEqualsIgnoreCaseComparesThem() {
		for (String[] pair : new String[][] { { "Ärger-Ölß", "äRGER-öLß" }, { "Σίσυφος", "ΣΊΣΥΦΟΣ" },
				{ "X-\u0130d", "x-\u0069D" } }) {
			assertThat(pair[0].equalsIgnoreCase(pair[1])).isTrue();
			assertThat(AmiFields.folded(pair[0])).as(pair[0]).isEqualTo(AmiFields.folded(pair[1]));
		}
		AmiFields fields = AmiFields.ofPairs(List.of(Map.entry("Ärger", "1")));
		assertThat(fields.get("äRGER")).isEqualTo("1");
	}

	@Test
	void namesThatFoldAlikeButDifferAreTwoFields() {
		// 'b' * 31 + '_' == 'a' * 31 + '~': the same fold, different names
		assertThat(AmiFields.folded("b_")).isEqualTo(AmiFields.folded("a~"));

		AmiFields fields = AmiFields.ofPairs(List.of(Map.entry("a~", "1"), Map.entry("b_", "2"), Map.entry("A~", "3")));

		assertThat(fields).hasSize(2);
		assertThat(fields.get("A~")).isEqualTo("1");
		assertThat(fields.get("B_")).isEqualTo("2");
		assertThat(fields.containsKey("c_")).isFalse();
	}

}
