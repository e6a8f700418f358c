package io.ringside.database;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A channel that tells every Ringside instance what changed, in the order the store
 * applied it: the source a mirror listens to before it reads everything, so that no
 * change falls between the two. {@link PostgresChannel} (LISTEN / NOTIFY) and
 * {@link RedisChannel} (pub/sub) are its adapters.
 * <p>
 * Threads: changes are emitted on the store client's threads; {@link #publish} may be
 * called from any thread.
 */
public interface ChangeFeed {

	/**
	 * What is heard: {@link Change.ReadEverything} once listening is in place, then each
	 * message as published, and {@link Change.ReadEverything} again whenever messages may
	 * have been missed. Errors when listening cannot go on (subscribe again to listen
	 * again).
	 */
	Flux<Change> changes();

	/**
	 * Publishes a message on the channel, for every listener (this one included);
	 * completes when the store took it.
	 */
	Mono<Void> publish(String message);

	/** One thing heard on a {@link ChangeFeed}. */
	sealed interface Change {

		/**
		 * Everything must be read (again): listening started, or messages may have been
		 * lost.
		 */
		Change READ_EVERYTHING = new ReadEverything();

		/** A message as published; its text may be null (a notice without a payload). */
		record Heard(@Nullable String message) implements Change {
		}

		/**
		 * Listening is (again) in place: what was heard before may be incomplete, read
		 * everything.
		 */
		record ReadEverything() implements Change {
		}

	}

}
