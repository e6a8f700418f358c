package io.ringside.push;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OtherInstancesTests {

	private final AtomicLong now = new AtomicLong(-5_000_000_000L);

	private final OtherInstances others = new OtherInstances(now::get);

	@Test
	void anInstanceNeverHeardFromIsAlone() {
		assertThat(others.present()).isFalse();
		others.reached(1);
		assertThat(others.present()).isFalse();
	}

	@Test
	void anotherInstanceHeardCountsUntilItHasMissedThreeTurns() {
		others.heard();
		now.addAndGet(OtherInstances.FORGET_AFTER.toNanos() - 1);
		assertThat(others.present()).isTrue();
		now.addAndGet(1);
		assertThat(others.present()).isFalse();
	}

	@Test
	void aPublicationReachingMoreThanItselfMeansOthersAreThere() {
		others.reached(2);
		assertThat(others.present()).isTrue();
	}

}
