package io.ringside.routing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Where Ringside's FastAGI server listens, with a free port already chosen when
 * {@code ringside.pbx.agi.port} is 0, so that whoever dials in (the PBX simulator) can
 * know it before the server starts.
 */
public record FastAgiAddress(String bindAddress, int port) {

	static FastAgiAddress of(String bindAddress, int configuredPort) {
		return new FastAgiAddress(bindAddress, configuredPort == 0 ? freePort() : configuredPort);
	}

	/** The address to dial: loopback when the server listens on every interface. */
	public String dialHost() {
		return "0.0.0.0".equals(bindAddress) || "::".equals(bindAddress) ? "127.0.0.1" : bindAddress;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port for the FastAGI server", ex);
		}
	}

}
