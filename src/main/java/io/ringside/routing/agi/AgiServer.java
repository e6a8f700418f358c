package io.ringside.routing.agi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.asteriskjava.fastagi.AgiServerThread;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.SimpleMappingStrategy;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.ringside.routing.FastAgiAddress;
import io.ringside.routing.Router;
import io.ringside.routing.RoutingSettings;
import io.ringside.telephony.PbxSettings;

/**
 * The FastAGI server the dialplan asks for routes. Its scripts: {@code route}.
 * <p>
 * Asterisk-Java's server accepts connections on its own thread and runs each script on a worker of its own pool
 * ({@code ringside.pbx.agi.threads}); nothing here touches an event loop.
 */
@Component
class AgiServer implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(AgiServer.class);

	private final PbxSettings settings;

	private final FastAgiAddress address;

	private final RouteScript route;

	private AgiServerThread thread;

	private volatile boolean running;

	AgiServer(PbxSettings settings, FastAgiAddress address, Router router, RoutingSettings routing) {
		this.settings = settings;
		this.address = address;
		this.route = new RouteScript(router, routing.answerWithin(), settings.ringTimeout());
	}

	@Override
	public synchronized void start() {
		SimpleMappingStrategy scripts = new SimpleMappingStrategy();
		scripts.setMappings(Map.of("route", route));
		DefaultAgiServer server = new DefaultAgiServer(scripts);
		server.setPort(address.port());
		server.setPoolSize(2);
		server.setMaximumPoolSize(settings.agi().threads());
		try {
			server.setAddress(InetAddress.getByName(address.bindAddress()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("ringside.pbx.agi.bind-address is not an address", ex);
		}
		thread = new AgiServerThread(server);
		thread.setDaemon(true);
		thread.startup();
		running = true;
		log.info("FastAGI server listening on " + address.bindAddress() + ":" + address.port());
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

}
