package io.ringside.bench;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A minimal AMI server on loopback for one client at a time, just enough Asterisk 20 for
 * Asterisk-Java to log in (Challenge/MD5 Login, CoreSettings, CoreShowChannels, Ping,
 * Logoff; every reply echoes the ActionID), and then a stream of call events written as
 * fast as the client reads them (TCP backpressure) or at a given rate.
 * <p>
 * It is not the PBX simulator on purpose: the simulator's AMI server drops a client that
 * lags by 4,096 messages (as it should), so it cannot measure how fast a client can go.
 * Plain blocking sockets: one thread reads actions, the caller of {@link #stream} writes
 * events; writes are serialised on the output stream.
 */
final class AmiStream implements AutoCloseable {

	/** Events per rendered chunk: also the pacing step. */
	static final int CHUNK = 64;

	private final ServerSocket server;

	private final Thread acceptor;

	private volatile Session session;

	private volatile CountDownLatch channelsAsked = new CountDownLatch(1);

	private volatile CountDownLatch loggedIn = new CountDownLatch(1);

	AmiStream() {
		try {
			server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		acceptor = new Thread(this::accept, "bench-ami-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	int port() {
		return server.getLocalPort();
	}

	/**
	 * Waits until a client is logged in (and, if asked, has asked for the active
	 * channels, as Ringside does).
	 */
	void awaitClient(boolean withChannels) throws InterruptedException {
		if (!loggedIn.await(30, TimeUnit.SECONDS) || (withChannels && !channelsAsked.await(30, TimeUnit.SECONDS))) {
			throw new IllegalStateException("No AMI client logged in within 30 s");
		}
	}

	/**
	 * Renders the whole stream before it is sent, so that making the text costs nothing
	 * while the client is measured: chunks of {@value #CHUNK} events.
	 */
	static List<byte[]> render(CallEvents calls) {
		List<byte[]> chunks = new ArrayList<>();
		StringBuilder text = new StringBuilder(CHUNK * 1024);
		int inChunk = 0;
		while (calls.next(text)) {
			if (++inChunk == CHUNK) {
				chunks.add(text.toString().getBytes(StandardCharsets.US_ASCII));
				text.setLength(0);
				inChunk = 0;
			}
		}
		if (inChunk > 0) {
			chunks.add(text.toString().getBytes(StandardCharsets.US_ASCII));
		}
		return chunks;
	}

	/**
	 * Writes rendered events to the connected client and returns when the last byte is
	 * handed to the socket.
	 * @param eventsPerSecond 0 for as fast as the client reads
	 * @return when the first event was written (System.nanoTime)
	 */
	long stream(List<byte[]> chunks, double eventsPerSecond) throws IOException {
		Session current = session;
		if (current == null) {
			throw new IllegalStateException("No AMI client");
		}
		long started = System.nanoTime();
		long written = 0;
		for (byte[] chunk : chunks) {
			synchronized (current.out) {
				current.out.write(chunk);
				if (eventsPerSecond > 0) {
					current.out.flush();
				}
			}
			written += CHUNK;
			if (eventsPerSecond > 0) {
				long wait = started + (long) (written * 1e9 / eventsPerSecond) - System.nanoTime();
				if (wait > 0) {
					LockSupport.parkNanos(wait);
				}
			}
		}
		synchronized (current.out) {
			current.out.flush();
		}
		return started;
	}

	/** Drops the client and gets ready for the next one. */
	void disconnect() {
		Session current = session;
		session = null;
		loggedIn = new CountDownLatch(1);
		channelsAsked = new CountDownLatch(1);
		if (current != null) {
			current.close();
		}
	}

	@Override
	public void close() {
		disconnect();
		try {
			server.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	private void accept() {
		while (!server.isClosed()) {
			try {
				Socket socket = server.accept();
				socket.setTcpNoDelay(true);
				Session next = new Session(socket);
				Session previous = session;
				session = next;
				if (previous != null) {
					previous.close();
				}
				Thread reader = new Thread(next::read, "bench-ami-actions");
				reader.setDaemon(true);
				reader.start();
			}
			catch (IOException closed) {
				return;
			}
		}
	}

	/** One AMI client connection. */
	private final class Session {

		private final Socket socket;

		private final OutputStream out;

		Session(Socket socket) throws IOException {
			this.socket = socket;
			this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
		}

		void read() {
			try (BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))) {
				send("Asterisk Call Manager/9.0.0\r\n");
				Map<String, String> action = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
				String line;
				while ((line = in.readLine()) != null) {
					if (!line.isEmpty()) {
						int colon = line.indexOf(':');
						if (colon > 0) {
							action.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
						}
						continue;
					}
					if (!action.isEmpty()) {
						answer(action);
						action = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
					}
				}
			}
			catch (IOException gone) {
				// the client went away
			}
		}

		private void answer(Map<String, String> action) throws IOException {
			String id = action.get("ActionID");
			String idLine = id == null ? "" : "ActionID: " + id + "\r\n";
			String name = action.getOrDefault("Action", "").toLowerCase(Locale.ROOT);
			switch (name) {
				case "challenge" -> send("Response: Success\r\n" + idLine + "Challenge: 840315724\r\n\r\n");
				case "login" -> {
					send("Response: Success\r\n" + idLine + "Message: Authentication accepted\r\n\r\n"
							+ "Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: 1\r\nLastReload: 1\r\n"
							+ "Status: Fully Booted\r\n\r\n");
				}
				case "coresettings" -> {
					send("Response: Success\r\n" + idLine + "AMIversion: 9.0.0\r\nAsteriskVersion: 20.9.3\r\n"
							+ "SystemName: \r\nCoreMaxCalls: 0\r\nCoreMaxLoadAvg: 0.000000\r\nCoreRunUser: asterisk\r\n"
							+ "CoreRunGroup: asterisk\r\nCoreMaxFilehandles: 0\r\nCoreRealTimeEnabled: No\r\n"
							+ "CoreCDRenabled: Yes\r\nCoreHTTPenabled: No\r\nSoundsSearchCustomDir: No\r\n\r\n");
					loggedIn.countDown();
				}
				case "coreshowchannels" -> {
					send("Response: Success\r\n" + idLine + "EventList: start\r\nMessage: Channels will follow\r\n\r\n"
							+ "Event: CoreShowChannelsComplete\r\n" + idLine
							+ "EventList: Complete\r\nListItems: 0\r\n\r\n");
					channelsAsked.countDown();
				}
				case "logoff" -> {
					send("Response: Goodbye\r\n" + idLine + "Message: Thanks for all the fish.\r\n\r\n");
					close();
				}
				case "ping" -> send("Response: Success\r\n" + idLine + "Ping: Pong\r\nTimestamp: "
						+ String.format(Locale.ROOT, "%.6f", System.currentTimeMillis() / 1000.0) + "\r\n\r\n");
				default -> send("Response: Error\r\n" + idLine + "Message: Invalid/unknown command\r\n\r\n");
			}
		}

		private void send(String text) throws IOException {
			synchronized (out) {
				out.write(text.getBytes(StandardCharsets.US_ASCII));
				out.flush();
			}
		}

		void close() {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}

	}

}
