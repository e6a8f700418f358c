package io.ringside.telephony.ami;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

import io.ringside.telephony.DeviceStateChanged;
import io.ringside.telephony.DeviceStateChanged.State;
import io.ringside.telephony.TelephonyEvent;

import static org.assertj.core.api.Assertions.assertThat;

class EventFanOutTests {

	private static final int EVENTS = 1_000;

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final EventFanOut fanOut = new EventFanOut(meters, Clock.systemUTC());

	@Test
	void aConsumerThatStopsReadingDropsOnlyItsOwnEventsAndTheyAreCountedUnderItsName() {
		AtomicInteger fast = new AtomicInteger();
		AtomicInteger direct = new AtomicInteger();
		fanOut.events("slow", 16).subscribe(new Stuck());
		fanOut.events("fast", 16).subscribe(event -> fast.incrementAndGet());
		fanOut.events().subscribe(event -> direct.incrementAndGet());

		for (int i = 0; i < EVENTS; i++) {
			fanOut.publish(event(i));
		}

		assertThat(fast).hasValue(EVENTS);
		assertThat(direct).hasValue(EVENTS);
		assertThat(dropped("fast")).isZero();
		// one taken, sixteen waiting in its buffer, the rest dropped for it alone
		assertThat(dropped("slow")).isEqualTo(EVENTS - 1 - 16);
		assertThat(meters.counter("ringside.call.events.undelivered").count()).isZero();
	}

	@Test
	void eventsPublishedBeforeAnyoneListensAreNeitherCountedNorKept() {
		fanOut.publish(event(0));
		AtomicInteger seen = new AtomicInteger();
		fanOut.events("late", 16).subscribe(event -> seen.incrementAndGet());
		fanOut.publish(event(1));

		assertThat(seen).hasValue(1);
		assertThat(meters.counter("ringside.call.events.undelivered").count()).isZero();
	}

	private double dropped(String consumer) {
		return meters.counter("ringside.call.events.dropped", "consumer", consumer).count();
	}

	private static TelephonyEvent event(int i) {
		return new DeviceStateChanged("PJSIP/" + i, Instant.EPOCH.plus(Duration.ofMillis(i)), State.INUSE);
	}

	/** Takes one event, then never asks for more. */
	private static final class Stuck extends BaseSubscriber<TelephonyEvent> {

		@Override
		protected void hookOnSubscribe(Subscription subscription) {
			request(1);
		}

		@Override
		protected void hookOnNext(TelephonyEvent value) {
			// holds on to its demand: the consumer is stuck
		}

	}

}
