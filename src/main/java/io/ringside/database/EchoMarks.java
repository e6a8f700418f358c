package io.ringside.database;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Marks a writer sends on a change channel and waits to hear back: when its own mark
 * comes back, everything published before it has been heard (and applied, if the listener
 * releases the mark only after applying what preceded it). Marks start with this
 * instance's own random id, so a listener releases only the marks it made.
 * <p>
 * Make one on a thread that may block (a random UUID reads the system's entropy).
 * {@link #echoed} and {@link #release} may be called from any thread, and never block.
 */
public final class EchoMarks {

	private final String instance = UUID.randomUUID().toString();

	private final AtomicLong sent = new AtomicLong();

	private final Map<String, Sinks.Empty<Void>> waiting = new ConcurrentHashMap<>();

	/**
	 * Makes a new mark, sends it with {@code send}, and completes when it is released;
	 * after {@code within}, errors with a {@link java.util.concurrent.TimeoutException},
	 * or, given a {@code fallback}, goes on with it. The mark is made and awaited from
	 * this call on, before the result is subscribed.
	 */
	public Mono<Void> echoed(Function<String, ? extends Publisher<?>> send, Duration within,
			@Nullable Mono<Void> fallback) {
		String mark = instance + "/" + sent.incrementAndGet();
		Sinks.Empty<Void> heard = Sinks.empty();
		waiting.put(mark, heard);
		Mono<Void> echo = Mono.from(send.apply(mark)).then(heard.asMono());
		return (fallback == null ? echo.timeout(within) : echo.timeout(within, fallback))
			.doFinally(signal -> waiting.remove(mark));
	}

	/**
	 * {@link #echoed(Function, Duration, Mono)} without a fallback: errors after
	 * {@code within}.
	 */
	public Mono<Void> echoed(Function<String, ? extends Publisher<?>> send, Duration within) {
		return echoed(send, within, null);
	}

	/**
	 * The mark was heard back: whoever waits for it goes on. Marks of other instances, or
	 * unknown, are ignored.
	 */
	public void release(String mark) {
		Sinks.Empty<Void> heard = waiting.remove(mark);
		if (heard != null) {
			heard.tryEmitEmpty();
		}
	}

	/**
	 * Everyone waiting goes on now (the listener stopped: there is nothing left to wait
	 * for).
	 */
	public void releaseAll() {
		new ArrayList<>(waiting.keySet()).forEach(this::release);
	}

	/** How many marks are awaited now. */
	int awaited() {
		return waiting.size();
	}

}
