package io.ringside.calls;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import io.ringside.clients.Client;
import io.ringside.support.IntegrationTest;
import io.ringside.team.Employee;
import io.ringside.team.Role;
import io.ringside.telephony.CallEvent.CallEnded;
import io.ringside.telephony.CallEvent.Direction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The recorder writes a batch of entries in one transaction against a real PostgreSQL:
 * each call once with its history, callbacks and route decisions, the callbacks an
 * answered call back closes, nothing twice when the batch comes again; and an entry
 * PostgreSQL refuses costs only itself, not its batch.
 */
class CallRecorderIntegrationTests extends IntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Autowired
	CallRecorder recorder;

	@Autowired
	CallStream stream;

	@Autowired
	StreamEntries format;

	@Autowired
	DatabaseClient db;

	@Autowired
	MeterRegistry meters;

	/**
	 * Days ago: the board counts today's calls from the database, and another test's
	 * figures must not see these.
	 */
	private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MICROS).minus(Duration.ofDays(3));

	@Test
	void aBatchWritesEachCallOnceWithItsHistoryItsCallbackClosedByTheCallBackAndItsRoutes() {
		Employee owner = data.employeeWithPhone(Role.MANAGER);
		String number = data.uniqueMoscowNumber();
		Client client = data.client(owner, number);
		FinishedCall missed = inbound(number, t0, null);
		FinishedCall answered = inbound(number, t0.plus(Duration.ofMinutes(1)), owner.extension());
		String internal = owner.extension().substring(owner.extension().indexOf('/') + 1);
		FinishedCall callBack = call(Direction.OUTBOUND, internal, number, t0.plus(Duration.ofMinutes(5)), number);
		RouteRow route = new RouteRow(missed.callId(), t0, "FIRST", number, owner.extension(), "OWNER", owner.login(),
				client.id(), 420);
		List<Recordable> batch = List.of(route, missed, answered, callBack, missed, route);

		recorder.writeAll(batch).block(WAIT);
		recorder.writeAll(batch).block(WAIT);

		assertThat(count("select count(*) from calls where id in ('%s', '%s', '%s')", missed.callId(),
				answered.callId(), callBack.callId()))
			.isEqualTo(3);
		assertThat(db.sql(
				"select kind, employee_id from interactions where client_id = :client and call_id is not null order by occurred_at")
			.bind("client", client.id())
			.fetch()
			.all()
			.map(row -> row.get("kind") + " " + row.get("employee_id"))
			.collectList()
			.block(WAIT)).containsExactly("CALL_MISSED null", "CALL_IN " + owner.id(), "CALL_OUT " + owner.id());
		Map<String, Object> callback = db
			.sql("select owner_id, done_by, done_at = :back as closed_by_the_call_back, due_at > created_at as due "
					+ "from callback_tasks where call_id = :call")
			.bind("call", missed.callId())
			.bind("back", callBack.startedAt().atOffset(ZoneOffset.UTC))
			.fetch()
			.one()
			.block(WAIT);
		assertThat(callback).containsEntry("owner_id", owner.id())
			.containsEntry("done_by", owner.id())
			.containsEntry("closed_by_the_call_back", true)
			.containsEntry("due", true);
		assertThat(count("select count(*) from callback_tasks where client_id = %d", client.id())).isEqualTo(1);
		assertThat(db.sql("select employee_id, took_us from route_decisions where call_id = :call")
			.bind("call", missed.callId())
			.fetch()
			.all()
			.collectList()
			.block(WAIT)).containsExactly(Map.of("employee_id", owner.id(), "took_us", 420L));
	}

	@Test
	void anEntryPostgresRefusesIsDroppedAloneAndTheRestOfItsBatchIsWritten() {
		String number = data.uniqueMoscowNumber();
		FinishedCall before = inbound(number, t0, null);
		RouteRow refused = new RouteRow(before.callId(), t0, "SOMETIMES", number, "PJSIP/1", "OWNER", null, null, 1);
		FinishedCall after = inbound(number, t0.plusSeconds(60), null);
		double droppedBefore = meters.counter("ringside.calls.unwritable").count();

		for (Recordable entry : List.of(before, refused, after)) {
			stream.add(format.encode(entry)).block(WAIT);
		}

		await().atMost(WAIT)
			.until(() -> count("select count(*) from calls where id in ('%s', '%s')", before.callId(),
					after.callId()) == 2);
		await().atMost(WAIT).until(() -> meters.counter("ringside.calls.unwritable").count() == droppedBefore + 1);
		await().atMost(WAIT).until(() -> stream.trim().block(WAIT) == 0);
		assertThat(count("select count(*) from route_decisions where call_id = '%s'", before.callId())).isZero();
	}

	private FinishedCall inbound(String number, Instant started, String answeredBy) {
		return call(Direction.INBOUND, number, "100", started, answeredBy);
	}

	private FinishedCall call(Direction direction, String caller, String dialed, Instant started, String answeredBy) {
		boolean answered = answeredBy != null;
		Duration wait = Duration.ofSeconds(12);
		CallEnded ended = new CallEnded("rec-" + UUID.randomUUID(), started.plus(Duration.ofMinutes(2)), answered,
				answeredBy, wait, answered ? Duration.ofSeconds(108) : Duration.ZERO, 16, caller, dialed, direction,
				false);
		return new FinishedCall(ended, started, List.of(), List.of());
	}

	private long count(String sql, Object... arguments) {
		return db.sql(String.format(sql, arguments)).map(row -> row.get(0, Long.class)).one().block(WAIT);
	}

}
