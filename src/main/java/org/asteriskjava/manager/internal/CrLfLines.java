package org.asteriskjava.manager.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Arrays;

import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * The lines of a manager stream as Asterisk ends them, CR LF (a lone LF or CR stays in
 * the line, as Asterisk-Java's scanner keeps it), each found in the bytes read and left
 * there for the reader to decode its header's name and value ({@link #nextLine()}), or
 * decoded whole ({@link #next()}). Asterisk-Java's scanner reads through a
 * {@link java.io.Reader} and copies every line into a {@link StringBuilder}: a fifth of
 * the AMI reader's thread in the whole-call benchmark. Not thread-safe: the reader's own.
 */
@NullMarked
final class CrLfLines implements ByteLines {

	/** A longer line is a broken stream, not a header. */
	static final int LINE_AT_MOST = 1 << 20;

	private final InputStream in;

	private final Charset charset;

	private final byte[] buffer;

	private int position;

	private int limit;

	/** The start of a line that spans reads. */
	private byte[] line = new byte[256];

	/** The array the line found last is in: the buffer, or {@link #line}. */
	private byte[] found;

	private int foundAt;

	CrLfLines(InputStream in, Charset charset, int bufferSize) {
		this.in = in;
		this.charset = charset;
		this.buffer = new byte[bufferSize];
		this.found = buffer;
	}

	/**
	 * The next line without its CR LF; null at the end of the stream (a last line without
	 * CR LF is returned first).
	 */
	@Nullable String next() throws IOException {
		int length = nextLine();
		return length < 0 ? null : new String(found, foundAt, length, charset);
	}

	/**
	 * Finds the next line, without its CR LF: its length, its bytes in {@link #bytes()}
	 * from {@link #start()} until the next call; -1 at the end of the stream (a last line
	 * without CR LF is found first). No string is made: the reader takes the header's
	 * name and value from the bytes.
	 */
	@Override
	public int nextLine() throws IOException {
		int gathered = 0;
		while (true) {
			if (position == limit) {
				int read = in.read(buffer, 0, buffer.length);
				if (read < 0) {
					found = line;
					foundAt = 0;
					return gathered == 0 ? -1 : gathered;
				}
				position = 0;
				limit = read;
			}
			for (int i = position; i < limit; i++) {
				if (buffer[i] == '\n'
						&& (i > position ? buffer[i - 1] == '\r' : gathered > 0 && line[gathered - 1] == '\r')) {
					int length;
					if (gathered == 0) {
						found = buffer;
						foundAt = position;
						length = i - 1 - position;
					}
					else {
						gathered = gather(gathered, position, i + 1 - position);
						found = line;
						foundAt = 0;
						length = gathered - 2;
					}
					position = i + 1;
					return length;
				}
			}
			gathered = gather(gathered, position, limit - position);
			position = limit;
		}
	}

	@Override
	public byte[] bytes() {
		return found;
	}

	@Override
	public int start() {
		return foundAt;
	}

	@Override
	public Charset charset() {
		return charset;
	}

	private int gather(int gathered, int from, int length) throws IOException {
		int needed = gathered + length;
		if (needed > LINE_AT_MOST) {
			throw new IOException("A line of the manager stream is longer than " + LINE_AT_MOST + " bytes");
		}
		if (needed > line.length) {
			line = Arrays.copyOf(line, Math.max(needed, line.length * 2));
		}
		System.arraycopy(buffer, from, line, gathered, length);
		return needed;
	}

}
