package io.ringside.telephony;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Ringside reaches the PBX.
 *
 * @param mode {@code asterisk} to connect to a real PBX, {@code simulator} to start the
 * built-in PBX simulator and connect to it over loopback (the demo)
 * @param ringTimeout how long a target rings before the dialplan asks for the next one
 * (given to the dialplan as {@code RINGSIDE_RING_TIMEOUT} in seconds)
 */
@ConfigurationProperties("ringside.pbx")
public record PbxSettings(@DefaultValue("asterisk") Mode mode, @DefaultValue Ami ami, @DefaultValue Agi agi,
		@DefaultValue("PT20S") Duration ringTimeout) {

	/** Real Asterisk, or the simulator. */
	public enum Mode {

		ASTERISK, SIMULATOR

	}

	/**
	 * The Asterisk Manager Interface connection.
	 *
	 * @param reconnectMin the first wait before reconnecting after the PBX went away; it
	 * doubles up to {@code reconnectMax}
	 * @param reconcileInterval how often the PBX's channels are listed (CoreShowChannels)
	 * to end the calls it no longer has (their Hangup was lost); zero or negative turns
	 * it off
	 */
	public record Ami(@DefaultValue("127.0.0.1") String host, @DefaultValue("5038") int port,
			@DefaultValue("ringside") String username, @DefaultValue("ringside") String password,
			@DefaultValue("PT1S") Duration reconnectMin, @DefaultValue("PT30S") Duration reconnectMax,
			@DefaultValue("10000") int bufferSize, @DefaultValue("PT60S") Duration reconcileInterval) {
	}

	/**
	 * The FastAGI server the dialplan asks for routes
	 * ({@code AGI(agi://ringside:4573/route)}).
	 *
	 * @param bindAddress where it listens; loopback by default, because FastAGI has no
	 * authentication
	 * @param threads the workers that run route conversations; only conversations whose
	 * request has fully arrived reach them
	 * @param requestTimeout a connection that has not sent its whole request within it is
	 * closed; also the longest wait for each reply of the PBX during a conversation
	 * @param maxHeaderLine the longest request line, in bytes; a longer one closes the
	 * connection
	 * @param maxHeaders the most request lines; more close the connection
	 * @param allowedClients addresses or CIDRs (e.g. {@code 10.0.0.0/8}) that may
	 * connect; empty means loopback and {@code ringside.pbx.ami.host}. Other peers are
	 * closed at once and counted
	 */
	public record Agi(@DefaultValue("4573") int port, @DefaultValue("127.0.0.1") String bindAddress,
			@DefaultValue("16") int threads, @DefaultValue("PT5S") Duration requestTimeout,
			@DefaultValue("1024") int maxHeaderLine, @DefaultValue("64") int maxHeaders,
			@DefaultValue List<String> allowedClients) {

		public Agi {
			allowedClients = allowedClients == null ? List.of() : List.copyOf(allowedClients);
		}

	}

}
