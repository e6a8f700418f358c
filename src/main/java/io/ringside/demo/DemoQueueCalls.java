package io.ringside.demo;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import reactor.core.publisher.Flux;

import io.ringside.simulator.CallQueue;
import io.ringside.simulator.InboundCall;
import io.ringside.simulator.PbxSimulator;
import io.ringside.simulator.SimulatedCall;
import io.ringside.team.Employee;

/**
 * The demo's queue calls, as a FreePBX system places them (members behind Local channels,
 * see {@link PbxSimulator#queueCall(InboundCall, CallQueue)}), taking turns: a call to
 * the sales queue {@code 400}, which rings the whole team and is answered by whoever
 * picks up first; and a call to the support queue {@code 401}, which rings the away
 * manager first and whose caller gives up after 10 s: abandoned, a missed call with a
 * callback.
 */
final class DemoQueueCalls {

	private static final int MAX_CONCURRENT = 3;

	private final PbxSimulator simulator;

	private final List<String> callers;

	private final CallQueue sales;

	private final CallQueue support;

	DemoQueueCalls(PbxSimulator simulator, List<String> callers, List<Employee> team) {
		this.simulator = simulator;
		this.callers = List.copyOf(callers);
		List<String> extensions = team.stream().map(DemoQueueCalls::extensionOf).toList();
		this.sales = CallQueue.ringAll("400", extensions);
		String away = team.stream()
			.filter(employee -> DemoCompany.AWAY_MANAGER.equals(employee.login()))
			.map(DemoQueueCalls::extensionOf)
			.findFirst()
			.orElse(extensions.get(0));
		this.support = CallQueue.linear("401", List.of(away));
	}

	/**
	 * The extension of an employee's phone: DemoTraffic hands over only employees with
	 * one.
	 */
	private static String extensionOf(Employee employee) {
		String device = Objects.requireNonNull(employee.extension(), "an employee without a phone in the queue");
		return device.substring(device.indexOf('/') + 1);
	}

	/**
	 * One queue call per interval (shortened by the simulator's speed), at most a few at
	 * once (a caller nobody answers gives up after 90 s). Calls start when subscribed;
	 * each is emitted when it has ended.
	 */
	Flux<SimulatedCall> every(Duration interval) {
		if (callers.isEmpty() || sales.members().isEmpty()) {
			return Flux.empty();
		}
		Duration tick = Duration
			.ofNanos(Math.max(1_000_000, (long) (interval.toNanos() / simulator.config().speedFactor())));
		// Ticks that find MAX_CONCURRENT calls in progress are dropped; each call is
		// emitted once it has ended.
		return Flux.interval(tick, tick).onBackpressureDrop().flatMap(n -> {
			InboundCall caller = InboundCall.from(callers.get((int) ((n * 5 + 3) % callers.size())));
			SimulatedCall call = n % 2 == 0
					? simulator.queueCall(caller.talkingFor(Duration.ofSeconds(20 + n % 7 * 5))
						.hangingUpAfter(Duration.ofSeconds(90)), sales)
					: simulator.queueCall(caller.hangingUpAfter(Duration.ofSeconds(10)), support);
			return call.ended().thenReturn(call);
		}, MAX_CONCURRENT);
	}

}
