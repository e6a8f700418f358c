package org.asteriskjava.manager.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.Charset;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

import org.asteriskjava.util.SocketConnectionFacade;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * The manager connection's socket, as Asterisk-Java's own connects it (TLS when asked,
 * the same timeouts and character set), with its lines read by {@link CrLfLines}.
 */
@NullMarked
final class LineSocket implements SocketConnectionFacade {

	private static final int BUFFER = 16 * 1024;

	private final Socket socket;

	private final CrLfLines lines;

	private final Writer writer;

	LineSocket(String host, int port, boolean ssl, int connectTimeout, int readTimeout, Charset charset)
			throws IOException {
		this.socket = (ssl ? SSLSocketFactory.getDefault() : SocketFactory.getDefault()).createSocket();
		try {
			socket.setSoTimeout(readTimeout);
			socket.connect(new InetSocketAddress(host, port), connectTimeout);
			this.lines = new CrLfLines(socket.getInputStream(), charset, BUFFER);
			this.writer = new BufferedWriter(new OutputStreamWriter(socket.getOutputStream(), charset));
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
	}

	@Override
	public @Nullable String readLine() throws IOException {
		return lines.next();
	}

	/** The lines as bytes, read from this socket. */
	CrLfLines lines() {
		return lines;
	}

	@Override
	public void write(String text) throws IOException {
		writer.write(text);
	}

	@Override
	public void flush() throws IOException {
		writer.flush();
	}

	@Override
	public void close() throws IOException {
		socket.close();
	}

	@Override
	public boolean isConnected() {
		return socket.isConnected();
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
