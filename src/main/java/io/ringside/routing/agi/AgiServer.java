package io.ringside.routing.agi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiReader;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiServerThread;
import org.asteriskjava.fastagi.AgiWriter;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.SimpleMappingStrategy;
import org.asteriskjava.fastagi.internal.AgiChannelImpl;
import org.asteriskjava.util.ServerSocketFacade;
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
 * {@code ringside.pbx.agi.allowed-clients} and hands Asterisk-Java only conversations
 * whose request has arrived whole (within {@code ringside.pbx.agi.request-timeout});
 * Asterisk-Java's accept thread then runs each script on a worker of its own pool
 * ({@code ringside.pbx.agi.threads}). A silent or slow peer therefore never holds a
 * worker, and a stalled conversation holds one at most the request timeout per reply.
 * Nothing here touches an event loop.
 * <p>
 * Two departures from Asterisk-Java's defaults, both for the dialplan's waiting caller:
 * the workers are started up front and a burst beyond them waits in a bounded queue
 * ({@link #QUEUED} conversations) instead of being refused (Asterisk-Java's pool has no
 * queue, so a refused conversation is closed unanswered and the call takes the safety
 * path); and the {@code AJ_AGISTATUS} variable Asterisk-Java sets after every script is
 * not sent, since nothing reads it (the dialplan reads Asterisk's own {@code AGISTATUS})
 * and it cost the caller one more round trip.
 */
@Component
class AgiServer implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(AgiServer.class);

	/**
	 * How many conversations may wait for a worker before Asterisk-Java refuses new ones.
	 */
	static final int QUEUED = 1_000;

	private final PbxSettings settings;

	private final FastAgiAddress address;

	private final RouteScript route;

	private final AgiRefusals refusals;

	private @Nullable AgiServerThread thread;

	private volatile boolean running;

	AgiServer(PbxSettings settings, FastAgiAddress address, Router router, RoutingSettings routing,
			MeterRegistry meters) {
		this.settings = settings;
		this.refusals = new AgiRefusals(meters);
		this.address = address;
		this.route = new RouteScript(router, routing.answerWithin(), settings.ringTimeout());
	}

	@Override
	public synchronized void start() {
		SimpleMappingStrategy scripts = new SimpleMappingStrategy();
		scripts.setMappings(Map.of("route", route));
		int threads = settings.agi().threads();
		PbxSettings.Agi agi = settings.agi();
		InetSocketAddress bind;
		try {
			bind = new InetSocketAddress(InetAddress.getByName(address.bindAddress()), address.port());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("ringside.pbx.agi.bind-address is not an address", ex);
		}
		AllowedClients allowed = AllowedClients.of(agi.allowedClients().isEmpty()
				? List.of("127.0.0.0/8", "::1", settings.ami().host()) : agi.allowedClients());
		DefaultAgiServer server = new DefaultAgiServer(null, scripts, WithoutStatusVariable::new) {

			@Override
			protected ServerSocketFacade createServerSocket() throws IOException {
				return new AgiAcceptor(bind, allowed, agi.requestTimeout(), agi.maxHeaderLine(), agi.maxHeaders(),
						refusals);
			}

			@Override
			protected ThreadPoolExecutor createPool() {
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

		};
		server.setPoolSize(threads);
		server.setMaximumPoolSize(threads);
		thread = new AgiServerThread(server);
		thread.setDaemon(true);
		thread.startup();
		running = true;
		log.info("FastAGI server listening on " + address.bindAddress() + ":" + address.port() + " for " + allowed);
	}

	@Override
	public synchronized void stop() {
		if (thread != null) {
			thread.shutdown();
			thread = null;
		}
		running = false;
	}

	@Override
	public boolean isRunning() {
		return running;
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
