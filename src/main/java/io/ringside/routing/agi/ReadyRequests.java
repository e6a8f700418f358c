package io.ringside.routing.agi;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.ringside.routing.agi.AgiAcceptor.Workers;

/**
 * The FastAGI requests that have arrived whole, on their way from the
 * {@link AgiAcceptor}'s selector to the {@link Workers}: gathered while the selector
 * runs, then (once they have left the selector) turned blocking and handed over, from the
 * acceptor's thread straight to the workers' queue, so a request wakes one thread (its
 * worker) and not a relay of them.
 * <p>
 * Threads: only the acceptor's ({@code fastagi-acceptor}).
 */
final class ReadyRequests {

	private final List<Complete> complete = new ArrayList<>();

	private final int readTimeoutMillis;

	private final int maxLine;

	private final Workers workers;

	ReadyRequests(long timeoutNanos, int maxLine, Workers workers) {
		this.readTimeoutMillis = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
		this.maxLine = maxLine;
		this.workers = workers;
	}

	/**
	 * A request arrived whole: its channel (still in the selector), its lines and the
	 * bytes read after them.
	 */
	void add(SocketChannel channel, List<String> lines, byte[] rest) {
		complete.add(new Complete(channel, lines, rest));
	}

	boolean isEmpty() {
		return complete.isEmpty();
	}

	/**
	 * The requests added, out of the selector now, turn blocking and go to the workers;
	 * those the workers cannot take are given to {@code busy}, those that fail are
	 * closed.
	 */
	void handOver(Consumer<SocketChannel> busy) {
		for (Complete request : complete) {
			try {
				request.channel.configureBlocking(true);
				request.channel.socket().setSoTimeout(readTimeoutMillis);
				if (!workers
					.start(new AgiConversation(request.channel.socket(), request.lines, request.rest, maxLine))) {
					busy.accept(request.channel);
				}
			}
			catch (IOException ex) {
				AgiAcceptor.closeQuietly(request.channel);
			}
		}
		complete.clear();
	}

	/** Closes every request not yet handed over. */
	void closeAll() {
		complete.forEach(request -> AgiAcceptor.closeQuietly(request.channel));
		complete.clear();
	}

	/**
	 * A connection whose request has arrived whole: its lines and the bytes read after
	 * them.
	 */
	private record Complete(SocketChannel channel, List<String> lines, byte[] rest) {
	}

}
