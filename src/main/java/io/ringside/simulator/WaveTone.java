package io.ringside.simulator;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A short tone as a WAV file's bytes: 8 kHz mono 16-bit PCM, the format MixMonitor writes
 * for {@code .wav} on a telephone line. Pure; what the simulator's calls "recorded".
 */
final class WaveTone {

	static final int SAMPLE_RATE = 8000;

	private static final int HEADER = 44;

	private static final short BITS = 16;

	private static final double AMPLITUDE = 0.3 * Short.MAX_VALUE;

	/** Samples faded in and out, so the tone starts and stops without a click. */
	private static final int FADE = SAMPLE_RATE / 100;

	private WaveTone() {
	}

	/**
	 * A RIFF/WAVE file of {@code millis} of a sine at {@code hertz}.
	 */
	static byte[] of(double hertz, int millis) {
		int samples = SAMPLE_RATE * millis / 1000;
		int data = samples * BITS / 8;
		ByteBuffer wave = ByteBuffer.allocate(HEADER + data).order(ByteOrder.LITTLE_ENDIAN);
		wave.put(ascii("RIFF")).putInt(HEADER - 8 + data).put(ascii("WAVE"));
		wave.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) 1).putInt(SAMPLE_RATE);
		wave.putInt(SAMPLE_RATE * BITS / 8).putShort((short) (BITS / 8)).putShort(BITS);
		wave.put(ascii("data")).putInt(data);
		for (int i = 0; i < samples; i++) {
			double envelope = Math.min(1.0, Math.min(i, samples - 1 - i) / (double) FADE);
			wave.putShort((short) Math.round(AMPLITUDE * envelope * Math.sin(2 * Math.PI * hertz * i / SAMPLE_RATE)));
		}
		return wave.array();
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
