package io.ringside.calls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.lettuce.core.StreamMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

import io.ringside.shared.Deadline;
import io.ringside.telephony.LastFour;

/**
 * Reads the call stream as one consumer of its group and writes each entry to PostgreSQL,
 * acknowledging it only after the commit. Each round (every {@code ringside.calls.poll},
 * and {@link #GATHER} after this instance added an entry) claims entries another consumer
 * left unacknowledged for {@code ringside.calls.claim-after}, writes this consumer's own
 * pending entries (so a restarted instance first finishes what it had read), then new
 * ones. A write that fails leaves its entry pending and pauses the rounds, doubling from
 * {@code retry-min} to {@code retry-max}: while PostgreSQL is down the calls wait in
 * Redis. An entry that can never be written (unreadable, or refused by a constraint) is
 * logged with its content and acknowledged, so it cannot stop the others.
 */
@Component
class StreamRecorder {

	private static final Log log = LogFactory.getLog(StreamRecorder.class);

	static final int BATCH = 500;

	private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * How long a round waits before reading, so that the entries added meanwhile go in
	 * the same transaction and the same acknowledgement: at 200 calls a second, a round
	 * for every few calls, where a round per entry cost a transaction and four Redis
	 * commands each.
	 */
	static final Duration GATHER = Duration.ofMillis(20);

	private final CallStream stream;

	private final StreamEntries format;

	private final CallRecorder recorder;

	private final RecordingSettings settings;

	private final Clock clock;

	private final Backlog backlog;

	private final String consumer;

	private final Counter unwritable;

	private volatile boolean groupReady;

	private volatile long retryAt;

	private volatile @Nullable Duration pause;

	private volatile long lastClaim;

	private volatile long lastTrim;

	/**
	 * Whether this consumer may have entries delivered and not acknowledged: at the start
	 * (a restarted instance's), after a claim took some, after a failed round. Else the
	 * round reads only new entries.
	 */
	private volatile boolean mayHavePending = true;

	private volatile @Nullable String failure;

	StreamRecorder(CallStream stream, StreamEntries format, CallRecorder recorder, RecordingSettings settings,
			Clock clock, Backlog backlog, MeterRegistry meters) {
		this.stream = stream;
		this.format = format;
		this.recorder = recorder;
		this.settings = settings;
		this.clock = clock;
		this.backlog = backlog;
		this.consumer = settings.consumer().isBlank() ? hostName() : settings.consumer();
		this.unwritable = Counter.builder("ringside.calls.unwritable")
			.description("Stream entries that could never be written (unreadable or refused), logged and dropped")
			.register(meters);
	}

	String consumer() {
		return consumer;
	}

	/** Why the last round failed, or null when it did not. */
	@Nullable String failure() {
		return failure;
	}

	/** The rounds; subscribed once by {@link CallPipeline}. */
	Flux<Void> run() {
		groupReady = false;
		pause = null;
		retryAt = 0;
		mayHavePending = true;
		return Flux.merge(Flux.interval(Duration.ZERO, settings.poll()), stream.added())
			.onBackpressureLatest()
			.concatMap(tick -> Mono.delay(GATHER).then(round()), 1);
	}

	private Mono<Void> round() {
		Mono<Void> work = clock.millis() < retryAt ? Mono.empty()
				: group().then(claim())
					.then(Mono.defer(() -> mayHavePending ? drain(true) : Mono.empty()))
					.then(drain(false))
					.doOnSuccess(done -> {
						mayHavePending = false;
						recovered();
					})
					.onErrorResume(error -> {
						mayHavePending = true;
						failed(error);
						return Mono.empty();
					});
		return work.then(Mono.defer(this::trim));
	}

	/**
	 * Trims what the group has acknowledged and counts what waits, at most once a
	 * {@code poll}: a round runs for every few calls added.
	 */
	private Mono<Void> trim() {
		long now = clock.millis();
		if (now - lastTrim < settings.poll().toMillis()) {
			return Mono.empty();
		}
		lastTrim = now;
		return stream.trim().doOnNext(backlog.inStream()::set).onErrorResume(error -> Mono.empty()).then();
	}

	private Mono<Void> group() {
		return groupReady ? Mono.empty() : stream.createGroup().doOnSuccess(done -> groupReady = true);
	}

	private Mono<Void> claim() {
		long now = clock.millis();
		long every = Math.max(settings.poll().toMillis(), settings.claimAfter().toMillis() / 4);
		if (now - lastClaim < every) {
			return Mono.empty();
		}
		return stream.claim(consumer, settings.claimAfter().toMillis(), BATCH).doOnNext(claimed -> {
			lastClaim = now;
			if (claimed > 0) {
				mayHavePending = true;
				log.info("Claimed " + claimed + " calls another Ringside instance left unwritten");
			}
		}).then();
	}

	/**
	 * Writes a batch at a time, this consumer's pending entries or new ones, until a
	 * batch is not full.
	 */
	private Mono<Void> drain(boolean pending) {
		Flux<StreamMessage<String, String>> read = pending ? stream.pending(consumer, BATCH)
				: stream.fresh(consumer, BATCH);
		return read.map(this::decoded)
			.collectList()
			.flatMap(batch -> write(batch)
				.then(batch.size() == BATCH ? Mono.defer(() -> drain(pending)) : Mono.empty()));
	}

	/**
	 * Writes a batch in one transaction and acknowledges it in one command. When
	 * PostgreSQL refuses the batch, its entries are written one at a time, in order, so
	 * that only the one it refuses is dropped; an entry that cannot be read is dropped at
	 * once.
	 */
	private Mono<Void> write(List<Entry> batch) {
		if (batch.isEmpty()) {
			return Mono.empty();
		}
		List<Entry> readable = new ArrayList<>(batch.size());
		for (Entry entry : batch) {
			if (entry.recordable() != null) {
				readable.add(entry);
			}
			else {
				dropped(entry, entry.unreadable() != null ? entry.unreadable()
						: new IllegalStateException("neither read nor unreadable"));
			}
		}
		Mono<Void> written = readable.isEmpty() ? Mono.empty()
				: recorder.writeAll(readable.stream().map(Entry::recordable).toList())
					.timeout(WRITE_TIMEOUT, Deadline.passed(WRITE_TIMEOUT))
					.onErrorResume(DataIntegrityViolationException.class,
							refused -> Flux.fromIterable(readable).concatMap(this::writeAlone).then());
		String[] ids = batch.stream().map(entry -> entry.record().getId()).toArray(String[]::new);
		return written.then(Mono.defer(() -> stream.acknowledge(ids))).then();
	}

	private Mono<Void> writeAlone(Entry entry) {
		return recorder.write(Objects.requireNonNull(entry.recordable()))
			.timeout(WRITE_TIMEOUT, Deadline.passed(WRITE_TIMEOUT))
			.onErrorResume(DataIntegrityViolationException.class, refused -> {
				dropped(entry, refused);
				return Mono.empty();
			});
	}

	private void dropped(Entry entry, Throwable why) {
		unwritable.increment();
		StreamMessage<String, String> record = entry.record();
		log.error("Stream entry " + record.getId()
				+ LastFour.in(" can never be written (" + why + "), dropped: " + record.getBody()));
	}

	private Entry decoded(StreamMessage<String, String> record) {
		try {
			return new Entry(record, format.decode(record.getId(), record.getBody()), null);
		}
		catch (RuntimeException unreadable) {
			return new Entry(record, null, unreadable);
		}
	}

	/** A stream entry, read: what it holds, or why it cannot be read. */
	private record Entry(StreamMessage<String, String> record, @Nullable Recordable recordable,
			@Nullable RuntimeException unreadable) {
	}

	private void recovered() {
		if (failure != null) {
			log.info("Writing finished calls to PostgreSQL again");
		}
		failure = null;
		pause = null;
	}

	private void failed(Throwable error) {
		Duration next = pause == null ? settings.retryMin() : pause.multipliedBy(2);
		pause = next.compareTo(settings.retryMax()) > 0 ? settings.retryMax() : next;
		retryAt = clock.millis() + pause.toMillis();
		if (failure == null) {
			log.warn("Finished calls from the stream not written yet (" + error + "); they wait in Redis, tried "
					+ "again at most every " + settings.retryMax());
		}
		failure = String.valueOf(error);
	}

	private static String hostName() {
		String fromEnvironment = System.getenv("HOSTNAME");
		if (fromEnvironment != null && !fromEnvironment.isBlank()) {
			return fromEnvironment;
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "ringside";
		}
	}

}
