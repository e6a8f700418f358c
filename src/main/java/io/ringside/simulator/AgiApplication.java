package io.ringside.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * The AGI() dialplan application, as the shipped dialplan calls it,
 * AGI(agi://host:port/route?linkedid=${CHANNEL(linkedid)}) and
 * AGI(agi://host:port/route,noanswer): it builds res_agi.c's request for the channel and
 * hands the conversation ({@link FastAgiSession}) to a FastAGI thread of its own, since
 * the socket I/O blocks. Asterisk runs AGI on the channel's own thread, so it never
 * refuses a conversation for the number at once; the simulator allows {@link #AT_ONCE},
 * enough for hundreds of calls a second waiting a second each, and only past that fails
 * the conversation (AGISTATUS=FAILURE). Started on the core thread; what the script sets
 * and the outcome are posted back to it.
 */
final class AgiApplication {

	/** FastAGI conversations at once, at most. */
	static final int AT_ONCE = 1024;

	private final SimulatedExchange exchange;

	private final ThreadPoolExecutor agiThreads;

	AgiApplication(SimulatedExchange exchange) {
		this.exchange = exchange;
		AtomicInteger count = new AtomicInteger();
		this.agiThreads = new ThreadPoolExecutor(0, AT_ONCE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
				runnable -> {
					Thread thread = new Thread(runnable, "pbx-agi-" + count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
	}

	void shutdown() {
		agiThreads.shutdownNow();
	}

	/**
	 * The future completes on the core thread, after the VarSet events of what the script
	 * set, with false when the server could not be reached (or every FastAGI thread was
	 * busy).
	 */
	CompletableFuture<Boolean> agi(SimulatedChannel channel, @Nullable String argument) {
		SimulatorConfig config = exchange.config;
		Channels channels = exchange.channels;
		// as the shipped dialplan writes it: the first request gives the Linkedid
		String script = argument == null ? "route?linkedid=" + channel.linkedid : "route";
		String url = "agi://" + config.fastAgiHost() + ":" + config.fastAgiPort() + "/" + script;
		channels.enterApplication(channel, "AGI", argument == null ? url : url + "," + argument);
		AtomicBoolean hangupRequested = new AtomicBoolean();
		FastAgiSession session = new FastAgiSession(config.fastAgiHost(), config.fastAgiPort(),
				headers(channel, script, url, argument), channel.vars, functions(channel), channel.state,
				(name, value) -> exchange.time.run(() -> channels.setVariable(channel, name, value)),
				() -> hangupRequested.set(true));
		CompletableFuture<Boolean> done = new CompletableFuture<>();
		Consumer<Boolean> finish = reached -> exchange.time.run(() -> {
			if (!channel.hungUp) {
				channels.setVariable(channel, "AGISTATUS", reached ? "SUCCESS" : "FAILURE");
			}
			if (hangupRequested.get()) {
				channels.hangupFrom(channel);
			}
			done.complete(reached);
		});
		try {
			agiThreads.execute(() -> finish.accept(session.run()));
		}
		catch (RejectedExecutionException tooMany) {
			finish.accept(false);
		}
		return done;
	}

	/**
	 * What the script may read besides the channel's variables: dialplan functions and
	 * built-ins.
	 */
	private static Map<String, String> functions(SimulatedChannel channel) {
		Map<String, String> functions = new HashMap<>();
		functions.put("CHANNEL(linkedid)", channel.linkedid);
		functions.put("CHANNEL(uniqueid)", channel.uniqueid);
		functions.put("CHANNEL(name)", channel.name);
		functions.put("CHANNEL", channel.name);
		functions.put("UNIQUEID", channel.uniqueid);
		functions.put("CALLERID(num)", channel.callerNum == null ? "" : channel.callerNum);
		functions.put("CALLERID(name)", channel.callerName == null ? "" : channel.callerName);
		functions.put("EXTEN", channel.exten);
		functions.put("CONTEXT", channel.context);
		return functions;
	}

	/** The request block in res_agi.c's order (capture 10, section 3). */
	private List<String> headers(SimulatedChannel channel, String script, String url, @Nullable String argument) {
		List<String> headers = new ArrayList<>();
		headers.add("agi_network: yes");
		// res_agi.c sends what follows the host in the URL, parameters included
		headers.add("agi_network_script: " + script);
		headers.add("agi_request: " + url);
		headers.add("agi_channel: " + channel.name);
		headers.add("agi_language: en");
		headers.add("agi_type: " + channel.technology());
		headers.add("agi_uniqueid: " + channel.uniqueid);
		headers.add("agi_version: " + exchange.config.asteriskVersion());
		headers.add("agi_callerid: " + orUnknown(channel.callerNum));
		headers.add("agi_calleridname: " + orUnknown(channel.callerName));
		headers.add("agi_callingpres: 0");
		headers.add("agi_callingani2: 0");
		headers.add("agi_callington: 0");
		headers.add("agi_callingtns: 0");
		headers.add("agi_dnid: " + orUnknown(channel.exten));
		headers.add("agi_rdnis: unknown");
		headers.add("agi_context: " + channel.context);
		headers.add("agi_extension: " + channel.exten);
		headers.add("agi_priority: " + channel.priority);
		headers.add("agi_enhanced: 0.0");
		headers.add("agi_accountcode: ");
		headers.add("agi_threadid: " + (139_800_000_000_000L + Math.abs(channel.uniqueid.hashCode())));
		if (argument != null) {
			headers.add("agi_arg_1: " + argument);
		}
		return headers;
	}

	private static String orUnknown(@Nullable String value) {
		return value == null || value.isEmpty() ? "unknown" : value;
	}

}
