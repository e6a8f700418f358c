package org.asteriskjava.manager.internal;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.asteriskjava.util.SocketConnectionFacade;
import org.jspecify.annotations.NullMarked;

/**
 * Ringside's one seam into Asterisk-Java's internals (so it lives in their package): a
 * manager connection whose reader hands the events named in {@code raw} straight to a
 * {@link RawEvents} sink, on the reader's thread, as the lines Asterisk sent, instead of
 * building a typed event by reflection and handing it to a second thread. Everything else
 * (responses, the replies to event-generating actions, other events, the connection's own
 * events) is read and dispatched as Asterisk-Java's own reader does, through its event
 * pump. See {@link RawEventReader}. Its socket reads lines from bytes
 * ({@link LineSocket}).
 * <p>
 * The reader factory is a protected method whose parameter type is package-private, so it
 * can only be overridden from this package.
 */
@NullMarked
public class RawEventConnection extends ManagerConnectionImpl {

	private final Set<String> raw;

	private final RawEvents sink;

	/** Asterisk-Java's defaults: no timeout. */
	private int socketTimeout;

	private int socketReadTimeout;

	/**
	 * @param raw the names of the events to hand to {@code sink} (matched without regard
	 * to case)
	 * @param sink called on the reader's thread for each of them, in the order read; it
	 * must return at once
	 */
	public RawEventConnection(String hostname, int port, String username, String password, Set<String> raw,
			RawEvents sink) {
		setHostname(hostname);
		setPort(port);
		setUsername(username);
		setPassword(password);
		this.raw = raw.stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
		this.sink = sink;
	}

	@Override
	protected ManagerReader createReader(Dispatcher dispatcher, Object source) {
		return new RawEventReader(dispatcher, source, raw, sink);
	}

	/** The socket, with its lines read by {@link CrLfLines}. */
	@Override
	protected SocketConnectionFacade createSocket() throws IOException {
		return new LineSocket(getHostname(), getPort(), isSsl(), socketTimeout, socketReadTimeout, getEncoding());
	}

	@Override
	public void setSocketTimeout(int socketTimeout) {
		super.setSocketTimeout(socketTimeout);
		this.socketTimeout = socketTimeout;
	}

	@Override
	public void setSocketReadTimeout(int socketReadTimeout) {
		super.setSocketReadTimeout(socketReadTimeout);
		this.socketReadTimeout = socketReadTimeout;
	}

	/** Where the raw events go. */
	@FunctionalInterface
	public interface RawEvents {

		/**
		 * One event, read on the reader's thread.
		 * @param name the {@code Event} header's value, as sent
		 * @param names the other headers' names as sent, in the order sent; the array is
		 * the reader's and is reused once this returns
		 * @param values their values, trimmed; the same
		 * @param count how many headers the arrays hold
		 */
		void read(String name, String[] names, String[] values, int count);

	}

}
