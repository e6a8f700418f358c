package io.ringside.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ringside.calls.CallProjection;
import io.ringside.calls.RoutedCallEvent;
import io.ringside.clients.CallerMatch;
import io.ringside.dashboard.DashboardSnapshot.CallOnBoard;
import io.ringside.dashboard.DashboardSnapshot.CallState;
import io.ringside.dashboard.DashboardSnapshot.EmployeeOnBoard;
import io.ringside.dashboard.DashboardSnapshot.Figures;
import io.ringside.presence.Availability;
import io.ringside.presence.DeviceState;
import io.ringside.routing.RouteDecided;
import io.ringside.routing.RouteDecision;
import io.ringside.routing.RouteReason;
import io.ringside.routing.RouteRequest;
import io.ringside.routing.RouteRequest.Attempt;
import io.ringside.team.Employee;
import io.ringside.team.Role;
import io.ringside.telephony.CallEvent;
import io.ringside.telephony.CallEvent.CallAnswered;
import io.ringside.telephony.CallEvent.CallEnded;
import io.ringside.telephony.CallEvent.CallStarted;
import io.ringside.telephony.CallEvent.CallsMerged;
import io.ringside.telephony.CallEvent.Direction;
import io.ringside.telephony.CallEvent.LegEndReason;
import io.ringside.telephony.CallEvent.LegEnded;
import io.ringside.telephony.CallEvent.LegRinging;
import io.ringside.telephony.DeviceStateChanged;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The board, fed the routed-call projection's events (from call events and routings)
 * without Spring.
 */
class BoardTests {

	private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

	/** 09:00 in Moscow. */
	private static final Instant MORNING = Instant.parse("2026-11-28T06:00:00Z");

	private static final String OWNER_PHONE = "PJSIP/101";

	private static final String HEAD_PHONE = "PJSIP/100";

	private static final String CALLER = "+74951234567";

	private Board board;

	private final CallProjection projection = new CallProjection();

	@BeforeEach
	void aTeam() {
		board = new Board(MOSCOW, Duration.ofSeconds(20), MORNING);
		board.team(List.of(new Member("head", "Elena Volkova", "HEAD_OF_SALES", HEAD_PHONE),
				new Member("ivanov", "Ivan Ivanov", "MANAGER", OWNER_PHONE)));
	}

	@Test
	void aCallRingingShowsCallerClientRoutingAndTheRungEmployee() {
		Instant at = MORNING.plusSeconds(10);
		on(new CallStarted("c1", at, Direction.INBOUND, CALLER, "100"));
		routed(routing("c1", at, "OWNER", OWNER_PHONE, "ivanov", 7L, "ivanov"));
		DashboardChange change = on(new LegRinging("c1", at.plusMillis(50), OWNER_PHONE));

		assertThat(change.employees()).singleElement().satisfies(employee -> {
			assertThat(employee.login()).isEqualTo("ivanov");
			assertThat(employee.callId()).isEqualTo("c1");
			assertThat(employee.callState()).isEqualTo(CallState.RINGING);
		});
		CallOnBoard call = board.snapshot(at).calls().get(0);
		assertThat(call.callId()).isEqualTo("c1");
		assertThat(call.state()).isEqualTo(CallState.RINGING);
		assertThat(call.since()).isEqualTo(at);
		assertThat(call.callerNumber()).isEqualTo(CALLER);
		assertThat(call.reason()).isEqualTo("OWNER");
		assertThat(call.client().id()).isEqualTo(7L);
		assertThat(call.client().name()).isEqualTo("Steel Works");
		assertThat(call.routedTo().login()).isEqualTo("ivanov");
		assertThat(call.routedTo().name()).isEqualTo("Ivan Ivanov");
		assertThat(call.routedTo().target()).isEqualTo(OWNER_PHONE);
	}

	@Test
	void inputsAppliedTogetherMakeOneChangeWithTheirNetEffect() {
		Instant at = MORNING.plusSeconds(10);
		long before = board.snapshot(at).version();

		DashboardChange change = board.together(() -> {
			on(new CallStarted("c1", at, Direction.INBOUND, CALLER, "100"));
			routed(routing("c1", at, "OWNER", OWNER_PHONE, "ivanov", 7L, "ivanov"));
			on(new LegRinging("c1", at.plusMillis(50), OWNER_PHONE));
			on(new CallStarted("c2", at, Direction.INBOUND, "+74957654321", "100"));
			on(ended("c2", at.plusSeconds(3), false, null, 0, 0));
		});

		assertThat(change.version()).isEqualTo(before + 1);
		assertThat(change.calls()).extracting(CallOnBoard::callId).containsExactly("c1");
		assertThat(change.calls().get(0).routedTo().login()).isEqualTo("ivanov");
		assertThat(change.endedCalls()).isNull();
		assertThat(change.employees()).extracting(EmployeeOnBoard::login).containsExactly("ivanov");
		assertThat(change.figures().received()).isEqualTo(1);
		assertThat(board.together(() -> board.tick(at.plusSeconds(4)))).isNull();
	}

	@Test
	void aRoutingThatComesBeforeThePbxsFirstEventStillShowsTheCall() {
		DashboardChange change = routed(routing("c1", MORNING, "OWNER", OWNER_PHONE, "ivanov", 7L, "ivanov"));

		assertThat(change.calls()).extracting(CallOnBoard::callId).containsExactly("c1");
		assertThat(on(new CallStarted("c1", MORNING, Direction.INBOUND, CALLER, "100"))).isNull();
	}

	@Test
	void aCallKnownOnlyFromItsRoutingLeavesTheBoardWhenThePbxNeverShowsIt() {
		routed(routing("unseen", MORNING, "OWNER", OWNER_PHONE, "ivanov", 7L, "ivanov"));
		routed(routing("seen", MORNING, "OWNER", OWNER_PHONE, "ivanov", 7L, "ivanov"));
		on(new CallStarted("seen", MORNING, Direction.INBOUND, CALLER, "100"));

		assertThat(tick(MORNING.plus(CallProjection.UNSEEN))).isNull();
		DashboardChange later = tick(MORNING.plus(CallProjection.UNSEEN).plusSeconds(1));

		assertThat(later.endedCalls()).containsExactly("unseen");
		assertThat(board.snapshot(later.at()).calls()).extracting(CallOnBoard::callId).containsExactly("seen");
	}

	@Test
	void aRoutingThatComesAfterTheAnswerShowsTheTalkingCallWithItsRouting() {
		on(new CallStarted("c1", MORNING, Direction.INBOUND, CALLER, "100"));
		on(new CallAnswered("c1", MORNING.plusSeconds(2), OWNER_PHONE));

		DashboardChange change = routed(
				routing("c1", MORNING.plusSeconds(1), "OWNER", OWNER_PHONE, "ivanov", 7L, "ivanov"));

		assertThat(change.calls()).singleElement().satisfies(call -> {
			assertThat(call.state()).isEqualTo(CallState.TALKING);
			assertThat(call.answeredBy()).isEqualTo("ivanov");
			assertThat(call.routedTo().login()).isEqualTo("ivanov");
			assertThat(call.client().name()).isEqualTo("Steel Works");
		});
	}

	@Test
	void aRoutingThatComesAfterTheEndChangesNothing() {
		on(new CallStarted("c1", MORNING, Direction.INBOUND, CALLER, "100"));
		on(abandoned("c1", MORNING.plusSeconds(1), 1));

		assertThat(routed(routing("c1", MORNING, "OWNER", OWNER_PHONE, "ivanov", 7L, "ivanov"))).isNull();
		assertThat(board.snapshot(MORNING).calls()).isEmpty();
	}

	@Test
	void anUnroutedCallIsLookedForAtEveryTickForTenSecondsThenOnceInTen() {
		Instant at = MORNING.plusSeconds(10);
		on(new CallStarted("queued", at, Direction.INBOUND, CALLER, "100"));
		ring("routed", at, OWNER_PHONE, 7L, "ivanov");
		on(new CallStarted("out", at, Direction.OUTBOUND, "101", CALLER));

		assertThat(board.unrouted(at.plusSeconds(1))).containsExactly("queued");
		assertThat(board.unrouted(at.plusMillis(9_900))).containsExactly("queued");
		assertThat(board.unrouted(at.plusSeconds(11))).isEmpty();
		assertThat(board.unrouted(at.plusMillis(19_500))).isEmpty();
		assertThat(board.unrouted(at.plusMillis(20_200))).containsExactly("queued");
		assertThat(board.unrouted(at.plusSeconds(21))).isEmpty();

		board.routedElsewhere(elsewhere("queued", at, "OWNER", OWNER_PHONE, "ivanov", 7L, "ivanov"));
		assertThat(board.unrouted(at.plusSeconds(30))).isEmpty();
	}

	@Test
	void aRoutingReadFromTheDatabaseForACallNotInProgressIsIgnored() {
		assertThat(board.routedElsewhere(elsewhere("gone", MORNING, "OWNER", OWNER_PHONE, "ivanov", 7L, "ivanov")))
			.isNull();
		assertThat(board.snapshot(MORNING).calls()).isEmpty();
	}

	@Test
	void anAnsweredCallIsTalkingThenCountsAsAnsweredWithItsSpeedOfAnswer() {
		Instant at = MORNING.plusSeconds(10);
		ring("c1", at, OWNER_PHONE, 7L, "ivanov");
		DashboardChange answered = on(new CallAnswered("c1", at.plusSeconds(4), OWNER_PHONE));

		assertThat(answered.calls()).singleElement().satisfies(call -> {
			assertThat(call.state()).isEqualTo(CallState.TALKING);
			assertThat(call.since()).isEqualTo(at.plusSeconds(4));
			assertThat(call.answeredBy()).isEqualTo("ivanov");
		});
		assertThat(answered.employees()).extracting(EmployeeOnBoard::callState).containsExactly(CallState.TALKING);
		assertThat(answered.figures()).isNull();

		DashboardChange ended = on(ended("c1", at.plusSeconds(34), true, OWNER_PHONE, 4, 30));

		assertThat(ended.endedCalls()).containsExactly("c1");
		assertThat(ended.employees()).extracting(EmployeeOnBoard::callId).containsOnlyNulls();
		Figures figures = ended.figures();
		assertThat(figures.received()).isEqualTo(1);
		assertThat(figures.answered()).isEqualTo(1);
		assertThat(figures.missed()).isZero();
		assertThat(figures.abandoned()).isZero();
		assertThat(figures.averageSpeedOfAnswerSeconds()).isEqualTo(4.0);
		assertThat(figures.serviceLevel()).isEqualTo(1.0);
		assertThat(ended.version()).isGreaterThan(answered.version());
	}

	@Test
	void aMemberIsSentAgainOnlyWhenWhatTheyShowChanges() {
		board.team(List.of(new Member("head", "Elena Volkova", "HEAD_OF_SALES", HEAD_PHONE),
				new Member("ivanov", "Ivan Ivanov", "MANAGER", OWNER_PHONE),
				new Member("petrova", "Anna Petrova", "MANAGER", "PJSIP/102")), Map.of(), Map.of());
		on(new CallStarted("c1", MORNING, Direction.INBOUND, CALLER, "100"));

		assertThat(on(new LegRinging("c1", MORNING.plusSeconds(1), OWNER_PHONE)).employees())
			.extracting(EmployeeOnBoard::login)
			.containsExactly("ivanov");
		assertThat(on(new LegRinging("c1", MORNING.plusSeconds(2), HEAD_PHONE)).employees())
			.extracting(EmployeeOnBoard::login)
			.containsExactly("head");
		assertThat(board
			.on(new DeviceStateChanged("PJSIP/102", MORNING.plusSeconds(3), DeviceStateChanged.State.UNAVAILABLE))
			.employees()).extracting(EmployeeOnBoard::login).containsExactly("petrova");
		DashboardChange ended = on(ended("c1", MORNING.plusSeconds(9), false, null, 9, 0));

		assertThat(ended.employees()).extracting(EmployeeOnBoard::login).containsExactly("head", "ivanov");
		assertThat(ended.employees()).allSatisfy(employee -> assertThat(employee.callId()).isNull());
		assertThat(board.snapshot(MORNING.plusSeconds(9)).employees()).extracting(EmployeeOnBoard::login)
			.containsExactly("head", "ivanov", "petrova");
	}

	@Test
	void bothMembersWhoShareAPhoneShowItsNewState() {
		board.team(List.of(new Member("ivanov", "Ivan Ivanov", "MANAGER", OWNER_PHONE),
				new Member("deputy", "Oleg Deputy", "MANAGER", OWNER_PHONE)), Map.of(), Map.of());

		assertThat(board.on(new DeviceStateChanged(OWNER_PHONE, MORNING.plusSeconds(1), DeviceStateChanged.State.INUSE))
			.employees()).extracting(EmployeeOnBoard::login, EmployeeOnBoard::deviceState)
			.containsExactly(tuple("ivanov", "INUSE"), tuple("deputy", "INUSE"));
	}

	@Test
	void aCallThatRangOutIsMissed() {
		ring("c1", MORNING, OWNER_PHONE, 7L, "ivanov");
		on(new LegEnded("c1", MORNING.plusSeconds(20), OWNER_PHONE, LegEndReason.NOANSWER));
		Figures figures = on(ended("c1", MORNING.plusSeconds(40), false, null, 40, 0)).figures();

		assertThat(figures.received()).isEqualTo(1);
		assertThat(figures.missed()).isEqualTo(1);
		assertThat(figures.abandoned()).isZero();
		assertThat(figures.answered()).isZero();
		assertThat(figures.averageSpeedOfAnswerSeconds()).isNull();
		assertThat(figures.serviceLevel()).isEqualTo(0.0);
	}

	@Test
	void aCallerWhoHangsUpWhileItRingsAbandons() {
		ring("c1", MORNING, OWNER_PHONE, 7L, "ivanov");
		on(new LegEnded("c1", MORNING.plusSeconds(5), OWNER_PHONE, LegEndReason.CANCEL));
		Figures figures = on(abandoned("c1", MORNING.plusSeconds(5), 5)).figures();

		assertThat(figures.abandoned()).isEqualTo(1);
		assertThat(figures.missed()).isZero();
		assertThat(figures.received()).isEqualTo(1);
	}

	@Test
	void aCallerWhoHangsUpBeforeAnyPhoneRangAbandons() {
		on(new CallStarted("c1", MORNING, Direction.INBOUND, CALLER, "100"));
		Figures figures = on(abandoned("c1", MORNING.plusSeconds(2), 2)).figures();

		assertThat(figures.abandoned()).isEqualTo(1);
	}

	@Test
	void theServiceLevelCountsACallAnsweredExactlyAtTheThresholdAndNotOneAfter() {
		answer("c1", MORNING, Duration.ofSeconds(20), OWNER_PHONE, 7L, "ivanov");
		Figures atTheEdge = board.snapshot(MORNING).figures();
		assertThat(atTheEdge.serviceLevel()).isEqualTo(1.0);
		assertThat(atTheEdge.serviceLevelThresholdSeconds()).isEqualTo(20);

		answer("c2", MORNING.plusSeconds(60), Duration.ofMillis(20_001), OWNER_PHONE, 7L, "ivanov");
		Figures figures = board.snapshot(MORNING).figures();
		assertThat(figures.serviceLevel()).isEqualTo(0.5);
		assertThat(figures.averageSpeedOfAnswerSeconds()).isEqualTo(20.0);
	}

	@Test
	void theOwnerAnswerRateCountsClientsCallsTheirOwnerAnsweredAndHeadOfSalesAnswersAreTakeovers() {
		answer("c1", MORNING, Duration.ofSeconds(3), OWNER_PHONE, 7L, "ivanov");
		answer("c2", MORNING.plusSeconds(60), Duration.ofSeconds(3), HEAD_PHONE, 7L, "ivanov");
		answer("c3", MORNING.plusSeconds(120), Duration.ofSeconds(3), HEAD_PHONE, null, null);

		Figures figures = board.snapshot(MORNING).figures();

		assertThat(figures.received()).isEqualTo(3);
		assertThat(figures.ownerAnswerRate()).isEqualTo(0.5);
		assertThat(figures.takeovers()).as("the unknown caller's call is no takeover").isEqualTo(1);
	}

	@Test
	void theHeadOfSalesAnsweringTheirOwnClientIsNoTakeover() {
		answer("c1", MORNING, Duration.ofSeconds(3), HEAD_PHONE, 8L, "head");

		Figures figures = board.snapshot(MORNING).figures();
		assertThat(figures.takeovers()).isZero();
		assertThat(figures.ownerAnswerRate()).isEqualTo(1.0);
	}

	@Test
	void callsPerHourCountTodaysCallsByTheHourTheyStartedInTheZone() {
		assertThat(board.snapshot(MORNING).figures().callsPerHour()).hasSize(24).containsOnly(0);
		answer("c1", MORNING, Duration.ofSeconds(3), OWNER_PHONE, 7L, "ivanov");
		answer("c2", MORNING.plusSeconds(59 * 60), Duration.ofSeconds(3), OWNER_PHONE, 7L, "ivanov");
		ring("c3", MORNING.plusSeconds(60 * 60), OWNER_PHONE, 7L, "ivanov");
		DashboardChange change = on(ended("c3", MORNING.plusSeconds(60 * 60 + 30), false, null, 30, 0));

		Figures figures = change.figures();
		assertThat(figures.callsPerHour()).hasSize(24);
		assertThat(figures.callsPerHour().get(9)).as("09:00-09:59 in Moscow").isEqualTo(2);
		assertThat(figures.callsPerHour().get(10)).isEqualTo(1);
		assertThat(figures.answeredPerHour().get(9)).isEqualTo(2);
		assertThat(figures.answeredPerHour().get(10)).isZero();
		assertThat(figures.callsPerHour().stream().mapToInt(Integer::intValue).sum()).isEqualTo(figures.received());
	}

	@Test
	void callbacksFallOverdueAsTimePassesCountedPerTier() {
		Figures before = board.callbacks(List.of(new OpenCallback(MORNING.plusSeconds(30), "VIP"),
				new OpenCallback(MORNING.minusSeconds(60), "DEFAULT"),
				new OpenCallback(MORNING.minusSeconds(90), "DEFAULT"),
				new OpenCallback(MORNING.plusSeconds(3600), "SEGMENT:Metallurgy")))
			.figures();
		assertThat(before.callbacksOverdue()).isEqualTo(2);
		assertThat(before.callbacksOverdueByTier()).containsExactly(entry("DEFAULT", 2));
		assertThat(board.tick(MORNING.plusSeconds(10))).isNull();

		DashboardChange change = board.tick(MORNING.plusSeconds(31));

		assertThat(change.figures().callbacksOverdue()).isEqualTo(3);
		assertThat(change.figures().callbacksOverdueByTier()).containsExactly(entry("DEFAULT", 2), entry("VIP", 1));
	}

	@Test
	void atMidnightInTheZoneTheFiguresStartAgain() {
		answer("c1", MORNING, Duration.ofSeconds(3), OWNER_PHONE, 7L, "ivanov");
		Instant beforeMidnight = Instant.parse("2026-11-28T20:59:59Z");
		assertThat(board.tick(beforeMidnight)).isNull();
		assertThat(board.day()).isEqualTo(LocalDate.of(2026, 11, 28));

		DashboardChange change = board.tick(Instant.parse("2026-11-28T21:00:00Z"));

		assertThat(board.day()).isEqualTo(LocalDate.of(2026, 11, 29));
		assertThat(change.figures().received()).isZero();
		assertThat(change.figures().serviceLevel()).isNull();
	}

	@Test
	void aCallThatStartedYesterdayAndEndsTodayIsNotCountedToday() {
		Instant lateEvening = Instant.parse("2026-11-28T20:59:50Z");
		ring("c1", lateEvening, OWNER_PHONE, 7L, "ivanov");
		on(new CallAnswered("c1", lateEvening.plusSeconds(5), OWNER_PHONE));
		board.tick(Instant.parse("2026-11-28T21:00:01Z"));

		on(ended("c1", Instant.parse("2026-11-28T21:01:00Z"), true, OWNER_PHONE, 5, 65));

		assertThat(board.snapshot(MORNING).figures().received()).isZero();
	}

	@Test
	void aRecordedOutcomeCountsOnceWhetherItCameLiveOrFromTheDatabase() {
		answer("c1", MORNING, Duration.ofSeconds(3), OWNER_PHONE, 7L, "ivanov");

		DashboardChange change = board
			.recorded(List.of(new Outcome("c1", MORNING, true, Duration.ofSeconds(3), false, true, true, false),
					new Outcome("other-instance", MORNING.plusSeconds(5), false, Duration.ofSeconds(9), true, false,
							false, false),
					new Outcome("yesterday", MORNING.minus(Duration.ofDays(1)), true, Duration.ofSeconds(1), false,
							false, false, false)));

		assertThat(change.figures().received()).isEqualTo(2);
		assertThat(change.figures().answered()).isEqualTo(1);
		assertThat(change.figures().abandoned()).isEqualTo(1);
		assertThat(board
			.recorded(List.of(new Outcome("c1", MORNING, true, Duration.ofSeconds(3), false, true, true, false))))
			.as("nothing changed")
			.isNull();
	}

	@Test
	void aCallWhoseEndWasLostLeavesTheBoardOnceItIsRecorded() {
		ring("c1", MORNING, OWNER_PHONE, 7L, "ivanov");

		DashboardChange change = board
			.recorded(List.of(new Outcome("c1", MORNING, false, Duration.ofSeconds(30), false, true, false, false)));

		assertThat(change.endedCalls()).containsExactly("c1");
		assertThat(change.figures().missed()).isEqualTo(1);
		assertThat(on(new LegRinging("c1", MORNING.plusSeconds(31), OWNER_PHONE))).as("ended is ended").isNull();
	}

	@Test
	void presenceAndDeviceStatesShowPerEmployee() {
		board.presence(Map.of("ivanov", Availability.AVAILABLE), Map.of(OWNER_PHONE, DeviceState.NOT_INUSE));
		board.on(new DeviceStateChanged(OWNER_PHONE, MORNING.plusSeconds(1), DeviceStateChanged.State.INUSE));
		DashboardChange change = board.availability("ivanov", Availability.AWAY, MORNING.plusSeconds(2));

		assertThat(change.employees()).singleElement().satisfies(employee -> {
			assertThat(employee.availability()).isEqualTo("AWAY");
			assertThat(employee.deviceState()).isEqualTo("INUSE");
		});
		assertThat(board.presence(Map.of(), Map.of(OWNER_PHONE, DeviceState.NOT_INUSE)))
			.as("the PBX's own event is fresher than Redis")
			.isNull();
		assertThat(board.snapshot(MORNING).employees()).extracting(EmployeeOnBoard::login)
			.containsExactly("head", "ivanov");
	}

	@Test
	void theTeamAndItsPresenceReadTogetherAreOneChange() {
		DashboardChange change = board.team(List.of(new Member("petrova", "Anna Petrova", "MANAGER", "PJSIP/102")),
				Map.of("petrova", Availability.AVAILABLE), Map.of("PJSIP/102", DeviceState.NOT_INUSE));

		assertThat(change.employees()).singleElement().satisfies(employee -> {
			assertThat(employee.login()).isEqualTo("petrova");
			assertThat(employee.availability()).isEqualTo("AVAILABLE");
			assertThat(employee.deviceState()).isEqualTo("NOT_INUSE");
		});
		assertThat(board.snapshot(MORNING).version()).isEqualTo(change.version());
	}

	@Test
	void aMergedCallLeavesTheBoard() {
		ring("a", MORNING, OWNER_PHONE, 7L, "ivanov");
		ring("b", MORNING, HEAD_PHONE, null, null);

		DashboardChange change = on(new CallsMerged("a", MORNING.plusSeconds(3), "b"));

		assertThat(change.endedCalls()).containsExactly("b");
		assertThat(board.snapshot(MORNING).calls()).extracting(CallOnBoard::callId).containsExactly("a");
	}

	@Test
	void versionsIncreaseByOneAndTheSnapshotCarriesTheLast() {
		long before = board.snapshot(MORNING).version();
		DashboardChange first = on(new CallStarted("c1", MORNING, Direction.INBOUND, CALLER, "100"));
		DashboardChange second = on(new LegRinging("c1", MORNING, OWNER_PHONE));

		assertThat(first.version()).isEqualTo(before + 1);
		assertThat(second.version()).isEqualTo(before + 2);
		assertThat(board.snapshot(MORNING).version()).isEqualTo(second.version());
		assertThat(first.type()).isEqualTo("change");
		assertThat(board.snapshot(MORNING).type()).isEqualTo("snapshot");
	}

	private void ring(String callId, Instant at, String device, Long clientId, String ownerLogin) {
		on(new CallStarted(callId, at, Direction.INBOUND, CALLER, "100"));
		routed(routing(callId, at, "OWNER", device, null, clientId, ownerLogin));
		on(new LegRinging(callId, at, device));
	}

	private void answer(String callId, Instant at, Duration wait, String device, Long clientId, String ownerLogin) {
		ring(callId, at, device, clientId, ownerLogin);
		on(new CallAnswered(callId, at.plus(wait), device));
		on(new CallEnded(callId, at.plus(wait).plusSeconds(10), true, device, wait, Duration.ofSeconds(10), 16, CALLER,
				"100", Direction.INBOUND, false));
	}

	private static CallEnded ended(String callId, Instant at, boolean answered, String device, long waitSeconds,
			long talkSeconds) {
		return new CallEnded(callId, at, answered, device, Duration.ofSeconds(waitSeconds),
				Duration.ofSeconds(talkSeconds), 16, CALLER, "100", Direction.INBOUND, false);
	}

	/**
	 * The tracker's verdict that the caller gave up (see {@code Call.abandoned()}): the
	 * board counts it as such.
	 */
	private static CallEnded abandoned(String callId, Instant at, long waitSeconds) {
		return new CallEnded(callId, at, false, null, Duration.ofSeconds(waitSeconds), Duration.ZERO, 16, CALLER, "100",
				Direction.INBOUND, true);
	}

	/**
	 * A call event through the projection, as the board gets it: what it emits, applied
	 * as one change.
	 */
	private DashboardChange on(CallEvent event) {
		List<RoutedCallEvent> out = projection.on(event);
		return board.together(() -> out.forEach(board::on));
	}

	/** A routing of this instance through the projection. */
	private DashboardChange routed(RouteDecided decided) {
		List<RoutedCallEvent> out = projection.routed(decided);
		return board.together(() -> out.forEach(board::on));
	}

	/**
	 * Time passing for the projection (withdrawing calls the PBX never showed) and the
	 * board.
	 */
	private DashboardChange tick(Instant at) {
		List<RoutedCallEvent> out = projection.tick(at);
		return board.together(() -> {
			out.forEach(board::on);
			board.tick(at);
		});
	}

	private static RouteDecided routing(String callId, Instant at, String reason, String target, String login,
			Long clientId, String ownerLogin) {
		CallerMatch caller = clientId == null ? null : new CallerMatch(clientId, "Steel Works", false, "Metallurgy",
				new Employee(3, ownerLogin, "Owner", Role.MANAGER, OWNER_PHONE, true, null));
		return new RouteDecided(new RouteRequest(callId, CALLER, "100", Attempt.FIRST, null),
				new RouteDecision(target, RouteReason.valueOf(reason), login, clientId), caller, at, Duration.ZERO);
	}

	private static Routing elsewhere(String callId, Instant at, String reason, String target, String login,
			Long clientId, String ownerLogin) {
		return new Routing(callId, at, CALLER, reason, target, login, login == null ? null : "Ivan Ivanov", clientId,
				clientId == null ? null : "Steel Works", ownerLogin);
	}

}
