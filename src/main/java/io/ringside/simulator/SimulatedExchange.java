package io.ringside.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The simulated Asterisk core, put together: its time and tasks ({@link CoreTime}), the
 * events it raises ({@link CoreEvents}), its channels ({@link Channels}), bridges
 * ({@link Bridges}), device states ({@link Devices}), Dial() ({@link Dialing}) and
 * MixMonitor() ({@link MixMonitor}). Everything here runs on one thread, the core thread,
 * the way an actor would: scenario steps, timers, AMI actions and writes to AMI clients
 * are all tasks on it, so the state needs no locks and every client sees the events in
 * the same order. FastAGI conversations block, so they run on threads of their own and
 * post their results back.
 */
final class SimulatedExchange {

	final SimulatorConfig config;

	final CoreTime time;

	final CoreEvents events;

	final Devices devices;

	final Bridges bridges;

	final Channels channels;

	final Dialing dialing;

	final MixMonitor mixMonitor;

	/** How the phones behave; replaced from any thread, read on the core thread. */
	volatile SimulatedPhones phones;

	/**
	 * @param events where raised events go (every AMI client that wants events); called
	 * on the core thread
	 */
	SimulatedExchange(SimulatorConfig config, Clock clock, SimulatedPhones phones, Consumer<AmiMessage> events) {
		this.config = config;
		this.phones = phones;
		this.time = new CoreTime(clock, config.speedFactor());
		this.events = new CoreEvents(config.majorVersion(), events);
		this.devices = new Devices(this.events, () -> this.phones);
		this.bridges = new Bridges(this.events);
		this.channels = new Channels(time, this.events, bridges, devices);
		this.dialing = new Dialing(time, this.events, channels, () -> this.phones);
		this.mixMonitor = new MixMonitor(channels, this.events);
	}

	/** Stops the core thread and waits for it, at most five seconds. */
	void shutdown() {
		time.loop.shutdown();
		try {
			time.loop.awaitTermination(Duration.ofSeconds(5));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
