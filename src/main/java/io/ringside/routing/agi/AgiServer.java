package io.ringside.routing.agi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiReader;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiWriter;
import org.asteriskjava.fastagi.MappingStrategy;
import org.asteriskjava.fastagi.internal.AgiChannelImpl;
import org.asteriskjava.fastagi.internal.FastAgiConnectionHandler;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.ringside.routing.FastAgiAddress;
import io.ringside.routing.Router;
import io.ringside.routing.RoutingSettings;
import io.ringside.telephony.PbxSettings;

/**
 * The FastAGI server the dialplan asks for routes. Its scripts: {@code route}.
 * <p>
 * Connections arrive through an {@link AgiAcceptor}, which refuses peers outside
 * {@code ringside.pbx.agi.allowed-clients} and hands over only conversations whose
 * request has arrived whole (within {@code ringside.pbx.agi.request-timeout}), straight
 * to a worker of this server's pool ({@code ringside.pbx.agi.threads}), which runs the
 * script through Asterisk-Java's connection handler. A silent or slow peer therefore
 * never holds a worker, a stalled conversation holds one at most the request timeout per
 * reply, and a request wakes one thread on its way to its script. Nothing here touches an
 * event loop.
 * <p>
 * Departures from Asterisk-Java's own server, all for the dialplan's waiting caller: its
 * accept thread is not used (the acceptor gives each request to the pool itself); the
 * workers are started up front and a burst beyond them waits in a bounded queue
 * ({@link #QUEUED} conversations) instead of being refused (beyond it, a conversation is
 * closed unanswered, counted as busy, and the call takes the safety path); and the
 * {@code AJ_AGISTATUS} variable Asterisk-Java sets after every script is not sent, since
 * nothing reads it (the dialplan reads Asterisk's own {@code AGISTATUS}) and it cost the
 * caller one more round trip.
 */
@Component
class AgiServer implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(AgiServer.class);

	/** How many conversations may wait for a worker before new ones are refused. */
	static final int QUEUED = 1_000;

	private final PbxSettings settings;

	private final FastAgiAddress address;

	private final RouteScript route;

	private final AgiRefusals refusals;

	private @Nullable AgiAcceptor acceptor;

	private @Nullable ThreadPoolExecutor workers;

	AgiServer(PbxSettings settings, FastAgiAddress address, Router router, RoutingSettings routing,
			MeterRegistry meters) {
		this.settings = settings;
		this.refusals = new AgiRefusals(meters);
		this.address = address;
		this.route = new RouteScript(router, routing.answerWithin(), settings.ringTimeout());
	}

	/**
	 * Listens; a port already taken or an address that is not one stops the start-up,
	 * since a PBX could not reach this instance.
	 */
	@Override
	public synchronized void start() {
		// a request naming no script, or another, is closed unanswered (Asterisk-Java
		// logs it)
		MappingStrategy scripts = (request, channel) -> "route".equals(request.getScript()) ? route : null;
		PbxSettings.Agi agi = settings.agi();
		AllowedClients allowed = AllowedClients.of(agi.allowedClients().isEmpty()
				? List.of("127.0.0.0/8", "::1", settings.ami().host()) : agi.allowedClients());
		ThreadPoolExecutor pool = pool(agi.threads());
		try {
			InetSocketAddress bind = new InetSocketAddress(InetAddress.getByName(address.bindAddress()),
					address.port());
			acceptor = new AgiAcceptor(bind, allowed, agi.requestTimeout(), agi.maxHeaderLine(), agi.maxHeaders(),
					refusals, conversation -> start(pool, scripts, conversation));
		}
		catch (IOException ex) {
			pool.shutdown();
			throw new UncheckedIOException("FastAGI: cannot listen on " + address.bindAddress() + ":" + address.port()
					+ " (ringside.pbx.agi.bind-address, ringside.pbx.agi.port)", ex);
		}
		workers = pool;
		log.info("FastAGI server listening on " + address.bindAddress() + ":" + address.port() + " for " + allowed);
	}

	/**
	 * Stops listening; the conversations already handed over finish on their workers,
	 * which then end.
	 */
	@Override
	public synchronized void stop() {
		if (acceptor != null) {
			acceptor.close();
			acceptor = null;
		}
		if (workers != null) {
			workers.shutdown();
			workers = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return acceptor != null;
	}

	private static boolean start(ThreadPoolExecutor pool, MappingStrategy scripts, AgiConversation conversation) {
		try {
			pool.execute(new FastAgiConnectionHandler(scripts, conversation, WithoutStatusVariable::new));
			return true;
		}
		catch (RejectedExecutionException ex) {
			return false;
		}
	}

	private static ThreadPoolExecutor pool(int threads) {
		AtomicInteger count = new AtomicInteger();
		ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(QUEUED), runnable -> {
					Thread worker = new Thread(runnable, "fastagi-" + count.incrementAndGet());
					worker.setDaemon(true);
					return worker;
				});
		pool.prestartAllCoreThreads();
		return pool;
	}

	/**
	 * Asterisk-Java's channel, without the {@code AJ_AGISTATUS} round trip after each
	 * script.
	 */
	private static final class WithoutStatusVariable extends AgiChannelImpl {

		private static final String STATUS = "AJ_AGISTATUS";

		WithoutStatusVariable(AgiRequest request, AgiWriter writer, AgiReader reader) {
			super(request, writer, reader);
		}

		@Override
		public void setVariable(String name, String value) throws AgiException {
			if (!STATUS.equals(name)) {
				super.setVariable(name, value);
			}
		}

	}

}
