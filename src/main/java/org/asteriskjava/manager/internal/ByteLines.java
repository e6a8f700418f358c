package org.asteriskjava.manager.internal;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.asteriskjava.util.SocketConnectionFacade;
import org.jspecify.annotations.NullMarked;

/**
 * The lines of a manager stream as bytes, for {@link RawEventReader} to take each
 * header's name and value from without a string of the whole line first (a third of what
 * the reader allocated). Not thread-safe: the reader's own.
 */
@NullMarked
interface ByteLines {

	/**
	 * Finds the next line: its length, its bytes in {@link #bytes()} from
	 * {@link #start()} until the next call; -1 at the end of the stream.
	 */
	int nextLine() throws IOException;

	byte[] bytes();

	int start();

	/** How the bytes encode text. */
	Charset charset();

	/**
	 * A socket's lines: a {@link LineSocket}'s own bytes; any other socket's lines
	 * encoded again, in UTF-8.
	 */
	static ByteLines of(SocketConnectionFacade socket) {
		if (socket instanceof LineSocket lines) {
			return lines.lines();
		}
		return new ByteLines() {

			private byte[] bytes = new byte[0];

			@Override
			public int nextLine() throws IOException {
				String line = socket.readLine();
				if (line == null) {
					return -1;
				}
				bytes = line.getBytes(StandardCharsets.UTF_8);
				return bytes.length;
			}

			@Override
			public byte[] bytes() {
				return bytes;
			}

			@Override
			public int start() {
				return 0;
			}

			@Override
			public Charset charset() {
				return StandardCharsets.UTF_8;
			}

		};
	}

}
