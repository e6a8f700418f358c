package io.ringside.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The Asterisk side of one FastAGI conversation (res_agi.c): connect, send the
 * {@code agi_*} headers and an empty line, then answer each command the script sends
 * until the script closes the connection. Blocking socket I/O, so it runs on a FastAGI
 * thread, never on the core thread or an event loop.
 */
final class FastAgiSession {

	private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]*)}");

	private final String host;

	private final int port;

	private final List<String> headers;

	private final Map<String, String> variables;

	private final Map<String, String> functions;

	private final BiConsumer<String, String> onSet;

	private final Runnable onHangup;

	private final int channelState;

	/**
	 * @param headers the request lines, without the closing empty line
	 * @param variables the channel's variables, read live and written by SET VARIABLE
	 * @param functions values of dialplan functions and built-ins, e.g.
	 * {@code CHANNEL(linkedid)}
	 * @param onSet told of each SET VARIABLE, to raise VarSet on the core thread
	 */
	FastAgiSession(String host, int port, List<String> headers, Map<String, String> variables,
			Map<String, String> functions, int channelState, BiConsumer<String, String> onSet, Runnable onHangup) {
		this.host = host;
		this.port = port;
		this.headers = headers;
		this.variables = variables;
		this.functions = functions;
		this.channelState = channelState;
		this.onSet = onSet;
		this.onHangup = onHangup;
	}

	/** Returns false when the FastAGI server could not be reached (AGISTATUS=FAILURE). */
	boolean run() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 2000);
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			StringBuilder request = new StringBuilder();
			headers.forEach(line -> request.append(line).append('\n'));
			request.append('\n');
			out.write(request.toString().getBytes(StandardCharsets.UTF_8));
			out.flush();
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			try {
				String line;
				while ((line = in.readLine()) != null) {
					if (line.isBlank()) {
						continue;
					}
					out.write((answer(line.trim()) + "\n").getBytes(StandardCharsets.UTF_8));
					out.flush();
				}
			}
			catch (IOException endedAbruptly) {
				// The script went away mid-conversation; the dialplan continues with what
				// it has set.
			}
			return true;
		}
		catch (IOException unreachable) {
			return false;
		}
	}

	String answer(String line) {
		List<String> words = AgiCommandLine.words(line);
		String command = String.join(" ", words.subList(0, Math.min(3, words.size()))).toUpperCase(Locale.ROOT);
		if (command.startsWith("SET VARIABLE") && words.size() >= 4) {
			variables.put(words.get(2), words.get(3));
			onSet.accept(words.get(2), words.get(3));
			return "200 result=1";
		}
		if (command.startsWith("GET FULL VARIABLE") && words.size() >= 4) {
			return "200 result=1 (" + substitute(words.get(3)) + ")";
		}
		if (command.startsWith("GET VARIABLE") && words.size() >= 3) {
			String value = lookup(words.get(2));
			return value == null ? "200 result=0" : "200 result=1 (" + value + ")";
		}
		String first = words.isEmpty() ? "" : words.get(0).toUpperCase(Locale.ROOT);
		if (first.equals("EXEC") && words.size() >= 2) {
			return exec(words.get(1), words.size() >= 3 ? words.get(2) : "");
		}
		return switch (first) {
			case "VERBOSE" -> "200 result=1";
			case "NOOP" -> "200 result=0";
			case "ANSWER" -> "200 result=0";
			case "CHANNEL" ->
				command.startsWith("CHANNEL STATUS") ? "200 result=" + channelState : "510 Invalid or unknown command";
			case "HANGUP" -> {
				onHangup.run();
				yield "200 result=1";
			}
			default -> "510 Invalid or unknown command";
		};
	}

	/**
	 * EXEC of a dialplan application: {@code MSet(name1=value1,name2=value2,...)} sets
	 * each variable and raises a VarSet for each, as Asterisk's
	 * pbx_builtin_setvar_multiple does; result 0. Any other application is unknown here
	 * ({@code result=-2}, Asterisk's answer for an application it does not have).
	 */
	private String exec(String application, String arguments) {
		if (!application.equalsIgnoreCase("MSet")) {
			return "200 result=-2";
		}
		for (String pair : arguments.split("[,|]")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				String name = pair.substring(0, equals).trim();
				String value = pair.substring(equals + 1);
				variables.put(name, value);
				onSet.accept(name, value);
			}
		}
		return "200 result=0";
	}

	private @Nullable String lookup(String name) {
		if (name.endsWith(")")) {
			return functions.get(name.toUpperCase(Locale.ROOT).startsWith("CHANNEL(")
					? "CHANNEL(" + name.substring(8).toLowerCase(Locale.ROOT) : name);
		}
		String value = variables.get(name);
		return value != null ? value : functions.get(name);
	}

	private String substitute(String expression) {
		Matcher matcher = EXPRESSION.matcher(expression);
		StringBuilder result = new StringBuilder();
		while (matcher.find()) {
			String value = lookup(matcher.group(1));
			matcher.appendReplacement(result, Matcher.quoteReplacement(value == null ? "" : value));
		}
		matcher.appendTail(result);
		return result.toString();
	}

}
