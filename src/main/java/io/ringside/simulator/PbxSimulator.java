package io.ringside.simulator;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A simulated Asterisk 20 for the demo and the tests: an AMI server on loopback that the
 * real Asterisk-Java client logs in to, a dialplan that asks Ringside's FastAGI server
 * where to route each inbound call, simulated phones, and scenarios (inbound, ring
 * groups, queue, transfers, originate) that raise the events Asterisk raises.
 * <p>
 * Threads: the simulation runs on one core thread of its own; FastAGI conversations on
 * threads of their own; AMI I/O on Reactor Netty's event loops. Every method here returns
 * at once and may be called from any thread, except {@link #start()}, {@link #stop()} and
 * {@link #close()}, which wait for the socket to bind or close and must not be called on
 * an event loop.
 */
public final class PbxSimulator implements AutoCloseable {

	private final SimulatorConfig config;

	private final SimulatedExchange exchange;

	private final Dialplan dialplan;

	private final AmiServer ami;

	public PbxSimulator(SimulatorConfig config) {
		this(config, Clock.systemUTC(), SimulatedPhones.answeringAfter(Duration.ofSeconds(2)));
	}

	/**
	 * @param clock where Uniqueids, durations and timestamps take the time from
	 * @param phones how the simulated phones behave; replaceable later with
	 * {@link #phones(SimulatedPhones)}
	 */
	public PbxSimulator(SimulatorConfig config, Clock clock, SimulatedPhones phones) {
		this.config = Objects.requireNonNull(config, "config");
		AtomicReference<AmiServer> server = new AtomicReference<>();
		this.exchange = new SimulatedExchange(config, clock, phones, event -> {
			// set below, before the core can raise anything; nothing raised earlier would
			// have a client to go to
			AmiServer current = server.get();
			if (current != null) {
				current.broadcast(event);
			}
		});
		this.dialplan = new Dialplan(exchange);
		AmiActions[] actions = new AmiActions[1];
		this.ami = new AmiServer(exchange.time.loop, config.amiVersion(),
				(session, action) -> actions[0].handle(session, action));
		server.set(ami);
		actions[0] = new AmiActions(exchange, dialplan, ami);
	}

	/**
	 * Opens the AMI port; after {@link #stop()} it opens the same port again. Calls in
	 * progress carry on.
	 */
	public PbxSimulator start() {
		ami.start(config.amiPort());
		return this;
	}

	/**
	 * Closes the AMI port and drops every client, as a PBX restart or a network cut does;
	 * the simulated calls carry on, so that after {@link #start()} CoreShowChannels
	 * reports those still up.
	 */
	public void stop() {
		ami.stop();
	}

	public boolean isRunning() {
		return ami.isRunning();
	}

	/** The AMI port, known once started. */
	public int amiPort() {
		return ami.port();
	}

	public SimulatorConfig config() {
		return config;
	}

	/**
	 * Records the calls answered from now on into this folder, as Ringside's dialplan
	 * does: one short WAV per call, named after its Linkedid, and
	 * {@link io.ringside.telephony.Pbx#RECORDING_VARIABLE} set on its first channel to
	 * that file's name (null: stop recording).
	 */
	public void recordCalls(@Nullable Path folder) {
		exchange.mixMonitor.into(folder);
	}

	/** Replaces the phones' behaviour for calls placed from now on. */
	public void phones(SimulatedPhones phones) {
		exchange.phones = Objects.requireNonNull(phones, "phones");
	}

	/**
	 * An outside caller rings in on the trunk and goes through the inbound dialplan: AGI
	 * route, Dial the target, on no answer AGI route,noanswer and the next target, safety
	 * path to the fallback group when routing fails.
	 */
	public SimulatedCall inboundCall(InboundCall call) {
		CallRecord record = new CallRecord(exchange.channels.nextUniqueid());
		exchange.time.run(() -> dialplan.inbound.enter(record, call));
		return new SimulatedCall(record, dialplan, exchange);
	}

	/**
	 * One of our phones dials an outside number by hand (not through Ringside): the
	 * phone's channel, then the trunk leg; answered, they talk until the phone's user
	 * hangs up after {@code talkTime}.
	 * @param device the phone, e.g. {@code PJSIP/101}
	 * @param number the number as keyed, e.g. {@code 84951234567}
	 */
	public SimulatedCall outboundCall(String device, String number, Duration talkTime) {
		CallRecord record = new CallRecord(exchange.channels.nextUniqueid());
		exchange.time.run(() -> dialplan.deskPhones.dial(record, device, number, talkTime));
		return new SimulatedCall(record, dialplan, exchange);
	}

	/**
	 * An outside caller rings in and is answered by Queue(queue), which rings the members
	 * one after the other (each for the ring timeout) until one answers: QueueCallerJoin,
	 * AgentCalled, AgentRingNoAnswer, AgentConnect, AgentComplete.
	 */
	public SimulatedCall queueCall(InboundCall call, String queue, List<String> members) {
		CallRecord record = new CallRecord(exchange.channels.nextUniqueid());
		List<String> copy = List.copyOf(members);
		exchange.time.run(() -> dialplan.queue.enter(record, call, queue, copy));
		return new SimulatedCall(record, dialplan, exchange);
	}

	/**
	 * An outside caller rings in on an inbound route that goes straight to a FreePBX
	 * queue: members are reached through {@code Local/<ext>@from-queue/n} channel pairs,
	 * round after round, as a FreePBX 16 system does (captures 15 and 16), until a phone
	 * answers or the caller hangs up ({@link InboundCall#hangingUpAfter}), which abandons
	 * the queue. The call's {@link SimulatedCall#answered()} names the member's phone
	 * ({@code PJSIP/<ext>}).
	 */
	public SimulatedCall queueCall(InboundCall call, CallQueue queue) {
		Objects.requireNonNull(queue, "queue");
		CallRecord record = new CallRecord(exchange.channels.nextUniqueid());
		exchange.time.run(() -> dialplan.freePbxQueue.enter(record, dialplan.callers.arrive(record, call), queue,
				call.talkTime()));
		return new SimulatedCall(record, dialplan, exchange);
	}

	/**
	 * A steady stream of inbound calls for the demo: one every {@code interval}
	 * (shortened by the speed factor) from the given numbers in turn, each talking about
	 * {@code talkTime} (varied by up to half), never more than {@code maxConcurrent} at
	 * once (a tick that finds the limit reached places no call). Calls start when
	 * subscribed and stop when cancelled; calls already placed play to their end.
	 */
	public Flux<SimulatedCall> traffic(List<String> callerNumbers, Duration interval, int maxConcurrent,
			Duration talkTime) {
		List<String> callers = List.copyOf(callerNumbers);
		if (callers.isEmpty() || maxConcurrent < 1) {
			return Flux.empty();
		}
		Duration tick = Duration.ofNanos(Math.max(1_000_000, (long) (interval.toNanos() / config.speedFactor())));
		return Flux.defer(() -> {
			AtomicInteger active = new AtomicInteger();
			return Flux.interval(tick).onBackpressureDrop().filter(n -> active.get() < maxConcurrent).map(n -> {
				active.incrementAndGet();
				long variation = talkTime.toMillis() / 2;
				long jitter = variation == 0 ? 0 : Math.floorMod(n * 7919L, 2 * variation + 1) - variation;
				SimulatedCall call = inboundCall(InboundCall.from(callers.get((int) (n % callers.size())))
					.talkingFor(talkTime.plusMillis(jitter)));
				call.record().ended.whenComplete((summary, error) -> active.decrementAndGet());
				return call;
			});
		});
	}

	/**
	 * Writes text to every connected AMI client exactly as given (malformed or unknown
	 * AMI, for robustness tests).
	 */
	public void sendRaw(String text) {
		exchange.time.run(() -> ami.broadcastRaw(text));
	}

	/** The names of the channels up right now, oldest first. */
	public Mono<List<String>> activeChannels() {
		return Mono.fromFuture(() -> CompletableFuture.supplyAsync(
				() -> exchange.channels.byAge().stream().map(channel -> channel.name).toList(), exchange.time.loop));
	}

	/** AMI clients dropped because they did not read fast enough. */
	public long droppedClients() {
		return ami.droppedClients();
	}

	/** AMI clients connected right now. */
	public int connectedClients() {
		return ami.clients();
	}

	/** AMI clients connected right now that asked for only some events (Filter). */
	public int filteredClients() {
		return ami.filteredClients();
	}

	/** Stops the AMI server and the simulation threads. */
	@Override
	public void close() {
		ami.stop();
		dialplan.shutdown();
		exchange.shutdown();
	}

}
