package io.ringside.routing.agi;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code agi_*} lines that open a FastAGI conversation, gathered as they arrive in
 * pieces, within bounds: no line longer than {@code maxLine} bytes, no more than
 * {@code maxLines} lines before the empty line that ends them. Memory per connection is
 * therefore bounded whatever a peer sends. Not thread-safe: one connection, one thread.
 */
final class RequestHeader {

	/** Where the request stands after the bytes fed so far. */
	enum State {

		INCOMPLETE, COMPLETE, LINE_TOO_LONG, TOO_MANY_LINES

	}

	private final int maxLines;

	private final byte[] line;

	private int length;

	private final List<String> lines = new ArrayList<>();

	private State state = State.INCOMPLETE;

	RequestHeader(int maxLine, int maxLines) {
		this.line = new byte[maxLine];
		this.maxLines = maxLines;
	}

	/**
	 * Takes bytes from {@code in} up to the end of the request; once it is
	 * {@link State#COMPLETE}, what follows stays in {@code in}.
	 */
	State feed(ByteBuffer in) {
		while (state == State.INCOMPLETE && in.hasRemaining()) {
			byte b = in.get();
			if (b == '\n') {
				endLine();
			}
			else if (length == line.length) {
				state = State.LINE_TOO_LONG;
			}
			else {
				line[length++] = b;
			}
		}
		return state;
	}

	private void endLine() {
		int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
		length = 0;
		if (end == 0) {
			lines.add("");
			state = State.COMPLETE;
		}
		else if (lines.size() == maxLines) {
			state = State.TOO_MANY_LINES;
		}
		else {
			lines.add(new String(line, 0, end, StandardCharsets.UTF_8));
		}
	}

	State state() {
		return state;
	}

	/**
	 * The request's lines, ending with the empty line, as Asterisk-Java's reader expects
	 * them.
	 */
	List<String> lines() {
		return List.copyOf(lines);
	}

}
