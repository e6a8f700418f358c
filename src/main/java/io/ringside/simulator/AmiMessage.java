package io.ringside.simulator;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One AMI message as it goes on the wire: ordered {@code Key: value} lines, CRLF, closed
 * by an empty line. Keys may repeat (ChanVariable, Output), so this is a list rather than
 * a map.
 */
final class AmiMessage {

	private final List<String> lines = new ArrayList<>();

	private AmiMessage() {
	}

	static AmiMessage event(String name, String privilege) {
		return new AmiMessage().add("Event", name).add("Privilege", privilege);
	}

	static AmiMessage response(String response, @Nullable String actionId) {
		AmiMessage message = new AmiMessage().add("Response", response);
		return actionId == null || actionId.isEmpty() ? message : message.add("ActionID", actionId);
	}

	static AmiMessage listEvent(String name, @Nullable String actionId) {
		AmiMessage message = new AmiMessage().add("Event", name);
		return actionId == null || actionId.isEmpty() ? message : message.add("ActionID", actionId);
	}

	AmiMessage add(String key, @Nullable Object value) {
		lines.add(key + ": " + (value == null ? "" : value));
		return this;
	}

	AmiMessage addAll(List<String[]> fields) {
		for (String[] field : fields) {
			add(field[0], field[1]);
		}
		return this;
	}

	String render() {
		StringBuilder text = new StringBuilder(lines.size() * 32);
		for (String line : lines) {
			text.append(line).append("\r\n");
		}
		return text.append("\r\n").toString();
	}

	@Override
	public String toString() {
		return render();
	}

}
