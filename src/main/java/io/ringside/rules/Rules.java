package io.ringside.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.r2dbc.spi.ConnectionFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.ringside.database.Mirror;
import io.ringside.database.PostgresChannel;
import io.ringside.team.Employee;

/**
 * The rules of work per client tier. Each instance keeps every rule in memory, kept
 * current by the notices of migration V11's trigger through the shared {@link Mirror}, so
 * that a route or a pop resolves its client's rule without a query. While the rules
 * cannot be read (PostgreSQL down at start), the last ones read serve, else the built-in
 * default: the callback deadline {@code ringside.callbacks.deadline}, NORMAL priority, no
 * script, and the chain owner then head of sales, each ringing
 * {@code ringside.pbx.ring-timeout}.
 */
@Component
public class Rules implements SmartLifecycle {

	/** The channel the trigger notifies on. */
	static final String CHANNEL = "ringside_work_rules";

	private static final String MARK = "mark:";

	/** How long a change waits for this instance to serve it before it answers. */
	static final Duration CATCH_UP_WITHIN = Duration.ofSeconds(5);

	private final Mirror<RuleBook> mirror;

	private final RuleStore store;

	private final Rule builtIn;

	Rules(ConnectionFactory connections, DatabaseClient db, RuleStore store,
			@Value("${ringside.callbacks.deadline:PT30M}") Duration callbackDeadline,
			@Value("${ringside.pbx.ring-timeout:PT20S}") Duration ringTime) {
		this.store = store;
		this.builtIn = new Rule(callbackDeadline, Priority.NORMAL, null, List
			.of(new ChainStep(ChainStep.Step.OWNER, ringTime), new ChainStep(ChainStep.Step.HEAD_OF_SALES, ringTime)));
		this.mirror = new Mirror<>("rules of work", new PostgresChannel(connections, db, CHANNEL), MARK, store::all,
				(served, changes) -> store.all());
	}

	/**
	 * The rule a client is served by, from memory, at once.
	 * @param industry the client's industry; null for an unknown caller (who gets the
	 * DEFAULT)
	 */
	public WorkRule forClient(boolean vip, @Nullable String industry) {
		return book().forClient(vip, industry, builtIn);
	}

	/**
	 * Every stored rule, DEFAULT first (the built-in one when none is stored), then VIP,
	 * then the segments by name; read from the database.
	 */
	public Mono<List<StoredRule>> all() {
		return store.all().map(read -> {
			if (read.get(RuleKeys.DEFAULT) != null) {
				return read.all();
			}
			List<StoredRule> withDefault = new ArrayList<>(read.all());
			withDefault.add(0, new StoredRule(RuleKeys.DEFAULT, builtIn, null, null));
			return withDefault;
		});
	}

	/** The rule stored under a key; empty when none is. */
	public Mono<StoredRule> get(String key) {
		return store.all().mapNotNull(read -> read.get(key));
	}

	/**
	 * Stores the rule under its key, replacing what was there. Joins the caller's
	 * transaction; {@link #seen} waits for this instance to serve it.
	 */
	public Mono<StoredRule> put(String key, Rule rule, Employee actor) {
		return store.put(key, rule, actor);
	}

	/**
	 * The change's result once this instance serves every rule committed before it
	 * completed (the next call is routed by them): what the API answers a change with.
	 * Wraps the change's transaction from outside, as the notices arrive once it commits.
	 */
	public <T> Mono<T> seen(Mono<T> change) {
		return change.flatMap(result -> mirror.caughtUp(CATCH_UP_WITHIN).thenReturn(result))
			.switchIfEmpty(mirror.caughtUp(CATCH_UP_WITHIN).then(Mono.empty()));
	}

	/**
	 * Removes the rule under the key; joins the caller's transaction, as {@link #put}.
	 */
	public Mono<Void> delete(String key) {
		return store.delete(key);
	}

	private RuleBook book() {
		RuleBook serving = mirror.serving();
		if (serving != null) {
			return serving;
		}
		RuleBook last = mirror.last();
		return last == null ? RuleBook.EMPTY : last;
	}

	@Override
	public void start() {
		mirror.start();
	}

	@Override
	public void stop() {
		mirror.stop();
	}

	@Override
	public boolean isRunning() {
		return mirror.isRunning();
	}

}
