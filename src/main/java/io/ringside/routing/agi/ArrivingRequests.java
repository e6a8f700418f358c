package io.ringside.routing.agi;

import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.ringside.routing.agi.AgiRefusals.Reason;

/**
 * The FastAGI requests still arriving, from the {@link AgiAcceptor}'s accept until they
 * are whole (then {@link ReadyRequests}) or refused: at most {@link #MAX} at once, each
 * gathered in a {@link RequestHeader} of its own until a deadline one request timeout
 * after it was accepted. Times are {@link System#nanoTime()} readings, passed in.
 * <p>
 * Threads: only the acceptor's ({@code fastagi-acceptor}).
 */
final class ArrivingRequests {

	/**
	 * Requests gathered at once; beyond it new connections are refused as
	 * {@link Reason#BUSY}.
	 */
	static final int MAX = 1_000;

	private final long timeoutNanos;

	private final int maxLine;

	private final int maxLines;

	/** In order of arrival, hence of deadline: the first is the next to time out. */
	private final LinkedHashSet<Gathering> gathering = new LinkedHashSet<>();

	ArrivingRequests(long timeoutNanos, int maxLine, int maxLines) {
		this.timeoutNanos = timeoutNanos;
		this.maxLine = maxLine;
		this.maxLines = maxLines;
	}

	/** Whether a new connection must be refused as {@link Reason#BUSY}. */
	boolean isFull() {
		return gathering.size() >= MAX;
	}

	/** Starts gathering the request of a connection accepted {@code now}. */
	Gathering add(SocketChannel channel, long now) {
		Gathering request = new Gathering(channel, new RequestHeader(maxLine, maxLines), now + timeoutNanos);
		gathering.add(request);
		return request;
	}

	/** The request is whole, refused or gone: it is no longer gathered. */
	void remove(Gathering request) {
		gathering.remove(request);
	}

	/**
	 * How long the selector may wait for the next deadline: 0 (for ever) when nothing is
	 * being gathered, else at least a millisecond.
	 */
	long nextWaitMillis(long now) {
		Iterator<Gathering> first = gathering.iterator();
		if (!first.hasNext()) {
			return 0;
		}
		long left = first.next().deadline - now;
		return Math.max(1, TimeUnit.NANOSECONDS.toMillis(left) + 1);
	}

	/** The requests whose deadline has passed, oldest first; they are still gathered. */
	List<Gathering> late(long now) {
		List<Gathering> late = new ArrayList<>();
		for (Gathering request : gathering) {
			if (request.deadline - now > 0) {
				break;
			}
			late.add(request);
		}
		return late;
	}

	/** Closes every connection still gathering its request. */
	void closeAll() {
		gathering.forEach(request -> AgiAcceptor.closeQuietly(request.channel));
		gathering.clear();
	}

	/**
	 * A connection whose request is still arriving (its channel, compared by identity,
	 * makes it unique).
	 */
	record Gathering(SocketChannel channel, RequestHeader header, long deadline) {
	}

}
