package io.ringside.simulator;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import io.netty.handler.codec.LineBasedFrameDecoder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpServer;

/**
 * The AMI listener on loopback, on Reactor Netty. It owns the connected sessions; the
 * actions they send are handed to the core executor, which is also the only thread that
 * writes to them.
 */
final class AmiServer {

	private static final Logger log = LoggerFactory.getLogger(AmiServer.class);

	/** Messages a client may have queued before it counts as too slow and is dropped. */
	static final int CLIENT_BUFFER = 4096;

	private final Executor core;

	private final BiConsumer<AmiSession, Map<String, String>> actions;

	private final String banner;

	private final Set<AmiSession> sessions = ConcurrentHashMap.newKeySet();

	private final AtomicLong droppedClients = new AtomicLong();

	private volatile @Nullable DisposableServer server;

	private volatile int port;

	AmiServer(Executor core, String amiVersion, BiConsumer<AmiSession, Map<String, String>> actions) {
		this.core = core;
		this.actions = actions;
		this.banner = "Asterisk Call Manager/" + amiVersion + "\r\n";
	}

	/**
	 * Binds the port (0 = any free one, but once known it is kept so that a restart comes
	 * back on it).
	 */
	synchronized void start(int requestedPort) {
		if (server != null) {
			return;
		}
		int bindPort = port != 0 ? port : requestedPort;
		server = TcpServer.create()
			.host(InetAddress.getLoopbackAddress().getHostAddress())
			.port(bindPort)
			.doOnConnection(connection -> connection.addHandlerLast(new LineBasedFrameDecoder(8192)))
			.handle((in, out) -> {
				AmiSession[] holder = new AmiSession[1];
				AmiSession session = new AmiSession(CLIENT_BUFFER,
						action -> onCore(() -> actions.accept(holder[0], action)));
				holder[0] = session;
				in.withConnection(session::attach);
				onCore(() -> {
					session.offer(banner);
					sessions.add(session);
				});
				Mono<Void> reading = in.receive()
					.asString(StandardCharsets.UTF_8)
					.doOnNext(session::onLine)
					.then()
					.onErrorResume(error -> Mono.empty());
				Mono<Void> writing = out.sendString(session.outgoing(), StandardCharsets.UTF_8).then();
				return Mono.firstWithSignal(reading, writing).doFinally(signal -> onCore(() -> {
					sessions.remove(session);
					session.close();
				}));
			})
			.bindNow(Duration.ofSeconds(10));
		port = server.port();
		log.info("Simulated AMI listening on {}", port);
	}

	/** Closes the listener and every client connection, like a PBX going away. */
	synchronized void stop() {
		DisposableServer current = server;
		server = null;
		if (current == null) {
			return;
		}
		onCore(() -> {
			sessions.forEach(AmiSession::close);
			sessions.clear();
		});
		current.disposeNow(Duration.ofSeconds(10));
	}

	/**
	 * Hands work to the core thread; once the simulator is closed there is nothing left
	 * to do.
	 */
	private void onCore(Runnable task) {
		try {
			core.execute(task);
		}
		catch (RejectedExecutionException closed) {
			// the simulator is shut down
		}
	}

	boolean isRunning() {
		return server != null;
	}

	int port() {
		return port;
	}

	long droppedClients() {
		return droppedClients.get();
	}

	int clients() {
		return sessions.size();
	}

	/** Clients connected now that added an event filter. */
	int filteredClients() {
		return (int) sessions.stream().filter(session -> session.filters.any()).count();
	}

	/**
	 * Sends an event to every logged-in client that wants events; on the core thread
	 * only.
	 */
	void broadcast(AmiMessage event) {
		String text = event.render();
		for (AmiSession session : sessions) {
			if (session.authenticated && session.eventsOn && session.filters.passes(text)) {
				deliver(session, text);
			}
		}
	}

	/**
	 * Sends bytes as they are to every connected client, logged in or not; on the core
	 * thread only.
	 */
	void broadcastRaw(String text) {
		for (AmiSession session : sessions) {
			deliver(session, text);
		}
	}

	void reply(AmiSession session, AmiMessage message) {
		deliver(session, message.render());
	}

	private void deliver(AmiSession session, String text) {
		if (!session.offer(text)) {
			sessions.remove(session);
			long dropped = droppedClients.incrementAndGet();
			log.warn("Dropped a slow AMI client ({} dropped so far)", dropped);
		}
	}

}
