package io.ringside.team;

import reactor.core.publisher.Mono;

/**
 * Something that reads the team and acts on it at once, such as the caller directory that
 * routes calls by it. The API answers a change of the team once every such reader has
 * caught up with it, so the next call already follows the change. Implemented by modules
 * that depend on the team, which is why the team only knows this interface.
 */
public interface TeamReader {

	/**
	 * Completes once every change committed before the call has been read. Called on an
	 * event loop: must not block.
	 */
	Mono<Void> caughtUp();

}
