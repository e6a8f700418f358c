package io.ringside.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ringside.simulator.AgiCommandLine;

/**
 * What Asterisk's res_agi does for the shipped dialplans'
 * {@code AGI(agi://host:port/route?linkedid=...)} and
 * {@code AGI(agi://host:port/route,noanswer)}: a new TCP connection, the {@code agi_*}
 * headers and an empty line, then one reply per command until the script closes the
 * connection. It answers GET FULL VARIABLE (expressions of {@code ${CHANNEL(linkedid)}}
 * and the channel's variables), GET VARIABLE, SET VARIABLE and EXEC MSet, and refuses
 * anything else as Asterisk does ({@code 510}). Blocking; one conversation per call.
 */
final class AgiCaller {

	private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]*)}");

	private final String host;

	private final int port;

	AgiCaller(String host, int port) {
		this.host = host;
		this.port = port;
	}

	/**
	 * Plays one route request and returns the channel variables the script left.
	 * @param callerNumber as the trunk presents it
	 * @param previousReason RINGSIDE_REASON already on the channel (a {@code noanswer}
	 * request), or null for the first
	 */
	Map<String, String> route(long call, String callerNumber, String previousReason) throws IOException {
		String uniqueid = "1781800000." + call;
		Map<String, String> variables = new LinkedHashMap<>();
		if (previousReason != null) {
			variables.put("RINGSIDE_REASON", previousReason);
		}
		try (Socket socket = new Socket()) {
			socket.setTcpNoDelay(true);
			socket.connect(new InetSocketAddress(host, port), 2_000);
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(headers(uniqueid, callerNumber, previousReason != null).getBytes(StandardCharsets.UTF_8));
			out.flush();
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			String line;
			while ((line = in.readLine()) != null) {
				if (!line.isBlank()) {
					out.write((answer(line.trim(), uniqueid, variables) + "\n").getBytes(StandardCharsets.UTF_8));
					out.flush();
				}
			}
		}
		return variables;
	}

	/**
	 * As the shipped dialplans ask: the first request with the call's Linkedid in its
	 * address ({@code route?linkedid=${CHANNEL(linkedid)}}), the one after a ring-out
	 * with the argument {@code noanswer}, which Asterisk passes as {@code agi_arg_1}, not
	 * in the address.
	 */
	private String headers(String uniqueid, String callerNumber, boolean noAnswer) {
		String script = noAnswer ? "route" : "route?linkedid=" + uniqueid;
		StringBuilder headers = new StringBuilder(768);
		headers.append("agi_network: yes\n")
			.append("agi_network_script: ")
			.append(script)
			.append('\n')
			.append("agi_request: agi://")
			.append(host)
			.append(':')
			.append(port)
			.append('/')
			.append(script)
			.append('\n')
			.append("agi_channel: PJSIP/trunk-")
			.append(uniqueid.substring(uniqueid.indexOf('.') + 1))
			.append('\n')
			.append("agi_language: en\n")
			.append("agi_type: PJSIP\n")
			.append("agi_uniqueid: ")
			.append(uniqueid)
			.append('\n')
			.append("agi_version: 20.9.3\n")
			.append("agi_callerid: ")
			.append(callerNumber)
			.append('\n')
			.append("agi_calleridname: unknown\n")
			.append("agi_callingpres: 0\n")
			.append("agi_callingani2: 0\n")
			.append("agi_callington: 0\n")
			.append("agi_callingtns: 0\n")
			.append("agi_dnid: 74951234567\n")
			.append("agi_rdnis: unknown\n")
			.append("agi_context: from-trunk\n")
			.append("agi_extension: 74951234567\n")
			.append("agi_priority: 2\n")
			.append("agi_enhanced: 0.0\n")
			.append("agi_accountcode: \n")
			.append("agi_threadid: 139801234567890\n");
		if (noAnswer) {
			headers.append("agi_arg_1: noanswer\n");
		}
		return headers.append('\n').toString();
	}

	static String answer(String command, String uniqueid, Map<String, String> variables) {
		List<String> words = AgiCommandLine.words(command);
		String verb = String.join(" ", words.subList(0, Math.min(3, words.size()))).toUpperCase();
		if (verb.startsWith("SET VARIABLE") && words.size() >= 4) {
			variables.put(words.get(2), words.get(3));
			return "200 result=1";
		}
		if (verb.startsWith("GET FULL VARIABLE") && words.size() >= 4) {
			Matcher expression = EXPRESSION.matcher(words.get(3));
			StringBuilder value = new StringBuilder();
			while (expression.find()) {
				String name = expression.group(1);
				String found = name.equals("CHANNEL(linkedid)") ? uniqueid : variables.get(name);
				expression.appendReplacement(value, Matcher.quoteReplacement(found == null ? "" : found));
			}
			expression.appendTail(value);
			return "200 result=1 (" + value + ")";
		}
		if (words.size() >= 3 && words.get(0).equalsIgnoreCase("EXEC") && words.get(1).equalsIgnoreCase("MSet")) {
			for (String pair : words.get(2).split("[,|]")) {
				int equals = pair.indexOf('=');
				if (equals > 0) {
					variables.put(pair.substring(0, equals), pair.substring(equals + 1));
				}
			}
			return "200 result=0";
		}
		if (verb.startsWith("GET VARIABLE") && words.size() >= 3) {
			String value = variables.get(words.get(2));
			return value == null ? "200 result=0" : "200 result=1 (" + value + ")";
		}
		return "510 Invalid or unknown command";
	}

}
