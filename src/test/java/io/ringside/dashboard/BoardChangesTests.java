package io.ringside.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.ringside.calls.CallProjection;
import io.ringside.calls.RoutedCallEvent;
import io.ringside.clients.CallerMatch;
import io.ringside.dashboard.DashboardSnapshot.CallOnBoard;
import io.ringside.dashboard.DashboardSnapshot.EmployeeOnBoard;
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

/**
 * The board works out what changed from the calls and people its inputs touched, not by
 * comparing everything it shows at every input. Over long random runs of every kind of
 * input, two things must hold after each one: the changes sent so far, applied to the
 * first snapshot as a page applies them, give what the board shows; and that is what a
 * board shows that was given all the same inputs at once (everything touched in one
 * comparison).
 */
class BoardChangesTests {

	private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

	private static final Instant MORNING = Instant.parse("2026-11-28T06:00:00Z");

	private static final List<String> PHONES = List.of("PJSIP/100", "PJSIP/101", "PJSIP/102", "PJSIP/103");

	private static final List<String> LOGINS = List.of("head", "ivanov", "petrov", "sidorov", "orlova");

	private static final int CALLS = 8;

	@Test
	void theChangesAddUpToWhatTheBoardShowsAndThatIsWhatAllInputsAtOnceShow() {
		for (long seed = 1; seed <= 40; seed++) {
			Random random = new Random(seed);
			List<Consumer<Fed>> inputs = new ArrayList<>();
			Fed board = new Fed();
			Map<String, CallOnBoard> calls = new LinkedHashMap<>();
			Map<String, EmployeeOnBoard> employees = new LinkedHashMap<>();
			DashboardSnapshot first = board.board.snapshot(MORNING);
			first.calls().forEach(call -> calls.put(call.callId(), call));
			first.employees().forEach(employee -> employees.put(employee.login(), employee));
			Instant at = MORNING;
			for (int step = 0; step < 150; step++) {
				// one input, or a few applied together as the feed applies a batch
				List<Consumer<Fed>> batch = new ArrayList<>();
				for (int each = random.nextInt(3) == 0 ? 1 + random.nextInt(4) : 1; each > 0; each--) {
					at = at.plusMillis(random.nextInt(3_000));
					batch.add(input(random, at));
				}
				inputs.addAll(batch);
				DashboardChange change = board.apply(fed -> batch.forEach(input -> input.accept(fed)));
				if (change != null) {
					applyTo(calls, employees, change);
				}
				DashboardSnapshot shown = board.board.snapshot(at);
				String where = "seed " + seed + ", step " + step;
				assertThat(calls).as(where).isEqualTo(byCallId(shown));
				shown.employees()
					.forEach(employee -> assertThat(employees.get(employee.login())).as(where).isEqualTo(employee));
				if (step % 10 == 9 || step == 149) {
					Fed atOnce = new Fed();
					atOnce.apply(fed -> inputs.forEach(each -> each.accept(fed)));
					DashboardSnapshot all = atOnce.board.snapshot(at);
					assertThat(shown.calls()).as(where).isEqualTo(all.calls());
					assertThat(shown.employees()).as(where).isEqualTo(all.employees());
					assertThat(shown.figures()).as(where).isEqualTo(all.figures());
				}
			}
		}
	}

	private static void applyTo(Map<String, CallOnBoard> calls, Map<String, EmployeeOnBoard> employees,
			DashboardChange change) {
		if (change.calls() != null) {
			change.calls().forEach(call -> calls.put(call.callId(), call));
		}
		if (change.endedCalls() != null) {
			change.endedCalls().forEach(calls::remove);
		}
		if (change.employees() != null) {
			change.employees().forEach(employee -> employees.put(employee.login(), employee));
		}
	}

	private static Map<String, CallOnBoard> byCallId(DashboardSnapshot snapshot) {
		Map<String, CallOnBoard> calls = new LinkedHashMap<>();
		snapshot.calls().forEach(call -> calls.put(call.callId(), call));
		return calls;
	}

	/** One input of any kind, at {@code at}. */
	private static Consumer<Fed> input(Random random, Instant at) {
		String call = "c" + random.nextInt(CALLS);
		String phone = PHONES.get(random.nextInt(PHONES.size()));
		String login = LOGINS.get(random.nextInt(LOGINS.size()));
		int kind = random.nextInt(100);
		if (kind < 14) {
			Direction direction = random(random, Direction.values());
			return fed -> fed.on(new CallStarted(call, at, direction, "+7495000000" + kind % 10, "100"));
		}
		if (kind < 30) {
			return fed -> fed.on(new LegRinging(call, at, phone));
		}
		if (kind < 36) {
			LegEndReason reason = random(random, LegEndReason.values());
			return fed -> fed.on(new LegEnded(call, at, phone, reason));
		}
		if (kind < 46) {
			return fed -> fed.on(new CallAnswered(call, at, phone));
		}
		if (kind < 56) {
			boolean answered = random.nextBoolean();
			CallEnded ended = new CallEnded(call, at, answered, answered ? phone : null,
					Duration.ofSeconds(random.nextInt(40)), Duration.ofSeconds(answered ? 30 : 0), 16, "+74950000000",
					"100", Direction.INBOUND, !answered && random.nextBoolean());
			return fed -> fed.on(ended);
		}
		if (kind < 60) {
			String other = "c" + random.nextInt(CALLS);
			return other.equals(call) ? fed -> fed.tick(at) : fed -> fed.on(new CallsMerged(call, at, other));
		}
		if (kind < 70) {
			Long client = random.nextBoolean() ? (long) random.nextInt(3) : null;
			boolean named = random.nextBoolean();
			return fed -> fed.routed(routing(call, at, phone, named ? login : null, client));
		}
		if (kind < 74) {
			Routing routing = new Routing(call, at, "+74950000001", "OWNER", phone, login,
					random.nextBoolean() ? null : "Someone Else", 5L, "Glass Works", login);
			return fed -> fed.board.routedElsewhere(routing);
		}
		if (kind < 82) {
			DeviceStateChanged.State state = random(random, DeviceStateChanged.State.values());
			return fed -> fed.board.on(new DeviceStateChanged(phone, at, state));
		}
		if (kind < 88) {
			Availability status = random(random, Availability.values());
			return fed -> fed.board.availability(login, status, at);
		}
		if (kind < 91) {
			List<Member> team = team(random);
			return fed -> fed.board.team(team);
		}
		if (kind < 93) {
			String name = "Named " + random.nextInt(3);
			return fed -> fed.board.named(login, name);
		}
		if (kind < 95) {
			Map<String, DeviceState> devices = Map.of(phone, random(random, DeviceState.values()));
			Map<String, Availability> statuses = Map.of(login, random(random, Availability.values()));
			return fed -> fed.board.presence(statuses, devices);
		}
		if (kind < 97) {
			boolean answered = random.nextBoolean();
			Outcome outcome = new Outcome(call, at.minusSeconds(20), answered, Duration.ofSeconds(5), !answered, true,
					answered, false);
			return fed -> fed.board.recorded(List.of(outcome));
		}
		Instant later = at.plusSeconds(random.nextInt(20));
		return fed -> fed.tick(later);
	}

	/** Members in a random order, some left out, names and phones changing. */
	private static List<Member> team(Random random) {
		List<Member> members = new ArrayList<>();
		for (String login : LOGINS) {
			if (random.nextInt(5) > 0) {
				String phone = random.nextInt(6) == 0 ? null : PHONES.get(random.nextInt(PHONES.size()));
				members.add(new Member(login, login + " " + random.nextInt(2),
						login.equals("head") ? "HEAD_OF_SALES" : "MANAGER", phone));
			}
		}
		Collections.shuffle(members, random);
		return members;
	}

	private static <T> T random(Random random, T[] values) {
		return values[random.nextInt(values.length)];
	}

	private static RouteDecided routing(String callId, Instant at, String target, String login, Long clientId) {
		CallerMatch caller = clientId == null ? null : new CallerMatch(clientId, "Steel Works " + clientId, false,
				"Metallurgy", new Employee(3, "ivanov", "Owner", Role.MANAGER, "PJSIP/101", true, null));
		return new RouteDecided(new RouteRequest(callId, "+74950000002", "100", Attempt.FIRST, null),
				new RouteDecision(target, RouteReason.OWNER, login, clientId), caller, at, Duration.ZERO);
	}

	/** A board and the routed-call projection in front of it, as the feed has them. */
	private static final class Fed {

		final Board board = new Board(MOSCOW, Duration.ofSeconds(20), MORNING);

		final CallProjection projection = new CallProjection();

		Fed() {
			board.team(List.of(new Member("head", "Elena Volkova", "HEAD_OF_SALES", "PJSIP/100"),
					new Member("ivanov", "Ivan Ivanov", "MANAGER", "PJSIP/101"),
					new Member("petrov", "Petr Petrov", "MANAGER", "PJSIP/102"),
					new Member("sidorov", "Sid Sidorov", "MANAGER", "PJSIP/102")));
		}

		DashboardChange apply(Consumer<Fed> input) {
			return board.together(() -> input.accept(this));
		}

		void on(CallEvent event) {
			List<RoutedCallEvent> out = projection.on(event);
			out.forEach(board::on);
		}

		void routed(RouteDecided decided) {
			projection.routed(decided).forEach(board::on);
		}

		void tick(Instant at) {
			projection.tick(at).forEach(board::on);
			board.tick(at);
		}

	}

}
