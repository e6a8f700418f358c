package org.asteriskjava.manager.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.asteriskjava.manager.event.DialEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.ProtocolIdentifierReceivedEvent;
import org.asteriskjava.manager.response.CommandResponse;
import org.asteriskjava.manager.response.ManagerResponse;
import org.asteriskjava.util.SocketConnectionFacade;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.ringside.telephony.AmiEvent;
import io.ringside.telephony.CallTracker;
import io.ringside.telephony.Captures;
import io.ringside.telephony.TelephonyEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link RawEventReader} makes of the lines of a manager session: the events it is
 * told to read raw go to its sink as sent, on the reader's thread and in order; the rest
 * reach Asterisk-Java's dispatcher as its own reader builds them; a block that cannot be
 * read is skipped; the end of the stream is a disconnect.
 */
class RawEventReaderTests {

	private final List<String> raw = Collections.synchronizedList(new ArrayList<>());

	private final List<Thread> rawThreads = Collections.synchronizedList(new ArrayList<>());

	private final Recording dispatched = new Recording();

	@Test
	void readsTheNamedEventsRawAndInOrderOnItsOwnThread() {
		run(List.of("Asterisk Call Manager/7.0.3", "Event: Newchannel", "Privilege: call,all",
				"Channel: PJSIP/101-00000001", "ChannelState: 4", "CallerIDNum: <unknown>", "Uniqueid: 1.1",
				"Linkedid: 1.1", "ChanVariable: A=1", "ChanVariable: B=2", "", "event: hangup",
				"Channel:   PJSIP/101-00000001  ", "Cause-txt: Normal Clearing", "", ""));

		assertThat(raw).containsExactly(
				"Newchannel [Privilege=call,all, Channel=PJSIP/101-00000001, ChannelState=4, CallerIDNum=<unknown>, "
						+ "Uniqueid=1.1, Linkedid=1.1, ChanVariable=A=1, ChanVariable=B=2]",
				"hangup [Channel=PJSIP/101-00000001, Cause-txt=Normal Clearing]");
		assertThat(rawThreads).allMatch(thread -> thread == Thread.currentThread());
		assertThat(dispatched.events()).hasSize(2)
			.first()
			.isInstanceOfSatisfying(ProtocolIdentifierReceivedEvent.class,
					greeting -> assertThat(greeting.getProtocolIdentifier()).isEqualTo("Asterisk Call Manager/7.0.3"));
		assertThat(dispatched.events().get(1)).isInstanceOf(DisconnectEvent.class);
	}

	/**
	 * Names and values are taken from the line's bytes: the spaces and tabs around them
	 * go, a value's own characters stay, however they are encoded (every byte of a
	 * Cyrillic letter in UTF-8 is above 0x7F, a negative byte to Java).
	 */
	@Test
	void headersAreTakenFromTheBytesOfTheirLines() {
		run(List.of("Event: Newchannel", "CallerIDName: \t Пётр Иванов ", " Uniqueid :1.1", "Exten: ", ""));

		assertThat(raw).containsExactly("Newchannel [CallerIDName=Пётр Иванов, Uniqueid=1.1, Exten=]");
	}

	@ParameterizedTest
	@ValueSource(strings = { "01_answered_internal_pjsip_ast16.txt", "02_missed_rejected_pjsip_ast16.txt",
			"05_originate_async_local_ast16.txt", "15_queue_local_members_answered_freepbx16.txt",
			"16_queue_local_members_abandoned_freepbx16.txt", "18_queue_ringall_sip_trunk_local_ast13.txt",
			"21_attended_transfer_internal_sip_ast13.txt" })
	void aRealCaptureReadOffTheWireTellsTheTrackerWhatTheCaptureTells(String file) {
		List<String> wire = Captures.text(file).lines().filter(line -> !line.startsWith("#")).toList();
		List<AmiEvent> read = Collections.synchronizedList(new ArrayList<>());
		Set<String> names = Captures.events(file)
			.stream()
			.map(event -> event.name().toLowerCase(Locale.ROOT))
			.collect(Collectors.toSet());
		RawEventReader reader = new RawEventReader(dispatched, this, names,
				(name, headers, values, count) -> read.add(AmiEvent.ofFields(name, headers, values, count)));

		run(reader, wire);

		List<TelephonyEvent> direct = track(Captures.events(file));
		assertThat(direct).isNotEmpty();
		assertThat(track(read)).isEqualTo(direct);
		assertThat(read).isEqualTo(Captures.events(file));
	}

	@Test
	void buildsTheOtherEventsAndTheResponsesAsAsteriskJavaDoes() {
		RawEventReader reader = reader();
		reader.expectResponseClass("7", CommandResponse.class);
		run(reader,
				List.of("Event: Dial", "SubEvent: Begin", "Channel: SIP/101-00000001", "Destination: SIP/102-00000002",
						"UniqueID: 1.1", "DestUniqueID: 1.2", "", "Response: Success", "ActionID: 7#a1",
						"Message: Command output follows", "Output: line one", "Output: line two", "",
						"Response: Error", "ActionID: 8#a2", "Message: Permission denied", ""));

		assertThat(raw).isEmpty();
		assertThat(dispatched.events().get(0)).isInstanceOfSatisfying(DialEvent.class, dial -> {
			assertThat(dial.getSubEvent()).isEqualTo("Begin");
			assertThat(dial.getDestUniqueId()).isEqualTo("1.2");
		});
		assertThat(dispatched.responses()).hasSize(2);
		assertThat(dispatched.responses().get(0)).isInstanceOfSatisfying(CommandResponse.class,
				command -> assertThat(command.getResult()).containsExactly("line one", "line two"));
		assertThat(dispatched.responses().get(1).getResponse()).isEqualTo("Error");
		assertThat(dispatched.responses().get(1).getMessage()).isEqualTo("Permission denied");
	}

	@Test
	void aSinkThatThrowsLosesOnlyItsOwnEvent() {
		RawEventReader reader = new RawEventReader(dispatched, this, Set.of("newchannel", "hangup"),
				(name, names, values, count) -> {
					if (name.equals("Newchannel")) {
						throw new IllegalStateException("a listener failed");
					}
					raw.add(name + " [" + names[0] + "=" + values[0] + "]");
				});
		run(reader, List.of("Event: Newchannel", "Uniqueid: 1.1", "", "Event: Hangup", "Uniqueid: 1.1", ""));

		assertThat(raw).containsExactly("Hangup [Uniqueid=1.1]");
		assertThat(dispatched.events()).singleElement().isInstanceOf(DisconnectEvent.class);
	}

	@Test
	void aReadErrorStopsTheReaderAsADisconnect() {
		RawEventReader reader = reader();
		Lines lines = new Lines(List.of("Event: Newchannel", "Uniqueid: 1.1", ""));
		lines.failAtEnd = true;
		reader.setSocket(lines);

		reader.run();

		assertThat(raw).containsExactly("Newchannel [Uniqueid=1.1]");
		assertThat(reader.isDead()).isTrue();
		assertThat(reader.getTerminationException()).hasMessage("connection reset");
		assertThat(dispatched.events()).singleElement().isInstanceOf(DisconnectEvent.class);
	}

	private static List<TelephonyEvent> track(List<AmiEvent> events) {
		CallTracker tracker = new CallTracker(Clock.fixed(Instant.parse("2026-06-17T10:00:00Z"), ZoneOffset.UTC));
		List<TelephonyEvent> out = new ArrayList<>();
		events.forEach(event -> out.addAll(tracker.on(event)));
		return out;
	}

	private RawEventReader reader() {
		return new RawEventReader(dispatched, this, Set.of("newchannel", "hangup"), (name, names, values, count) -> {
			rawThreads.add(Thread.currentThread());
			StringBuilder fields = new StringBuilder();
			for (int i = 0; i < count; i++) {
				fields.append(i == 0 ? "" : ", ").append(names[i]).append('=').append(values[i]);
			}
			raw.add(name + " [" + fields + "]");
		});
	}

	private void run(List<String> lines) {
		run(reader(), lines);
	}

	private void run(RawEventReader reader, List<String> lines) {
		reader.setSocket(new Lines(lines));
		reader.run();
		assertThat(reader.isDead()).isTrue();
		// the pump delivers on a thread of its own; the disconnect is its last
		Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.until(() -> dispatched.events().stream().anyMatch(DisconnectEvent.class::isInstance));
	}

	/** Asterisk-Java's dispatcher, recording what it is given. */
	private static final class Recording implements Dispatcher {

		private final List<ManagerEvent> events = Collections.synchronizedList(new ArrayList<>());

		private final List<ManagerResponse> responses = Collections.synchronizedList(new ArrayList<>());

		List<ManagerEvent> events() {
			return List.copyOf(events);
		}

		List<ManagerResponse> responses() {
			return List.copyOf(responses);
		}

		@Override
		public void dispatchResponse(ManagerResponse response, Integer requiredHandlingTime) {
			responses.add(response);
		}

		@Override
		public void dispatchEvent(ManagerEvent event, Integer requiredHandlingTime) {
			events.add(event);
		}

		@Override
		public void stop() {
		}

	}

	/** A socket that reads the given lines, then the end of the stream (or an error). */
	private static final class Lines implements SocketConnectionFacade {

		private final Deque<String> lines;

		boolean failAtEnd;

		Lines(List<String> lines) {
			this.lines = new ArrayDeque<>(lines);
		}

		@Override
		public String readLine() throws IOException {
			if (lines.isEmpty() && failAtEnd) {
				throw new IOException("connection reset");
			}
			return lines.poll();
		}

		@Override
		public void write(String s) {
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}

		@Override
		public boolean isConnected() {
			return true;
		}

		@Override
		public InetAddress getLocalAddress() {
			return InetAddress.getLoopbackAddress();
		}

		@Override
		public int getLocalPort() {
			return 0;
		}

		@Override
		public InetAddress getRemoteAddress() {
			return InetAddress.getLoopbackAddress();
		}

		@Override
		public int getRemotePort() {
			return 0;
		}

	}

}
