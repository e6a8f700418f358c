package io.ringside.routing.agi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The FastAGI clients of a test, as raw sockets: a PBX that sends a request, one that
 * stays silent or misbehaves, a stranger. It closes them all on {@link #close()}
 * ({@code @AfterEach}), and says whether the server closed one or keeps it open. Used on
 * the test thread only.
 */
final class AgiPeers implements AutoCloseable {

	private final List<Socket> sockets = new ArrayList<>();

	/** A connection to the FastAGI server at this address, open once this returns. */
	Socket connect(InetSocketAddress server) throws IOException {
		Socket socket = new Socket();
		sockets.add(socket);
		socket.connect(server, 2_000);
		return socket;
	}

	/** Every connection opened so far. */
	List<Socket> all() {
		return List.copyOf(sockets);
	}

	static void send(Socket socket, String text) throws IOException {
		socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
		socket.getOutputStream().flush();
	}

	/**
	 * Sends what the server may refuse halfway: it may close before the last bytes are
	 * written.
	 */
	static void sendUntilClosed(Socket socket, String text) throws IOException {
		try {
			send(socket, text);
		}
		catch (SocketException closedWhileSending) {
			// the server closed the connection: what the test checks next
		}
	}

	/**
	 * Reads until the server closes: end of stream or a reset, whichever the peer's
	 * unread bytes cause.
	 */
	static void assertClosedWithin(Socket socket, Duration within) throws IOException {
		socket.setSoTimeout((int) within.toMillis());
		InputStream in = socket.getInputStream();
		try {
			assertThat(in.read()).isEqualTo(-1);
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("still open after " + within, ex);
		}
		catch (SocketException reset) {
			// closed with unread data: a reset is a close too
		}
	}

	/**
	 * What the server wrote before it closed (a FastAGI script's commands), read until
	 * the end of stream or a reset.
	 */
	static String readUntilClosed(Socket socket, Duration within) throws IOException {
		socket.setSoTimeout((int) within.toMillis());
		ByteArrayOutputStream written = new ByteArrayOutputStream();
		InputStream in = socket.getInputStream();
		byte[] buffer = new byte[1024];
		try {
			int read;
			while ((read = in.read(buffer)) >= 0) {
				written.write(buffer, 0, read);
			}
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("still open after " + within + ", having written " + written, ex);
		}
		catch (SocketException reset) {
			// closed with unread data: a reset is a close too
		}
		return written.toString(StandardCharsets.UTF_8);
	}

	/** The next line the server wrote (a FastAGI command), without its newline. */
	static String readLine(Socket socket) throws IOException {
		socket.setSoTimeout(10_000);
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		InputStream in = socket.getInputStream();
		int read;
		while ((read = in.read()) != '\n') {
			if (read < 0) {
				throw new AssertionError("closed after " + line);
			}
			line.write(read);
		}
		return line.toString(StandardCharsets.UTF_8);
	}

	/** Nothing to read and not closed. */
	static void assertStillOpen(Socket socket) throws IOException {
		socket.setSoTimeout(1);
		try {
			int read = socket.getInputStream().read();
			throw new AssertionError("closed early (read " + read + ")");
		}
		catch (SocketTimeoutException stillOpen) {
			// nothing to read and not closed
		}
	}

	@Override
	public void close() throws IOException {
		for (Socket socket : sockets) {
			socket.close();
		}
	}

}
