package io.ringside.telephony;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The orders in which a real Asterisk may deliver the events of a captured stream, drawn
 * at random from a seed (so a failure names the seed that reproduces it). Each is a fact
 * of AMI, see {@code ../shared/ami-captures/README.md}:
 * <ul>
 * <li>{@link #lateEvents}: a channel's own events after its Hangup (NewCallerid and
 * NewConnectedLine on Local halves are in the FreePBX queue captures; a repeated
 * Newstate, DialState, VarSet or Hangup is the same class of event);</li>
 * <li>{@link #commuted}: events of different channels have no guaranteed order, so
 * neighbours that share no channel may swap; a channel's own events keep their order and
 * a Newchannel never moves, as Asterisk sends it when the channel is made;</li>
 * <li>{@link #interleaved}: concurrent calls' events mix, each call's own order
 * kept.</li>
 * </ul>
 */
final class Reorderings {

	/**
	 * The fields that name a channel an event concerns; two events sharing one keep their
	 * order.
	 */
	private static final List<String> CHANNEL_FIELDS = List.of("Uniqueid", "DestUniqueid", "TransfereeUniqueid",
			"TransfererUniqueid", "OrigTransfererUniqueid", "SecondTransfererUniqueid", "TransferTargetUniqueid");

	/** Events Asterisk may still send for a channel that has hung up. */
	private static final Set<String> LATE = Set.of("newcallerid", "newconnectedline", "newstate", "dialstate", "varset",
			"newexten", "hanguprequest", "softhanguprequest", "hangup");

	private static final Pattern ID = Pattern.compile("([0-9A-Za-z]+-)?\\d+\\.\\d+");

	private Reorderings() {
	}

	/**
	 * Copies of up to three of each hung-up channel's own events, put back anywhere after
	 * its Hangup.
	 */
	static List<AmiEvent> lateEvents(List<AmiEvent> events, Random random) {
		List<AmiEvent> out = new ArrayList<>(events);
		for (int i = 0; i < events.size(); i++) {
			AmiEvent hangup = events.get(i);
			String uniqueid = hangup.get("Uniqueid");
			if (!hangup.is("Hangup") || uniqueid == null) {
				continue;
			}
			List<AmiEvent> own = new ArrayList<>();
			for (int j = 0; j <= i; j++) {
				AmiEvent candidate = events.get(j);
				if (uniqueid.equals(candidate.get("Uniqueid")) && LATE.contains(candidate.name().toLowerCase())) {
					own.add(candidate);
				}
			}
			int copies = 1 + random.nextInt(3);
			int after = out.indexOf(hangup);
			for (int c = 0; c < copies && !own.isEmpty(); c++) {
				AmiEvent late = own.get(random.nextInt(own.size()));
				out.add(after + 1 + random.nextInt(out.size() - after), late);
			}
		}
		return out;
	}

	/** Random swaps of neighbours that share no channel, neither of them a Newchannel. */
	static List<AmiEvent> commuted(List<AmiEvent> events, Random random) {
		List<AmiEvent> out = new ArrayList<>(events);
		for (int attempt = 0; attempt < events.size() * 4 && out.size() > 1; attempt++) {
			int i = random.nextInt(out.size() - 1);
			AmiEvent first = out.get(i);
			AmiEvent second = out.get(i + 1);
			if (!first.is("Newchannel") && !second.is("Newchannel") && disjoint(channels(first), channels(second))) {
				out.set(i, second);
				out.set(i + 1, first);
			}
		}
		return out;
	}

	/** A random merge of two streams, each one's order kept. */
	static List<AmiEvent> interleaved(List<AmiEvent> a, List<AmiEvent> b, Random random) {
		List<AmiEvent> out = new ArrayList<>(a.size() + b.size());
		int i = 0;
		int j = 0;
		while (i < a.size() || j < b.size()) {
			boolean takeA = j >= b.size()
					|| (i < a.size() && random.nextInt(a.size() - i + b.size() - j) < a.size() - i);
			out.add(takeA ? a.get(i++) : b.get(j++));
		}
		return out;
	}

	/**
	 * The same stream with every Uniqueid, Linkedid and bridge id given a prefix, as
	 * another call made of the same events would have.
	 */
	static List<AmiEvent> renamed(List<AmiEvent> events, String prefix) {
		List<AmiEvent> out = new ArrayList<>(events.size());
		for (AmiEvent event : events) {
			Map<String, String> fields = new LinkedHashMap<>();
			event.fields().forEach((name, value) -> fields.put(name, renamedValue(name, value, prefix)));
			out.add(new AmiEvent(event.name(), fields));
		}
		return out;
	}

	/**
	 * The same id with the prefix, as {@link #renamed} writes it; other values as they
	 * are.
	 */
	static String renamedId(String id, String prefix) {
		return id == null ? null : prefix + id;
	}

	private static String renamedValue(String name, String value, String prefix) {
		boolean id = name.endsWith("id") || name.endsWith("Id") || name.endsWith("ID");
		return (id && ID.matcher(value).matches()) || name.equalsIgnoreCase("BridgeUniqueid") ? renamedId(value, prefix)
				: value;
	}

	private static Set<String> channels(AmiEvent event) {
		Set<String> channels = new HashSet<>();
		for (String field : CHANNEL_FIELDS) {
			String value = event.get(field);
			if (value != null) {
				channels.add(value);
			}
		}
		return channels;
	}

	private static boolean disjoint(Set<String> a, Set<String> b) {
		for (String value : a) {
			if (b.contains(value)) {
				return false;
			}
		}
		return true;
	}

}
