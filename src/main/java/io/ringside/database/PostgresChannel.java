package io.ringside.database;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * A PostgreSQL notification channel as a {@link ChangeFeed}: LISTEN on a connection of
 * its own (not one of the pool's, which would be handed back and lose the LISTEN), NOTIFY
 * through the pool.
 * <p>
 * Threads: notices are emitted on the listening connection's thread.
 */
public final class PostgresChannel implements ChangeFeed {

	private final ConnectionFactory connections;

	private final DatabaseClient db;

	private final String channel;

	/**
	 * @param channel a plain identifier (it is written into LISTEN as is)
	 */
	public PostgresChannel(ConnectionFactory connections, DatabaseClient db, String channel) {
		this.connections = connections;
		this.db = db;
		this.channel = channel;
	}

	/**
	 * Listens, then emits {@link Change#READ_EVERYTHING} and each notice on the channel,
	 * until the connection fails or is closed (an error either way); the connection is
	 * closed when this ends or is cancelled.
	 */
	@Override
	public Flux<Change> changes() {
		return Flux.usingWhen(listeningConnection(), connection -> Flux
			.from(connection.createStatement("LISTEN " + channel).execute())
			.concatMap(result -> result.getRowsUpdated())
			.thenMany(Flux.just(Change.READ_EVERYTHING)
				.concatWith(connection.getNotifications()
					.filter(notification -> channel.equals(notification.getName()))
					.<Change>map(notification -> new Change.Heard(notification.getParameter()))
					.concatWith(Mono.error(() -> new IllegalStateException("the listening connection closed"))))),
				Connection::close);
	}

	@Override
	public Mono<Void> publish(String message) {
		return db.sql("select pg_notify(:channel, :message)")
			.bind("channel", channel)
			.bind("message", message)
			.fetch()
			.rowsUpdated()
			.then();
	}

	/** A connection of PostgreSQL's driver itself, under the pool. */
	private Mono<PostgresqlConnection> listeningConnection() {
		ConnectionFactory factory = connections;
		while (factory instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner
				&& inner != factory) {
			factory = inner;
		}
		return Mono.from(factory.create())
			.flatMap(connection -> connection instanceof PostgresqlConnection postgres ? Mono.just(postgres) : Mono
				.from(connection.close())
				.then(Mono.error(new IllegalStateException(
						"Listening on " + channel + " needs PostgreSQL's driver, not " + connection.getClass()))));
	}

}
