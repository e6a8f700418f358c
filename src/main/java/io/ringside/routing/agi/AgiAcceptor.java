package io.ringside.routing.agi;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.ringside.routing.agi.AgiRefusals.Reason;
import io.ringside.routing.agi.ArrivingRequests.Gathering;

/**
 * What stands between the network and Asterisk-Java's FastAGI server: one thread
 * ({@code fastagi-acceptor}) with a selector accepts every connection, closes at once a
 * peer not in {@link AllowedClients}, and gathers each request's lines without blocking
 * ({@link ArrivingRequests}), within the {@link RequestHeader} bounds and the request
 * timeout. Only a conversation whose request has arrived whole is handed over
 * ({@link ReadyRequests}), straight from this thread to the {@link Workers} that run the
 * scripts, so silent or slow peers never hold a worker.
 * <p>
 * Every connection closed unserved is counted in {@link AgiRefusals}; the first peer
 * refused as not allowed is also logged, since a PBX missing from the list is the
 * likeliest cause.
 */
final class AgiAcceptor implements AutoCloseable {

	private static final Log log = LogFactory.getLog(AgiAcceptor.class);

	private final AllowedClients allowed;

	private final AgiRefusals refused;

	private final ServerSocketChannel server;

	private final Selector selector;

	private final ArrivingRequests arriving;

	private final ReadyRequests ready;

	private final ByteBuffer buffer = ByteBuffer.allocate(4096);

	private final Thread thread;

	private volatile boolean open = true;

	private boolean warnedNotAllowed;

	AgiAcceptor(InetSocketAddress bind, AllowedClients allowed, Duration timeout, int maxLine, int maxLines,
			AgiRefusals refused, Workers workers) throws IOException {
		this.allowed = allowed;
		this.refused = refused;
		this.arriving = new ArrivingRequests(timeout.toNanos(), maxLine, maxLines);
		this.ready = new ReadyRequests(timeout.toNanos(), maxLine, workers);
		this.selector = Selector.open();
		this.server = ServerSocketChannel.open();
		try {
			server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
			server.bind(bind, 200);
			server.configureBlocking(false);
			server.register(selector, SelectionKey.OP_ACCEPT);
		}
		catch (IOException ex) {
			closeQuietly(server);
			selector.close();
			throw ex;
		}
		this.thread = new Thread(this::run, "fastagi-acceptor");
		thread.setDaemon(true);
		thread.start();
	}

	/** The port it listens on (the one asked for, or the one chosen for port 0). */
	int port() {
		return server.socket().getLocalPort();
	}

	/**
	 * Stops accepting: the acceptor's thread closes the listening socket and every
	 * connection not yet handed over. Conversations already handed over are the workers'.
	 */
	@Override
	public void close() {
		open = false;
		selector.wakeup();
	}

	private void run() {
		try {
			while (open) {
				selector.select(this::handle, arriving.nextWaitMillis(System.nanoTime()));
				handOverComplete();
				expire(System.nanoTime());
			}
		}
		catch (IOException | ClosedSelectorException ex) {
			if (open) {
				log.error("FastAGI acceptor stopped", ex);
			}
		}
		finally {
			shutDown();
		}
	}

	private void handle(SelectionKey key) {
		if (!key.isValid()) {
			return;
		}
		if (key.isAcceptable()) {
			acceptAll();
		}
		else if (key.isReadable()) {
			read(key, (Gathering) key.attachment());
		}
	}

	private void acceptAll() {
		try {
			SocketChannel channel;
			while ((channel = server.accept()) != null) {
				InetAddress peer = ((InetSocketAddress) channel.getRemoteAddress()).getAddress();
				if (!allowed.permits(peer)) {
					if (!warnedNotAllowed) {
						warnedNotAllowed = true;
						log.warn("FastAGI: " + peer.getHostAddress() + " is not in ringside.pbx.agi.allowed-clients "
								+ allowed + "; its connections are closed (counted in " + AgiRefusals.METRIC + ")");
					}
					refuse(channel, Reason.NOT_ALLOWED, peer);
				}
				else if (arriving.isFull()) {
					refuse(channel, Reason.BUSY, peer);
				}
				else {
					channel.configureBlocking(false);
					channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
					channel.register(selector, SelectionKey.OP_READ, arriving.add(channel, System.nanoTime()));
				}
			}
		}
		catch (IOException ex) {
			log.warn("FastAGI: could not accept a connection: " + ex.getMessage());
		}
	}

	private void read(SelectionKey key, Gathering request) {
		try {
			buffer.clear();
			int read = request.channel().read(buffer);
			if (read < 0) {
				drop(request);
				return;
			}
			buffer.flip();
			switch (request.header().feed(buffer)) {
				case COMPLETE -> {
					arriving.remove(request);
					key.cancel();
					byte[] rest = new byte[buffer.remaining()];
					buffer.get(rest);
					ready.add(request.channel(), request.header().lines(), rest);
				}
				case LINE_TOO_LONG -> refuse(request, Reason.HEADER_LINE);
				case TOO_MANY_LINES -> refuse(request, Reason.HEADER_COUNT);
				case INCOMPLETE -> {
				}
			}
		}
		catch (IOException ex) {
			drop(request);
		}
	}

	/**
	 * The requests that are whole leave the selector, turn blocking and go to the
	 * workers. A cancelled key leaves the selector only at its next selection, and a
	 * channel cannot block before, hence the {@code selectNow} here rather than in
	 * {@link #handle} (a selection cannot start inside another). What the workers cannot
	 * take is refused as {@link Reason#BUSY}.
	 */
	private void handOverComplete() throws IOException {
		if (ready.isEmpty()) {
			return;
		}
		selector.selectNow();
		ready.handOver(channel -> refuse(channel, Reason.BUSY, null));
	}

	private void expire(long now) {
		arriving.late(now).forEach(request -> refuse(request, Reason.TIMEOUT));
	}

	private void refuse(Gathering request, Reason refusal) {
		arriving.remove(request);
		refuse(request.channel(), refusal, null);
	}

	private void refuse(SocketChannel channel, Reason refusal, @Nullable InetAddress peer) {
		refused.count(refusal);
		if (log.isDebugEnabled()) {
			log.debug(
					"FastAGI connection closed unserved (" + refusal.tag + ")" + (peer == null ? "" : " from " + peer));
		}
		closeQuietly(channel);
	}

	private void drop(Gathering request) {
		arriving.remove(request);
		closeQuietly(request.channel());
	}

	private void shutDown() {
		arriving.closeAll();
		ready.closeAll();
		closeQuietly(server);
		try {
			selector.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	/**
	 * Who runs the conversations handed over: each on a thread of its own, never on the
	 * acceptor's.
	 */
	@FunctionalInterface
	interface Workers {

		/**
		 * Starts the conversation (or queues it for the next free worker); false, without
		 * touching it, when it can take no more.
		 */
		boolean start(AgiConversation conversation);

	}

	static void closeQuietly(Channel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			// the peer is gone either way
		}
	}

}
