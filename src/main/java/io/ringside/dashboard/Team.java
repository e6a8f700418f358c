package io.ringside.dashboard;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.ringside.calls.RoutedCall;
import io.ringside.dashboard.DashboardSnapshot.CallState;
import io.ringside.dashboard.DashboardSnapshot.EmployeeOnBoard;
import io.ringside.presence.Availability;
import io.ringside.presence.DeviceState;

/**
 * The sales team on the {@link Board}: its members in the order to show, each one's
 * availability and phone state, and the names of people a routing named before the team
 * read from the database had them; and each member as the board shows them, with the call
 * they are on. Pure; single-threaded, like the board.
 */
final class Team {

	private List<Member> members = List.of();

	/**
	 * The members by login and by phone (the first in the team's order for a phone two
	 * share): every call on the board looks its people up, on every change.
	 */
	private Map<String, Member> byLogin = Map.of();

	private Map<String, Member> byPhone = Map.of();

	/**
	 * Names of people a routing named before the team read from the database had them.
	 */
	private final Map<String, String> names = new HashMap<>();

	private final Map<String, Availability> availability = new HashMap<>();

	private final Map<String, DeviceState> devices = new HashMap<>();

	/** The sales team as the database has it, in the order to show. */
	void members(List<Member> members) {
		this.members = List.copyOf(members);
		Map<String, Member> logins = new HashMap<>();
		Map<String, Member> phones = new HashMap<>();
		this.members.forEach(member -> {
			logins.putIfAbsent(member.login(), member);
			if (member.extension() != null) {
				phones.putIfAbsent(member.extension(), member);
			}
		});
		this.byLogin = logins;
		this.byPhone = phones;
	}

	/**
	 * The name of someone a routing names, known before the team read from the database
	 * has them.
	 */
	void named(String login, String name) {
		names.put(login, name);
	}

	/** A phone's state as the PBX reports it. */
	void device(String device, DeviceState state) {
		devices.put(device, state);
	}

	/** An employee's status changed on this instance. */
	void availability(String login, Availability status) {
		availability.put(login, status);
	}

	/**
	 * Presence as read from Redis: statuses replace what is known (an expired status
	 * reads OFFLINE); device states fill in only phones the PBX has said nothing about
	 * since the start, as its events are fresher.
	 */
	void presence(Map<String, Availability> statuses, Map<String, DeviceState> deviceStates) {
		availability.putAll(statuses);
		deviceStates.forEach(devices::putIfAbsent);
	}

	/** The member whose phone this is, or null. */
	@Nullable Member byDevice(@Nullable String device) {
		return device == null ? null : byPhone.get(device);
	}

	/** The name of a member, else the one a routing gave, else null. */
	@Nullable String nameOf(@Nullable String login) {
		if (login == null) {
			return null;
		}
		Member member = byLogin.get(login);
		return member != null ? member.name() : names.get(login);
	}

	/**
	 * Each member as the board shows them, by login in the team's order, on the calls
	 * given (in the board's order).
	 */
	Map<String, EmployeeOnBoard> views(Collection<RoutedCall> calls) {
		// Who is on which call, by phone, read once for the whole team (the first call in
		// the board's order wins).
		Map<String, RoutedCall> talkingOn = new HashMap<>();
		Map<String, RoutedCall> ringingOn = new HashMap<>();
		calls.forEach(call -> {
			if (call.talking() != null) {
				talkingOn.putIfAbsent(call.talking(), call);
			}
			call.ringing().forEach(device -> ringingOn.putIfAbsent(device, call));
		});
		Map<String, EmployeeOnBoard> views = new LinkedHashMap<>();
		members.forEach(member -> views.put(member.login(), view(member, talkingOn, ringingOn)));
		return views;
	}

	private EmployeeOnBoard view(Member member, Map<String, RoutedCall> talkingOn, Map<String, RoutedCall> ringingOn) {
		String callId = null;
		CallState state = null;
		if (member.extension() != null) {
			RoutedCall talking = talkingOn.get(member.extension());
			RoutedCall ringing = ringingOn.get(member.extension());
			if (talking != null) {
				callId = talking.callId();
				state = CallState.TALKING;
			}
			else if (ringing != null) {
				callId = ringing.callId();
				state = CallState.RINGING;
			}
		}
		DeviceState device = member.extension() == null ? DeviceState.UNKNOWN
				: devices.getOrDefault(member.extension(), DeviceState.UNKNOWN);
		return new EmployeeOnBoard(member.login(), member.name(), member.role(), member.extension(),
				availability.getOrDefault(member.login(), Availability.OFFLINE).name(), device.name(), callId, state);
	}

}
