package io.ringside.dashboard;

import reactor.core.publisher.Mono;

/**
 * The supervisors' board as this instance sees it.
 * <p>
 * Threads: may be called from any thread, event loops included; never blocks.
 */
public interface Dashboard {

	/** The board now; completes on the board's own thread. */
	Mono<DashboardSnapshot> snapshot();

}
