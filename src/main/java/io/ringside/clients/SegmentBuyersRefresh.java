package io.ringside.clients;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.ringside.shared.RunningSubscription;

/**
 * Keeps the counts behind the cards' offers ({@code segment_buyers}, read by
 * {@link Cards}) fresh: refreshes the materialized view once at start and then every
 * {@code ringside.offers.refresh-interval}, so offers are up to one interval old. The
 * refresh is concurrent (cards go on reading the previous rows meanwhile) and taken under
 * a transaction-scoped advisory lock: when another instance is refreshing, this one skips
 * its turn rather than doing the same work twice. A refresh that fails is logged, and the
 * next interval tries again.
 */
@Component
public class SegmentBuyersRefresh implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(SegmentBuyersRefresh.class);

	/** The advisory lock of the refresh, the same in every instance. */
	static final long LOCK = 0x5249_4e47_4f46_4652L;

	private static final String TRY_LOCK = "select pg_try_advisory_xact_lock(:lock) as locked";

	private static final String REFRESH = "refresh materialized view concurrently segment_buyers";

	private final DatabaseClient db;

	private final TransactionalOperator transaction;

	private final OffersSettings settings;

	private final RunningSubscription running = new RunningSubscription();

	SegmentBuyersRefresh(DatabaseClient db, TransactionalOperator transaction, OffersSettings settings) {
		this.db = db;
		this.transaction = transaction;
		this.settings = settings;
	}

	/**
	 * Refreshes the view now: true once refreshed, false when another instance holds the
	 * lock (it is refreshing).
	 */
	public Mono<Boolean> refresh() {
		Mono<Boolean> locked = db.sql(TRY_LOCK)
			.bind("lock", LOCK)
			.map(row -> Boolean.TRUE.equals(row.get("locked", Boolean.class)))
			.one()
			.defaultIfEmpty(false);
		return transaction
			.transactional(locked.flatMap(mine -> mine ? db.sql(REFRESH).then().thenReturn(true) : Mono.just(false)));
	}

	@Override
	public synchronized void start() {
		if (running.isRunning()) {
			return;
		}
		running.start(Flux.interval(Duration.ZERO, settings.refreshInterval())
			.onBackpressureDrop()
			.concatMap(tick -> refresh().onErrorResume(error -> {
				log.warn("The offers' counts (segment_buyers) were not refreshed; next try in "
						+ settings.refreshInterval(), error);
				return Mono.just(false);
			}))
			.subscribe(null, error -> log.error("The offers' counts are no longer refreshed", error)));
	}

	@Override
	public void stop() {
		running.stop();
	}

	@Override
	public boolean isRunning() {
		return running.isRunning();
	}

}
