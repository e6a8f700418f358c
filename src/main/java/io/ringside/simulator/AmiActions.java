package io.ringside.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Answers AMI actions the way main/manager.c of Asterisk 20 does (capture 11): same
 * response headers, same order, ActionID echoed verbatim. Runs on the core thread.
 */
final class AmiActions {

	private static final Pattern CALLER_ID = Pattern.compile("^\\s*\"?([^\"<]*?)\"?\\s*<([^>]*)>\\s*$");

	private final SimulatedExchange exchange;

	private final Dialplan dialplan;

	private final AmiServer server;

	private final SecureRandom random = new SecureRandom();

	private final Instant started;

	private final AmiLists lists;

	AmiActions(SimulatedExchange exchange, Dialplan dialplan, AmiServer server) {
		this.exchange = exchange;
		this.dialplan = dialplan;
		this.server = server;
		this.lists = new AmiLists(exchange, server);
		this.started = exchange.time.now();
	}

	void handle(AmiSession session, Map<String, String> action) {
		if (!session.isOpen()) {
			return;
		}
		String id = action.get("ActionID");
		String name = action.getOrDefault("Action", "").toLowerCase(Locale.ROOT);
		if (name.isEmpty()) {
			error(session, id, "Missing action in request");
			return;
		}
		if (!session.authenticated && !List.of("login", "challenge", "logoff").contains(name)) {
			error(session, id, "Permission denied");
			return;
		}
		switch (name) {
			case "challenge" -> challenge(session, action, id);
			case "login" -> login(session, action, id);
			case "logoff" -> {
				server.reply(session, AmiMessage.response("Goodbye", id).add("Message", "Thanks for all the fish."));
				session.finish();
			}
			case "ping" -> server.reply(session,
					AmiMessage.response("Success", id).add("Ping", "Pong").add("Timestamp", timestamp()));
			case "coresettings" -> coreSettings(session, id);
			case "command" -> command(session, action, id);
			case "events" -> events(session, action, id);
			case "coreshowchannels" -> lists.coreShowChannels(session, id);
			case "devicestatelist" -> lists.deviceStateList(session, id);
			case "originate" -> originate(session, action, id);
			case "hangup" -> hangup(session, action, id);
			case "filter" -> filter(session, action, id);
			default -> error(session, id, "Invalid/unknown command");
		}
	}

	private void challenge(AmiSession session, Map<String, String> action, @Nullable String id) {
		if (!"md5".equalsIgnoreCase(action.getOrDefault("AuthType", ""))) {
			error(session, id, "Must specify AuthType");
			return;
		}
		if (session.challenge == null) {
			session.challenge = Long.toString(random.nextInt(Integer.MAX_VALUE));
		}
		server.reply(session, AmiMessage.response("Success", id).add("Challenge", session.challenge));
	}

	private void login(AmiSession session, Map<String, String> action, @Nullable String id) {
		if (session.authenticated) {
			server.reply(session, AmiMessage.response("Success", id).add("Message", "Already authenticated"));
			return;
		}
		if (!credentialsMatch(session, action)) {
			// Asterisk also sleeps a second here; a simulator has no brute force to slow
			// down.
			error(session, id, "Authentication failed");
			session.finish();
			return;
		}
		session.authenticated = true;
		String events = action.get("Events");
		session.eventsOn = events == null || !events.equalsIgnoreCase("off");
		server.reply(session, AmiMessage.response("Success", id).add("Message", "Authentication accepted"));
		long uptime = Duration.between(started, exchange.time.now()).toSeconds();
		server.reply(session,
				AmiMessage.event("FullyBooted", "system,all")
					.add("Uptime", uptime)
					.add("LastReload", uptime)
					.add("Status", "Fully Booted"));
	}

	private void filter(AmiSession session, Map<String, String> action, @Nullable String id) {
		String refused = session.filters.add(action);
		server.reply(session, refused == null ? AmiMessage.response("Success", id).add("Message", "Success")
				: AmiMessage.response("Error", id).add("Message", refused));
	}

	private boolean credentialsMatch(AmiSession session, Map<String, String> action) {
		SimulatorConfig config = exchange.config;
		if (!config.username().equals(action.get("Username"))) {
			return false;
		}
		String key = action.get("Key");
		if (key != null && "md5".equalsIgnoreCase(action.getOrDefault("AuthType", "")) && session.challenge != null) {
			return md5Hex(session.challenge + config.secret()).equalsIgnoreCase(key);
		}
		return config.secret().equals(action.get("Secret"));
	}

	static String md5Hex(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("MD5 is part of every JDK", ex);
		}
	}

	private void coreSettings(AmiSession session, @Nullable String id) {
		SimulatorConfig config = exchange.config;
		server.reply(session,
				AmiMessage.response("Success", id)
					.add("AMIversion", config.amiVersion())
					.add("AsteriskVersion", config.asteriskVersion())
					.add("SystemName", "")
					.add("CoreMaxCalls", 0)
					.add("CoreMaxLoadAvg", "0.000000")
					.add("CoreRunUser", "asterisk")
					.add("CoreRunGroup", "asterisk")
					.add("CoreMaxFilehandles", 0)
					.add("CoreRealTimeEnabled", "No")
					.add("CoreCDRenabled", "Yes")
					.add("CoreHTTPenabled", "No")
					.add("SoundsSearchCustomDir", "No"));
	}

	private void command(AmiSession session, Map<String, String> action, @Nullable String id) {
		String command = action.getOrDefault("Command", "").trim();
		if (command.isEmpty()) {
			error(session, id, "No command provided");
			return;
		}
		if (command.equalsIgnoreCase("core show version")) {
			server.reply(session, AmiMessage.response("Success", id)
				.add("Message", "Command output follows")
				.add("Output", "Asterisk " + exchange.config.asteriskVersion()
						+ " built by ringside @ simulator on a x86_64 running Linux on 2026-01-01 00:00:00 UTC"));
			return;
		}
		server.reply(session,
				AmiMessage.response("Error", id)
					.add("Message", "Command output follows")
					.add("Output", "No such command '" + command + "' (type 'core show help " + command
							+ "' for other possible commands)"));
	}

	private void events(AmiSession session, Map<String, String> action, @Nullable String id) {
		String mask = action.getOrDefault("EventMask", "on");
		session.eventsOn = !mask.equalsIgnoreCase("off");
		server.reply(session, AmiMessage.response("Success", id).add("Events", session.eventsOn ? "On" : "Off"));
	}

	private void originate(AmiSession session, Map<String, String> action, @Nullable String id) {
		String channel = action.get("Channel");
		if (channel == null || channel.isBlank()) {
			error(session, id, "Channel not specified");
			return;
		}
		String exten = action.get("Exten");
		String application = action.get("Application");
		if ((exten == null || exten.isBlank()) && application == null) {
			error(session, id, "Exten not specified");
			return;
		}
		String callerNum = null;
		String callerName = null;
		String callerId = action.get("CallerID");
		if (callerId != null) {
			Matcher matcher = CALLER_ID.matcher(callerId);
			if (matcher.matches()) {
				callerName = matcher.group(1).isBlank() ? null : matcher.group(1).trim();
				callerNum = matcher.group(2);
			}
			else {
				callerNum = callerId.trim();
			}
		}
		long timeout = parseLong(action.get("Timeout"), 30_000);
		String asyncHeader = action.getOrDefault("Async", "false");
		boolean async = asyncHeader.equalsIgnoreCase("true") || asyncHeader.equalsIgnoreCase("yes")
				|| asyncHeader.equals("1");
		Originator.Request request = new Originator.Request(id, channel.trim(),
				action.getOrDefault("Context", "from-internal"), exten, application, action.get("Data"), callerNum,
				callerName, Duration.ofMillis(timeout), async);
		if (async) {
			server.reply(session, AmiMessage.response("Success", id).add("Message", "Originate successfully queued"));
		}
		String num = callerNum;
		String name = callerName;
		dialplan.originator.originate(request, (success, reason, originated, uniqueid) -> {
			if (!async) {
				server.reply(session,
						success ? AmiMessage.response("Success", id).add("Message", "Originate successfully queued")
								: AmiMessage.response("Error", id).add("Message", "Originate failed"));
				return;
			}
			AmiMessage event = AmiMessage.event("OriginateResponse", "call,all");
			if (id != null && !id.isEmpty()) {
				event.add("ActionID", id);
			}
			event.add("Response", success ? "Success" : "Failure").add("Channel", originated);
			if (application != null) {
				event.add("Application", application).add("Data", request.data() == null ? "" : request.data());
			}
			else {
				event.add("Context", request.context()).add("Exten", exten);
			}
			exchange.events.emit(event.add("Reason", reason)
				.add("Uniqueid", uniqueid)
				.add("CallerIDNum", num == null ? "<unknown>" : num)
				.add("CallerIDName", name == null ? "<unknown>" : name));
		});
	}

	private void hangup(AmiSession session, Map<String, String> action, @Nullable String id) {
		String name = action.getOrDefault("Channel", "");
		SimulatedChannel channel = exchange.channels.named(name);
		if (channel == null) {
			error(session, id, "No such channel");
			return;
		}
		exchange.channels.hangupFrom(channel);
		server.reply(session, AmiMessage.response("Success", id).add("Message", "Channel Hungup"));
	}

	private void error(AmiSession session, @Nullable String id, String message) {
		server.reply(session, AmiMessage.response("Error", id).add("Message", message));
	}

	private String timestamp() {
		Instant now = exchange.time.now();
		return now.getEpochSecond() + "." + String.format("%06d", now.getNano() / 1000);
	}

	private static long parseLong(@Nullable String text, long otherwise) {
		try {
			return text == null ? otherwise : Long.parseLong(text.trim());
		}
		catch (NumberFormatException ex) {
			return otherwise;
		}
	}

}
