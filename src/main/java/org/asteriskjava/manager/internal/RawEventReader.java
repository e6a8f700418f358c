package org.asteriskjava.manager.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.ProtocolIdentifierReceivedEvent;
import org.asteriskjava.manager.response.ManagerResponse;
import org.asteriskjava.util.DateUtil;
import org.asteriskjava.util.SocketConnectionFacade;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * Reads the manager connection's socket, a block of {@code Name: Value} lines at a time
 * up to the empty line that ends it.
 * <ul>
 * <li>An event whose name is in {@code raw} goes to the sink at once, on this thread, its
 * headers as sent: no attribute map, no typed event built by reflection (a setter looked
 * up and invoked per header, a regular expression per header name), no hand-over to the
 * event pump's thread. Ringside's call model reads raw AMI fields anyway.</li>
 * <li>Any other event is built by Asterisk-Java's event builder and a response by its
 * response builder (with the class an action expects, as registered through
 * {@link #expectResponseClass}), and both go through an {@link AsyncEventPump} as with
 * Asterisk-Java's own reader, so its listeners see what they always saw. The protocol
 * identifier line and the legacy {@code Response: Follows} command output are read as
 * that reader reads them.</li>
 * <li>A block that fails to build or whose sink throws is logged and skipped; the reader
 * goes on. At the end of the stream (or on a read error) a {@link DisconnectEvent} is
 * dispatched, so the connection reconnects as usual.</li>
 * </ul>
 * A raw event can overtake a typed one still in the pump's queue; what Ringside reads raw
 * (channels, dials, bridges, transfers, queue members, device states) is all raw, so
 * their own order is the order read.
 */
@NullMarked
class RawEventReader implements ManagerReader {

	private static final Log log = LogFactory.getLog(RawEventReader.class);

	/** How each kind of AMI server begins the session (one line, before any block). */
	private static final List<byte[]> GREETINGS = Stream
		.of("Asterisk Call Manager/", "Asterisk Call Manager Proxy/", "Asterisk Manager Proxy/",
				"OpenPBX Call Manager/", "CallWeaver Call Manager/")
		.map(greeting -> greeting.getBytes(StandardCharsets.US_ASCII))
		.toList();

	private final Dispatcher dispatcher;

	private final Object source;

	private final Set<String> raw;

	private final RawEventConnection.RawEvents sink;

	private final EventBuilder events = new EventBuilderImpl();

	private final ResponseBuilder responses = new ResponseBuilderImpl();

	private final Map<String, Class<? extends ManagerResponse>> expected = new ConcurrentHashMap<>();

	/**
	 * Whether an event of that name is read raw, by the name as sent (names repeat: no
	 * lower-case copy for each event). The reader's own.
	 */
	private final Map<String, Boolean> readRaw = new HashMap<>();

	/** Event names remembered at most, in {@link #readRaw}. */
	private static final int EVENT_NAMES = 512;

	private volatile @Nullable SocketConnectionFacade socket;

	private volatile boolean die;

	private volatile boolean dead;

	private volatile @Nullable IOException terminationException;

	RawEventReader(Dispatcher dispatcher, Object source, Set<String> raw, RawEventConnection.RawEvents sink) {
		this.dispatcher = dispatcher;
		this.source = source;
		this.raw = raw;
		this.sink = sink;
	}

	@Override
	public void setSocket(SocketConnectionFacade socket) {
		this.socket = socket;
	}

	@Override
	public void registerEventClass(Class<? extends ManagerEvent> eventClass) {
		events.registerEventClass(eventClass);
	}

	@Override
	public void deregisterEventClass(Class<? extends ManagerEvent> eventClass) {
		events.deregisterEventClass(eventClass);
	}

	@Override
	public void expectResponseClass(String internalActionId, Class<? extends ManagerResponse> responseClass) {
		expected.put(internalActionId, responseClass);
	}

	@Override
	public void die() {
		die = true;
	}

	@Override
	public boolean isDead() {
		return dead;
	}

	@Override
	public @Nullable IOException getTerminationException() {
		return terminationException;
	}

	@Override
	public void run() {
		SocketConnectionFacade reading = socket;
		if (reading == null) {
			throw new IllegalStateException("Unable to run: no socket");
		}
		die = false;
		dead = false;
		AsyncEventPump pump = new AsyncEventPump(this, dispatcher, Thread.currentThread().getName());
		RawBlock block = new RawBlock();
		try {
			ByteLines lines = ByteLines.of(reading);
			int length;
			while (!die && (length = lines.nextLine()) >= 0) {
				if (length == 0) {
					if (!block.isEmpty()) {
						handle(block, pump);
						block.clear();
					}
				}
				else if (block.isEmpty() && greeting(lines.bytes(), lines.start(), length)) {
					ProtocolIdentifierReceivedEvent greeting = new ProtocolIdentifierReceivedEvent(source);
					greeting.setProtocolIdentifier(new String(lines.bytes(), lines.start(), length, lines.charset()));
					greeting.setDateReceived(DateUtil.getDate());
					pump.dispatchEvent(greeting, null);
				}
				else {
					block.add(lines.bytes(), lines.start(), length, lines.charset());
				}
			}
			log.debug("End of the manager stream; the reader stops");
		}
		catch (IOException ex) {
			terminationException = ex;
			log.info("The manager reader stops: " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			terminationException = new IOException(ex);
			log.error("The manager reader stops on an unexpected error", ex);
		}
		finally {
			dead = true;
			DisconnectEvent disconnected = new DisconnectEvent(source);
			disconnected.setDateReceived(DateUtil.getDate());
			pump.dispatchEvent(disconnected, null);
			pump.stop();
		}
	}

	private boolean readRaw(String event) {
		Boolean known = readRaw.get(event);
		if (known == null) {
			if (readRaw.size() >= EVENT_NAMES) {
				readRaw.clear();
			}
			known = raw.contains(event.toLowerCase(Locale.ROOT));
			readRaw.put(event, known);
		}
		return known;
	}

	private static boolean greeting(byte[] bytes, int start, int length) {
		for (byte[] greeting : GREETINGS) {
			if (length >= greeting.length
					&& Arrays.equals(bytes, start, start + greeting.length, greeting, 0, greeting.length)) {
				return true;
			}
		}
		return false;
	}

	private void handle(RawBlock block, AsyncEventPump pump) {
		try {
			@Nullable String event = block.event();
			if (event != null && readRaw(event)) {
				sink.read(event, block.names(), block.values(), block.size());
			}
			else if (event != null) {
				ManagerEvent built = events.buildEvent(source, block.attributes());
				if (built != null) {
					built.setDateReceived(DateUtil.getDate());
					pump.dispatchEvent(built, null);
				}
			}
			else if (block.response() != null) {
				Map<String, Object> attributes = block.attributes();
				String internalActionId = ManagerUtil.getInternalActionId((String) attributes.get("actionid"));
				Class<? extends ManagerResponse> type = (internalActionId != null) ? expected.remove(internalActionId)
						: null;
				ManagerResponse response = responses.buildResponse(type, attributes);
				if (response != null) {
					response.setDateReceived(DateUtil.getDate());
					pump.dispatchResponse(response, null);
				}
			}
			else {
				log.debug("A block with neither an event nor a response: skipped");
			}
		}
		catch (RuntimeException ex) {
			log.warn("Skipped a manager block that could not be read: " + block, ex);
		}
	}

}
