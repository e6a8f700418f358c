package io.ringside.bench;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The idle pages of {@link IdleSessions}, in a JVM of their own so that their memory is
 * not counted as the application's: opens the sessions ({@link StompSessions}, 100
 * handshakes at a time), prints {@code ready <n>} (or {@code failed <why>}) on standard
 * output, then keeps them open until standard input closes.
 * <p>
 * Arguments: the STOMP URI, the number of sessions, the password; session i signs in as
 * {@link SessionsCompany#login}(i + 1).
 */
final class IdleClients {

	private IdleClients() {
	}

	public static void main(String[] args) throws IOException {
		URI uri = URI.create(args[0]);
		int sessions = Integer.parseInt(args[1]);
		int logins = Integer.parseInt(args[2]);
		String password = args[3];
		StompSessions clients = new StompSessions(uri);
		try {
			clients.open(sessions, logins, 4, 100, i -> SessionsCompany.login(i + 1), password,
					List.of("/user/queue/pops", "/user/queue/notifications"), (login, body, received) -> {
					}, Duration.ofMinutes(10));
			System.out.println("ready " + clients.size());
		}
		catch (RuntimeException ex) {
			System.out.println("failed " + ex);
		}
		System.out.flush();
		while (System.in.read() >= 0) {
			// Idle until the benchmark closes our standard input.
		}
		clients.close();
		System.exit(0);
	}

}
