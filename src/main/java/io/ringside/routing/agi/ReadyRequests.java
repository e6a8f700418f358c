package io.ringside.routing.agi;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * The FastAGI requests that have arrived whole, on their way from the
 * {@link AgiAcceptor}'s selector to Asterisk-Java's accept loop: first gathered while the
 * selector runs, then (once they have left the selector) turned blocking and queued for
 * the accept loop, which moves them at once to its workers' queue.
 * <p>
 * Threads: {@link #add}, {@link #handOver} and {@link #closeAll} on the acceptor's thread
 * ({@code fastagi-acceptor}); {@link #take} on Asterisk-Java's accept thread, which it
 * blocks.
 */
final class ReadyRequests {

	/** Complete requests waiting for Asterisk-Java's accept loop. */
	static final int READY = 64;

	private final BlockingQueue<AgiConversation> ready = new ArrayBlockingQueue<>(READY);

	private final List<Complete> complete = new ArrayList<>();

	private final int readTimeoutMillis;

	private final int maxLine;

	ReadyRequests(long timeoutNanos, int maxLine) {
		this.readTimeoutMillis = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
		this.maxLine = maxLine;
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
	 * The requests added, out of the selector now, turn blocking and wait for a worker;
	 * those that do not fit are given to {@code busy}, those that fail are closed.
	 */
	void handOver(Consumer<SocketChannel> busy) {
		for (Complete request : complete) {
			try {
				request.channel.configureBlocking(true);
				request.channel.socket().setSoTimeout(readTimeoutMillis);
				AgiConversation conversation = new AgiConversation(request.channel.socket(), request.lines,
						request.rest, maxLine);
				if (!ready.offer(conversation)) {
					busy.accept(request.channel);
				}
			}
			catch (IOException ex) {
				AgiAcceptor.closeQuietly(request.channel);
			}
		}
		complete.clear();
	}

	/** The next request, waiting while {@code open}; null once it is not. */
	@Nullable AgiConversation take(BooleanSupplier open) throws InterruptedException {
		while (open.getAsBoolean()) {
			AgiConversation next = ready.poll(200, TimeUnit.MILLISECONDS);
			if (next != null) {
				return next;
			}
		}
		return null;
	}

	/** Closes every request not yet taken. */
	void closeAll() {
		AgiConversation waiting;
		while ((waiting = ready.poll()) != null) {
			try {
				waiting.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
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
