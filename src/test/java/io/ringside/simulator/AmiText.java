package io.ringside.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * AMI as text, field order kept: the blocks of a capture file, and a raw socket client
 * that logs in to the simulator and keeps everything it reads (on a reader thread of its
 * own, hence the synchronized buffer).
 */
final class AmiText implements AutoCloseable {

	private final Socket socket;

	private final StringBuffer received = new StringBuffer();

	private AmiText(Socket socket) {
		this.socket = socket;
	}

	static AmiText loggedIn(PbxSimulator simulator) throws IOException {
		Socket socket = new Socket("127.0.0.1", simulator.amiPort());
		SimulatorConfig config = simulator.config();
		socket.getOutputStream()
			.write(("Action: Login\r\nUsername: " + config.username() + "\r\nSecret: " + config.secret() + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
		AmiText ami = new AmiText(socket);
		Thread reader = new Thread(ami::read, "raw-ami-reader");
		reader.setDaemon(true);
		reader.start();
		return ami;
	}

	private void read() {
		try {
			InputStream in = socket.getInputStream();
			byte[] buffer = new byte[8192];
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				received.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
			}
		}
		catch (IOException closed) {
			// the test is over and closed the socket
		}
	}

	boolean booted() {
		return received.indexOf("Status: Fully Booted\r\n\r\n") >= 0;
	}

	/** The events received so far, complete blocks only. */
	List<Map<String, String>> events() {
		String text = received.toString();
		int end = text.lastIndexOf("\r\n\r\n");
		return end < 0 ? List.of()
				: parse(text.substring(0, end + 4).replace("\r\n", "\n")).stream()
					.filter(block -> block.containsKey("Event"))
					.toList();
	}

	/** A capture in src/test/resources/ami-captures, its '#' header lines skipped. */
	static List<Map<String, String>> capture(String file) {
		try (InputStream in = Objects.requireNonNull(AmiText.class.getResourceAsStream("/ami-captures/" + file))) {
			return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<Map<String, String>> parse(String text) {
		List<Map<String, String>> blocks = new ArrayList<>();
		Map<String, String> block = new LinkedHashMap<>();
		for (String line : text.split("\n", -1)) {
			if (line.startsWith("#")) {
				continue;
			}
			if (line.isEmpty()) {
				if (!block.isEmpty()) {
					blocks.add(block);
					block = new LinkedHashMap<>();
				}
				continue;
			}
			int colon = line.indexOf(':');
			if (colon > 0) {
				block.putIfAbsent(line.substring(0, colon), line.substring(colon + 1).trim());
			}
		}
		if (!block.isEmpty()) {
			blocks.add(block);
		}
		return blocks;
	}

	@Override
	public void close() throws IOException {
		socket.close();
	}

}
