package io.ringside.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;
import reactor.util.concurrent.Queues;

/**
 * One connected AMI client. Lines arrive on a Netty event-loop thread and are assembled
 * into actions there; everything that writes to the client (responses, events, raw bytes)
 * happens on the PBX core thread, so the bounded outbound sink has a single producer. A
 * client whose buffer is full is dropped instead of stalling the others.
 */
final class AmiSession {

	/** Lines one action may have; Asterisk's own limit is 128 headers. */
	private static final int MAX_HEADERS = 128;

	private final Sinks.Many<String> outgoing;

	private final Consumer<Map<String, String>> actions;

	private final List<String[]> pending = new ArrayList<>();

	private volatile @Nullable Connection connection;

	private volatile boolean open = true;

	boolean authenticated;

	boolean eventsOn = true;

	/** What the {@code Filter} action added; core thread only. */
	final EventFilters filters = new EventFilters();

	@Nullable String challenge;

	AmiSession(int capacity, Consumer<Map<String, String>> actions) {
		this.outgoing = Sinks.many().unicast().onBackpressureBuffer(Queues.<String>get(capacity).get());
		this.actions = actions;
	}

	void attach(Connection connection) {
		this.connection = connection;
	}

	Flux<String> outgoing() {
		return outgoing.asFlux();
	}

	boolean isOpen() {
		return open;
	}

	/** Called on the Netty event loop with one line, CR and LF already removed or not. */
	void onLine(String raw) {
		String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
		if (line.isEmpty()) {
			if (!pending.isEmpty()) {
				dispatch();
			}
			return;
		}
		int colon = line.indexOf(':');
		String key = colon < 0 ? line.trim() : line.substring(0, colon).trim();
		String value = colon < 0 ? "" : line.substring(colon + 1).trim();
		pending.add(new String[] { key, value });
		if (pending.size() > MAX_HEADERS) {
			dispatch();
		}
	}

	private void dispatch() {
		Map<String, String> action = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		for (String[] header : pending) {
			// Repeated headers (Variable) are joined the way Asterisk's
			// astman_get_variables reads them.
			action.merge(header[0], header[1], (a, b) -> a + "," + b);
		}
		pending.clear();
		actions.accept(action);
	}

	/**
	 * Queues text for the client; on the core thread only. Returns false when the client
	 * was dropped for being slow.
	 */
	boolean offer(String text) {
		if (!open) {
			return true;
		}
		Sinks.EmitResult result = outgoing.tryEmitNext(text);
		if (result == Sinks.EmitResult.FAIL_OVERFLOW) {
			close();
			return false;
		}
		return true;
	}

	/**
	 * Ends the session after what is queued has been written; on the core thread only.
	 */
	void finish() {
		if (open) {
			open = false;
			outgoing.tryEmitComplete();
		}
	}

	/** Drops the connection at once; on the core thread only. */
	void close() {
		open = false;
		outgoing.tryEmitComplete();
		Connection current = connection;
		if (current != null) {
			current.dispose();
		}
	}

}
