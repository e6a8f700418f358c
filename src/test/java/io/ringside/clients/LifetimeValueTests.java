package io.ringside.clients;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LifetimeValueTests {

	@Test
	void tenThousandPerOrderFourOrdersAYearForThreeYearsIsOneHundredTwentyThousand() {
		assertThat(LifetimeValue.of(new BigDecimal("10000"), 4, 3)).isEqualTo(new BigDecimal("120000.00"));
	}

	@Test
	void keepsTwoDecimalsRoundingHalfUp() {
		assertThat(LifetimeValue.of(new BigDecimal("333.335"), 1, 1)).isEqualTo(new BigDecimal("333.34"));
		assertThat(LifetimeValue.of(new BigDecimal("1234.56"), 3, 2)).isEqualTo(new BigDecimal("7407.36"));
	}

	@Test
	void aClientWithoutOrdersThisYearIsWorthNothing() {
		assertThat(LifetimeValue.of(new BigDecimal("5000.00"), 0, 3)).isEqualTo(new BigDecimal("0.00"));
	}

	@Test
	void refusesNegativeFigures() {
		assertThatIllegalArgumentException().isThrownBy(() -> LifetimeValue.of(new BigDecimal("-1"), 1, 3));
		assertThatIllegalArgumentException().isThrownBy(() -> LifetimeValue.of(BigDecimal.ONE, -1, 3));
		assertThatIllegalArgumentException().isThrownBy(() -> LifetimeValue.of(BigDecimal.ONE, 1, -3));
	}

}
