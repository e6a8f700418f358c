package io.ringside.dashboard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.ringside.dashboard.DashboardSnapshot.EmployeeOnBoard;
import io.ringside.dashboard.PhoneCalls.OnCall;
import io.ringside.presence.Availability;
import io.ringside.presence.DeviceState;

/**
 * The sales team on the {@link Board}: its members in the order to show, each one's
 * availability and phone state, and the names of people a routing named before the team
 * read from the database had them; and each member as the board shows them, with the call
 * they are on. Pure; single-threaded, like the board.
 * <p>
 * A member's view is made again only when something it shows may have changed (their
 * status, their phone's state, the call on their phone, the team itself): the board asks
 * for the views at every change of a call, and making and comparing a thousand of them
 * each time was most of the board's thread.
 */
final class Team {

	private List<Member> members = List.of();

	/**
	 * The members by login and by phone (the first in the team's order for a phone two
	 * share): every call on the board looks its people up, on every change.
	 */
	private Map<String, Member> byLogin = Map.of();

	private Map<String, Member> byPhone = Map.of();

	/** Every member's login by phone (two may share one). */
	private Map<String, List<String>> loginsByPhone = Map.of();

	/**
	 * Names of people a routing named before the team read from the database had them.
	 */
	private final Map<String, String> names = new HashMap<>();

	private final Map<String, Availability> availability = new HashMap<>();

	private final Map<String, DeviceState> devices = new HashMap<>();

	/** Each member's place in the team's order, by login. */
	private Map<String, Integer> places = Map.of();

	/** Each member as last shown, by login, in the team's order. */
	private Map<String, EmployeeOnBoard> views = new LinkedHashMap<>();

	/**
	 * Counts the changes to what calls show of the team (names, whose phone is whose).
	 */
	private long lookups;

	/** Logins whose view may differ from the one last shown. */
	private final Set<String> dirty = new HashSet<>();

	/** The team changed: every view is made again. */
	private boolean allDirty = true;

	/**
	 * The sales team as the database has it, in the order to show; the same team read
	 * again changes nothing.
	 */
	void members(List<Member> members) {
		if (members.equals(this.members)) {
			return;
		}
		this.members = List.copyOf(members);
		Map<String, Member> logins = new HashMap<>();
		Map<String, Member> phones = new HashMap<>();
		Map<String, List<String>> sharing = new HashMap<>();
		Map<String, Integer> order = new HashMap<>();
		this.members.forEach(member -> {
			order.putIfAbsent(member.login(), order.size());
			logins.putIfAbsent(member.login(), member);
			if (member.extension() != null) {
				phones.putIfAbsent(member.extension(), member);
				sharing.computeIfAbsent(member.extension(), phone -> new ArrayList<>()).add(member.login());
			}
		});
		this.byLogin = logins;
		this.byPhone = phones;
		this.loginsByPhone = sharing;
		this.places = order;
		this.allDirty = true;
		lookups++;
	}

	/**
	 * The name of someone a routing names, known before the team read from the database
	 * has them.
	 */
	void named(String login, String name) {
		if (!name.equals(names.put(login, name))) {
			lookups++;
		}
	}

	/**
	 * Changes with every change to what calls show of the team: the names of members and
	 * of people routings named, and whose phone is whose.
	 */
	long lookups() {
		return lookups;
	}

	/** A phone's state as the PBX reports it. */
	void device(String device, DeviceState state) {
		if (devices.put(device, state) != state) {
			phoneChanged(device);
		}
	}

	/** An employee's status changed on this instance. */
	void availability(String login, Availability status) {
		if (availability.put(login, status) != status) {
			dirty.add(login);
		}
	}

	/**
	 * Presence as read from Redis: statuses replace what is known (an expired status
	 * reads OFFLINE); device states fill in only phones the PBX has said nothing about
	 * since the start, as its events are fresher.
	 */
	void presence(Map<String, Availability> statuses, Map<String, DeviceState> deviceStates) {
		statuses.forEach(this::availability);
		deviceStates.forEach((device, state) -> {
			if (devices.putIfAbsent(device, state) == null) {
				phoneChanged(device);
			}
		});
	}

	/** Whoever has this phone may show differently. */
	private void phoneChanged(String device) {
		dirty.addAll(loginsByPhone.getOrDefault(device, List.of()));
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
	 * given, and those whose view changed since the last time: only the members whose
	 * status, phone state or call may have changed are made again (all of them when the
	 * team changed).
	 */
	Views views(LiveCalls calls) {
		calls.takeTouchedPhones().forEach(this::phoneChanged);
		List<EmployeeOnBoard> changed = new ArrayList<>();
		if (allDirty) {
			Map<String, EmployeeOnBoard> before = views;
			views = new LinkedHashMap<>();
			members.forEach(member -> {
				EmployeeOnBoard view = view(member, calls);
				views.put(member.login(), view);
				if (!view.equals(before.get(member.login()))) {
					changed.add(view);
				}
			});
		}
		else if (!dirty.isEmpty()) {
			List<Member> touched = new ArrayList<>(dirty.size());
			dirty.forEach(login -> {
				Member member = byLogin.get(login);
				if (member != null) {
					touched.add(member);
				}
			});
			touched.sort(Comparator.comparingInt(member -> places.get(member.login())));
			for (Member member : touched) {
				EmployeeOnBoard view = view(member, calls);
				if (!view.equals(views.put(member.login(), view))) {
					changed.add(view);
				}
			}
		}
		allDirty = false;
		dirty.clear();
		return new Views(Collections.unmodifiableCollection(views.values()), changed);
	}

	private EmployeeOnBoard view(Member member, LiveCalls calls) {
		OnCall call = member.extension() == null ? null : calls.onCall(member.extension());
		DeviceState device = member.extension() == null ? DeviceState.UNKNOWN
				: devices.getOrDefault(member.extension(), DeviceState.UNKNOWN);
		return new EmployeeOnBoard(member.login(), member.name(), member.role(), member.extension(),
				availability.getOrDefault(member.login(), Availability.OFFLINE).name(), device.name(),
				call == null ? null : call.callId(), call == null ? null : call.state());
	}

	/**
	 * Every member as shown now, in the team's order (a view of the team's own, changed
	 * by the next {@link #views}), and those that changed, in that order.
	 */
	record Views(Collection<EmployeeOnBoard> all, List<EmployeeOnBoard> changed) {
	}

}
