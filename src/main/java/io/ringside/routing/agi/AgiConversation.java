package io.ringside.routing.agi;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.asteriskjava.util.SocketConnectionFacade;
import org.jspecify.annotations.Nullable;

/**
 * One FastAGI conversation whose request has already arrived whole, as Asterisk-Java's
 * connection handler reads it: first the request's lines, then the PBX's replies straight
 * from the (now blocking) socket, each line bounded in length and each wait bounded by
 * the socket's read timeout. Used by one worker thread at a time.
 */
final class AgiConversation implements SocketConnectionFacade {

	private final Socket socket;

	private final Deque<String> request;

	private final InputStream in;

	private final OutputStream out;

	private final byte[] line;

	/**
	 * @param request the request's lines, ending with the empty line
	 * @param rest bytes the peer sent after the request, not yet read
	 * @param maxLine the longest line accepted from the peer, in bytes
	 */
	AgiConversation(Socket socket, List<String> request, byte[] rest, int maxLine) throws IOException {
		this.socket = socket;
		this.request = new ArrayDeque<>(request);
		InputStream stream = socket.getInputStream();
		this.in = new BufferedInputStream(
				rest.length == 0 ? stream : new SequenceInputStream(new ByteArrayInputStream(rest), stream), 1024);
		this.out = socket.getOutputStream();
		this.line = new byte[maxLine];
	}

	/** The next line without its end; null when the peer has closed the connection. */
	@Override
	public @Nullable String readLine() throws IOException {
		String next = request.poll();
		if (next != null) {
			return next;
		}
		int length = 0;
		int b;
		while ((b = in.read()) != -1 && b != '\n') {
			if (length == line.length) {
				throw new IOException("FastAGI line longer than " + line.length + " bytes");
			}
			line[length++] = (byte) b;
		}
		if (b == -1 && length == 0) {
			return null;
		}
		int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
		return new String(line, 0, end, StandardCharsets.UTF_8);
	}

	@Override
	public void write(String s) throws IOException {
		out.write(s.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public void flush() throws IOException {
		out.flush();
	}

	@Override
	public void close() throws IOException {
		socket.close();
	}

	@Override
	public boolean isConnected() {
		return socket.isConnected() && !socket.isClosed();
	}

	@Override
	public InetAddress getLocalAddress() {
		return socket.getLocalAddress();
	}

	@Override
	public int getLocalPort() {
		return socket.getLocalPort();
	}

	@Override
	public InetAddress getRemoteAddress() {
		return socket.getInetAddress();
	}

	@Override
	public int getRemotePort() {
		return socket.getPort();
	}

}
