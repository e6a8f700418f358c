package io.ringside.simulator;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.event.ManagerEvent;

import static org.awaitility.Awaitility.await;

/**
 * A real Asterisk-Java ManagerConnection logged in to the simulator, recording every
 * event it receives (on Asterisk-Java's own reader thread, hence the concurrent list).
 */
final class AmiProbe implements AutoCloseable {

	final ManagerConnection connection;

	final List<ManagerEvent> events = new CopyOnWriteArrayList<>();

	private AmiProbe(ManagerConnection connection) {
		this.connection = connection;
		connection.addEventListener(events::add);
	}

	static AmiProbe loggedIn(PbxSimulator simulator) throws Exception {
		SimulatorConfig config = simulator.config();
		ManagerConnection connection = new ManagerConnectionFactory("127.0.0.1", simulator.amiPort(), config.username(),
				config.secret())
			.createManagerConnection();
		AmiProbe probe = new AmiProbe(connection);
		connection.login();
		return probe;
	}

	<T extends ManagerEvent> List<T> ofType(Class<T> type) {
		return events.stream().filter(type::isInstance).map(type::cast).toList();
	}

	<T extends ManagerEvent> List<T> ofType(Class<T> type, Predicate<T> filter) {
		return ofType(type).stream().filter(filter).toList();
	}

	<T extends ManagerEvent> T awaitEvent(Class<T> type, Predicate<T> filter) {
		await().atMost(Duration.ofSeconds(15)).until(() -> !ofType(type, filter).isEmpty());
		return ofType(type, filter).get(0);
	}

	/** Names of the events in arrival order, for a given set of types only. */
	List<String> names() {
		return events.stream().map(event -> event.getClass().getSimpleName()).toList();
	}

	@Override
	public void close() throws IOException {
		try {
			connection.logoff();
		}
		catch (IllegalStateException alreadyGone) {
			// not connected any more; nothing to log off from
		}
	}

}
