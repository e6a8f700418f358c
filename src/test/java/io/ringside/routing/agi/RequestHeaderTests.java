package io.ringside.routing.agi;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.ringside.routing.agi.RequestHeader.State;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The FastAGI request as it arrives in pieces, and the bounds that keep a peer from
 * filling the memory (#12).
 */
class RequestHeaderTests {

	@Test
	void gathersLinesSentInPiecesAndLeavesWhatFollowsTheEmptyLine() {
		RequestHeader header = new RequestHeader(64, 8);

		assertThat(header.feed(bytes("agi_network: yes\nagi_call"))).isEqualTo(State.INCOMPLETE);
		ByteBuffer last = bytes("erid: 79161234567\r\n\r\n200 result=1\n");
		assertThat(header.feed(last)).isEqualTo(State.COMPLETE);

		assertThat(header.lines()).containsExactly("agi_network: yes", "agi_callerid: 79161234567", "");
		assertThat(StandardCharsets.UTF_8.decode(last).toString()).isEqualTo("200 result=1\n");
	}

	@Test
	void aLineOneByteTooLongEndsTheRequest() {
		assertThat(new RequestHeader(8, 8).feed(bytes("12345678\n\n"))).isEqualTo(State.COMPLETE);
		assertThat(new RequestHeader(8, 8).feed(bytes("123456789"))).isEqualTo(State.LINE_TOO_LONG);
	}

	@Test
	void oneLineMoreThanAllowedEndsTheRequest() {
		assertThat(new RequestHeader(64, 2).feed(bytes("a: 1\nb: 2\n\n"))).isEqualTo(State.COMPLETE);
		assertThat(new RequestHeader(64, 2).feed(bytes("a: 1\nb: 2\nc: 3\n"))).isEqualTo(State.TOO_MANY_LINES);
	}

	private static ByteBuffer bytes(String text) {
		return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
	}

}
