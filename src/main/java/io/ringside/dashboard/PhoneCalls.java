package io.ringside.dashboard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.ringside.calls.RoutedCall;
import io.ringside.dashboard.DashboardSnapshot.CallState;

/**
 * The calls on the board kept by phone (the one a call talks on, those it rings), so that
 * the call a member is on is found without going through every call in progress; and the
 * phones whose calls changed since the team last looked. Pure; single-threaded, like the
 * board.
 */
final class PhoneCalls {

	private final Map<String, List<OnPhone>> byPhone = new HashMap<>();

	private final Set<String> touched = new HashSet<>();

	/** A call at its place in the board's order comes onto its phones. */
	void add(long place, RoutedCall call) {
		if (call.talking() != null) {
			onPhone(call.talking(), new OnPhone(place, call.callId(), CallState.TALKING));
		}
		call.ringing().forEach(device -> onPhone(device, new OnPhone(place, call.callId(), CallState.RINGING)));
	}

	/** The call as it was added leaves its phones. */
	void remove(long place, RoutedCall call) {
		if (call.talking() != null) {
			offPhone(call.talking(), place);
		}
		call.ringing().forEach(device -> offPhone(device, place));
	}

	/**
	 * The call a phone is on: the first in the board's order that talks there, else the
	 * first that rings there; null when none.
	 */
	@Nullable OnCall onCall(String phone) {
		List<OnPhone> here = byPhone.get(phone);
		if (here == null) {
			return null;
		}
		OnPhone first = null;
		for (OnPhone each : here) {
			boolean talksWhereFirstRings = each.state() == CallState.TALKING && first != null
					&& first.state() == CallState.RINGING;
			if (first == null || talksWhereFirstRings
					|| (each.state() == first.state() && each.place() < first.place())) {
				first = each;
			}
		}
		return first == null ? null : new OnCall(first.callId(), first.state());
	}

	/** The phones whose calls changed since the last time this was asked. */
	Set<String> takeTouched() {
		if (touched.isEmpty()) {
			return Set.of();
		}
		Set<String> phones = Set.copyOf(touched);
		touched.clear();
		return phones;
	}

	private void onPhone(String phone, OnPhone call) {
		byPhone.computeIfAbsent(phone, any -> new ArrayList<>(2)).add(call);
		touched.add(phone);
	}

	private void offPhone(String phone, long place) {
		List<OnPhone> here = byPhone.get(phone);
		if (here != null) {
			here.removeIf(each -> each.place() == place);
			if (here.isEmpty()) {
				byPhone.remove(phone);
			}
		}
		touched.add(phone);
	}

	/** The call a phone is on, and how. */
	record OnCall(String callId, CallState state) {
	}

	/** A call on a phone, at its place in the board's order. */
	private record OnPhone(long place, String callId, CallState state) {
	}

}
