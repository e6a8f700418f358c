package io.ringside.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiReader;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiServerThread;
import org.asteriskjava.fastagi.AgiWriter;
import org.asteriskjava.fastagi.BaseAgiScript;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.StaticMappingStrategy;
import org.asteriskjava.fastagi.internal.AgiChannelImpl;

/**
 * The floor under the route latency: Asterisk-Java's own FastAGI server, default
 * settings, on loopback, running a script that sends the same kind of AGI commands as
 * Ringside's {@code route} but answers at once with a constant (no database, no Redis, no
 * Spring). What it costs is what the transport costs on this machine: a TCP connection,
 * the request headers, one round trip per command, the close, and the threads waking up
 * for each.
 * <p>
 * {@code current} chooses the conversation: Ringside's current one (EXEC MSet, one round
 * trip, the Linkedid coming in the request's address; GET FULL VARIABLE before it on a
 * retry; no AJ_AGISTATUS) or the earlier one (GET VARIABLE on a retry, GET FULL VARIABLE,
 * three SET VARIABLEs and Asterisk-Java's AJ_AGISTATUS: 5 round trips, 6 on a retry).
 */
final class BareAgi implements AutoCloseable {

	private final AgiServerThread thread;

	private final int port;

	BareAgi(boolean current) {
		this.port = freePort();
		DefaultAgiServer server = current
				? new DefaultAgiServer(null, new StaticMappingStrategy(new Script(true)), WithoutStatusVariable::new)
				: new DefaultAgiServer(new Script(false));
		server.setPort(port);
		server.setAddress(InetAddress.getLoopbackAddress());
		thread = new AgiServerThread(server);
		thread.setDaemon(true);
		thread.startup();
	}

	int port() {
		return port;
	}

	@Override
	public void close() {
		thread.shutdown();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static final class Script extends BaseAgiScript {

		private final boolean current;

		Script(boolean current) {
			this.current = current;
		}

		@Override
		public void service(AgiRequest request, AgiChannel channel) throws AgiException {
			boolean retry = Arrays.asList(request.getArguments()).contains("noanswer");
			String reason = retry ? "OWNER_NO_ANSWER" : "OWNER";
			if (current) {
				if (retry) {
					channel.getFullVariable("${CHANNEL(linkedid)}|${RINGSIDE_REASON}");
				}
				channel.exec("MSet",
						"RINGSIDE_TARGET=PJSIP/1001,RINGSIDE_REASON=" + reason + ",RINGSIDE_RING_TIMEOUT=20");
			}
			else {
				if (retry) {
					channel.getVariable("RINGSIDE_REASON");
				}
				channel.getFullVariable("${CHANNEL(linkedid)}");
				channel.setVariable("RINGSIDE_TARGET", "PJSIP/1001");
				channel.setVariable("RINGSIDE_REASON", reason);
				channel.setVariable("RINGSIDE_RING_TIMEOUT", "20");
			}
		}

	}

	/** As Ringside's FastAGI server does: no AJ_AGISTATUS round trip after the script. */
	private static final class WithoutStatusVariable extends AgiChannelImpl {

		WithoutStatusVariable(AgiRequest request, AgiWriter writer, AgiReader reader) {
			super(request, writer, reader);
		}

		@Override
		public void setVariable(String name, String value) throws AgiException {
			if (!"AJ_AGISTATUS".equals(name)) {
				super.setVariable(name, value);
			}
		}

	}

}
