package io.ringside.dashboard;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CountedCallsTests {

	private final CountedCalls counted = new CountedCalls();

	@Test
	void aCallIsCountedOnceAndItsOutcomeCanBeReplaced() {
		assertThat(counted.put("1781704152.3807872", 5)).isEqualTo(CountedCalls.ABSENT);
		assertThat(counted.put("1781704152.3807872", 7)).as("the outcome it replaces").isEqualTo(5);
		assertThat(counted.get("1781704152.3807872")).isEqualTo(7);
		assertThat(counted.get("1781704152.3807873")).isEqualTo(CountedCalls.ABSENT);
		assertThat(counted.size()).isEqualTo(1);
	}

	@Test
	void aDayOfCallsIsKeptThroughEveryGrowthAndClearedAtOnce() {
		for (int i = 0; i < 100_000; i++) {
			assertThat(counted.put("1790000000." + i, i)).isEqualTo(CountedCalls.ABSENT);
		}
		assertThat(counted.size()).isEqualTo(100_000);
		for (int i = 0; i < 100_000; i += 997) {
			assertThat(counted.get("1790000000." + i)).isEqualTo(i);
		}
		counted.clear();
		assertThat(counted.size()).isZero();
		assertThat(counted.get("1790000000.42")).isEqualTo(CountedCalls.ABSENT);
	}

}
