package org.asteriskjava.manager.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.asteriskjava.util.SocketConnectionFacade;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class CrLfLinesTests {

	/**
	 * Headers as Asterisk sends them, with what a line may hold: UTF-8, a lone LF or CR.
	 */
	private static final String STREAM = "Asterisk Call Manager/5.0.1\r\n" + "Event: Newchannel\r\n"
			+ "Channel: PJSIP/1001-00000001\r\n" + "CallerIDName: Jürgen Šťastný 电话\r\n" + "\r\n"
			+ "Event: UserEvent\r\n" + "Body: one\nline\r\n" + "Other: a\rb\r\n" + "\r\n" + "Last: without end";

	private static final List<String> LINES = List.of("Asterisk Call Manager/5.0.1", "Event: Newchannel",
			"Channel: PJSIP/1001-00000001", "CallerIDName: Jürgen Šťastný 电话", "", "Event: UserEvent",
			"Body: one\nline", "Other: a\rb", "", "Last: without end");

	@Test
	void readsEveryLineHoweverTheBytesArriveAndWhateverTheBufferSize() throws IOException {
		byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
		for (int chunk = 1; chunk <= 9; chunk++) {
			for (int bufferSize : new int[] { 1, 2, 3, 7, 64, 16 * 1024 }) {
				CrLfLines lines = new CrLfLines(new Trickle(bytes, chunk), StandardCharsets.UTF_8, bufferSize);
				assertThat(all(lines)).as("chunks of %d, buffer %d", chunk, bufferSize).isEqualTo(LINES);
			}
		}
	}

	@Test
	void anEmptyStreamHasNoLines() throws IOException {
		assertThat(new CrLfLines(new ByteArrayInputStream(new byte[0]), StandardCharsets.UTF_8, 16).next()).isNull();
	}

	@Test
	void aRunawayLineIsABrokenStream() {
		byte[] endless = new byte[CrLfLines.LINE_AT_MOST + 10];
		java.util.Arrays.fill(endless, (byte) 'x');
		CrLfLines lines = new CrLfLines(new ByteArrayInputStream(endless), StandardCharsets.UTF_8, 4096);
		assertThatIOException().isThrownBy(lines::next).withMessageContaining("longer than");
	}

	@Test
	void theManagerConnectionReadsItsSocketThisWay() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			RawEventConnection connection = new RawEventConnection("127.0.0.1", server.getLocalPort(), "u", "p",
					Set.of(), (name, names, values, count) -> {
					});
			SocketConnectionFacade socket = connection.createSocket();
			try (Socket pbx = server.accept()) {
				pbx.getOutputStream()
					.write("Asterisk Call Manager/5.0.1\r\nEvent: Ping\r\n".getBytes(StandardCharsets.UTF_8));
				socket.write("Action: Ping\r\n\r\n");
				socket.flush();

				assertThat(socket).isInstanceOf(LineSocket.class);
				assertThat(socket.readLine()).isEqualTo("Asterisk Call Manager/5.0.1");
				assertThat(socket.readLine()).isEqualTo("Event: Ping");
				assertThat(new String(pbx.getInputStream().readNBytes(16), StandardCharsets.UTF_8))
					.isEqualTo("Action: Ping\r\n\r\n");
			}
			finally {
				socket.close();
			}
		}
	}

	private static List<String> all(CrLfLines lines) throws IOException {
		List<String> all = new ArrayList<>();
		String line;
		while ((line = lines.next()) != null) {
			all.add(line);
		}
		return all;
	}

	/** A stream that gives at most so many bytes a read, as a socket may. */
	private static final class Trickle extends InputStream {

		private final byte[] bytes;

		private final int chunk;

		private int at;

		Trickle(byte[] bytes, int chunk) {
			this.bytes = bytes;
			this.chunk = chunk;
		}

		@Override
		public int read() {
			return at < bytes.length ? bytes[at++] & 0xff : -1;
		}

		@Override
		public int read(byte[] into, int offset, int length) {
			if (at >= bytes.length) {
				return -1;
			}
			int n = Math.min(Math.min(length, chunk), bytes.length - at);
			System.arraycopy(bytes, at, into, offset, n);
			at += n;
			return n;
		}

	}

}
