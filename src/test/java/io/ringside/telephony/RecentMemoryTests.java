package io.ringside.telephony;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecentMemoryTests {

	private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

	@Test
	void remembersWhatWentWithinTheWindow() {
		RecentMemory<String> merged = new RecentMemory<>(Duration.ofMinutes(2), 100);
		merged.remember("1733306400.10", "1733306400.1", T0);
		merged.remember("1733306400.20", "1733306400.2", T0.plusSeconds(119));

		assertThat(merged.get("1733306400.10")).isEqualTo("1733306400.1");
		assertThat(merged.contains("1733306400.20")).isTrue();
		assertThat(merged.get("never")).isNull();
	}

	@Test
	void forgetsWhatIsOlderThanTheWindowWhenSomethingNewComes() {
		RecentMemory<Boolean> ended = new RecentMemory<>(Duration.ofMinutes(2), 100);
		ended.remember("a", true, T0);
		ended.remember("b", true, T0.plusSeconds(60));
		ended.remember("c", true, T0.plusSeconds(121));

		assertThat(ended.contains("a")).isFalse();
		assertThat(ended.contains("b")).isTrue();
		assertThat(ended.size()).isEqualTo(2);
	}

	@Test
	void holdsNoMoreThanTheCapForgettingTheOldestFirst() {
		RecentMemory<Boolean> ended = new RecentMemory<>(Duration.ofHours(1), 3);
		for (int i = 0; i < 10; i++) {
			ended.remember("call-" + i, true, T0.plusMillis(i));
		}

		assertThat(ended.size()).isEqualTo(3);
		assertThat(ended.contains("call-6")).isFalse();
		assertThat(ended.contains("call-7")).isTrue();
		assertThat(ended.contains("call-9")).isTrue();
	}

	@Test
	void staysBoundedAtASteadyRateHoweverLongItRuns() {
		RecentMemory<Boolean> ended = new RecentMemory<>(Duration.ofMinutes(2), 1_000_000);
		for (int i = 0; i < 100_000; i++) {
			// 20 calls a second for 5,000 s
			ended.remember("call-" + i, true, T0.plusMillis(50L * i));
		}

		assertThat(ended.size()).isBetween(2_400, 2_401);
	}

	@Test
	void rememberingAgainRefreshesTheEntry() {
		RecentMemory<Boolean> ended = new RecentMemory<>(Duration.ofMinutes(2), 100);
		ended.remember("a", true, T0);
		ended.remember("b", true, T0.plusSeconds(10));
		ended.remember("a", true, T0.plusSeconds(100));
		ended.remember("c", true, T0.plusSeconds(200));

		assertThat(ended.contains("a")).isTrue();
		assertThat(ended.contains("b")).isFalse();
	}

	@Test
	void refusesAWindowOrCapThatRemembersNothingSensible() {
		assertThatThrownBy(() -> new RecentMemory<>(Duration.ofSeconds(-1), 10))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new RecentMemory<>(Duration.ofSeconds(1), 0))
			.isInstanceOf(IllegalArgumentException.class);
	}

	/**
	 * The arrays behave as the plain ordered map they replaced, kept beside them here:
	 * the same entries after every step of a long random run in which calls go, some go
	 * again, the clock jumps now and then (everything older is forgotten) and the cap
	 * bites, so that the ring grows, fills with forgotten slots and is compacted, and the
	 * index's deletions shift probes back.
	 */
	@ParameterizedTest
	@ValueSource(longs = { 1, 2, 3, 4, 5 })
	void remembersExactlyWhatAnOrderedMapWould(long seed) {
		Random random = new Random(seed);
		Duration window = Duration.ofSeconds(30);
		int cap = 1 + random.nextInt(700);
		RecentMemory<Integer> memory = new RecentMemory<>(window, cap);
		LinkedHashMap<String, Instant> ids = new LinkedHashMap<>();
		Map<String, Integer> values = new HashMap<>();
		Instant now = T0;
		for (int step = 0; step < 20_000; step++) {
			now = now.plusMillis(random.nextInt(100) == 0 ? 20_000 + random.nextInt(20_000) : random.nextInt(20));
			String id = "1733475600." + random.nextInt(2_000);
			memory.remember(id, step, now);
			ids.remove(id);
			ids.put(id, now);
			values.put(id, step);
			Instant horizon = now.minus(window);
			for (Iterator<Map.Entry<String, Instant>> oldest = ids.entrySet().iterator(); oldest.hasNext();) {
				Map.Entry<String, Instant> entry = oldest.next();
				if (ids.size() <= cap && !entry.getValue().isBefore(horizon)) {
					break;
				}
				oldest.remove();
			}
			assertThat(memory.size()).as("size at step %d", step).isEqualTo(ids.size());
			String probe = "1733475600." + random.nextInt(2_000);
			assertThat(memory.get(probe)).as("%s at step %d", probe, step)
				.isEqualTo(ids.containsKey(probe) ? values.get(probe) : null);
		}
		for (int i = 0; i < 2_000; i++) {
			String id = "1733475600." + i;
			assertThat(memory.contains(id)).as(id).isEqualTo(ids.containsKey(id));
		}
	}

}
