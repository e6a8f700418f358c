package io.ringside.dashboard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import io.ringside.clients.CallerDirectory;
import io.ringside.presence.Availability;
import io.ringside.presence.DeviceState;
import io.ringside.presence.Presence.Reachability;
import io.ringside.presence.Presence;

/**
 * The board's reads of the team and its presence at each refresh. Presence is read every
 * time (a status that expired says nothing as it goes); the team only when it may have
 * changed: when the caller directory, which hears every change to the team, has read it
 * again since the board did (or does not serve), or when a routing named someone the
 * board lacks. Reading a thousand members at every refresh took the database client's
 * thread from the cards of calls ringing.
 * <p>
 * Threads: {@link #read()} is subscribed to once at a time (the refreshes are in line);
 * {@link #knows} and {@link #want} from any thread.
 */
final class TeamRefresh {

	private final RecordedCalls records;

	private final CallerDirectory directory;

	private final Presence presence;

	/** The team as last read, in the order to show. */
	private volatile List<Member> members = List.of();

	/** The logins of the team as last read. */
	private volatile Set<String> logins = Set.of();

	/**
	 * The caller directory's read of the team ({@link CallerDirectory#teamRead()}) that
	 * the board's was last read after.
	 */
	private volatile long readAfter;

	/** The team must be read at the next refresh, whatever the directory says. */
	private volatile boolean wanted = true;

	TeamRefresh(RecordedCalls records, CallerDirectory directory, Presence presence) {
		this.records = records;
		this.directory = directory;
		this.presence = presence;
	}

	/** Whether the team as last read has this login. */
	boolean knows(String login) {
		return logins.contains(login);
	}

	/** Reads the team at the next refresh: a routing named someone it lacks. */
	void want() {
		wanted = true;
	}

	/**
	 * Presence, with the team read again first when it may have changed: as an input of
	 * the board.
	 */
	Mono<Function<Board, @Nullable DashboardChange>> read() {
		return Mono.defer(() -> {
			long directoryRead = directory.teamRead();
			if (!wanted && directoryRead != 0 && directoryRead == readAfter) {
				return presenceOf(members).map(read -> board -> board.presence(read.statuses(), read.devices()));
			}
			wanted = false;
			return records.team().collectList().doOnError(error -> wanted = true).flatMap(team -> {
				members = team;
				logins = team.stream().map(Member::login).collect(Collectors.toUnmodifiableSet());
				readAfter = directoryRead;
				return presenceOf(team).map(read -> board -> board.team(team, read.statuses(), read.devices()));
			});
		});
	}

	/** The members' statuses and their phones' states, in one round trip. */
	private Mono<TeamPresence> presenceOf(List<Member> team) {
		List<Presence.Person> people = new ArrayList<>(team.size());
		team.forEach(member -> people.add(new Presence.Person(member.login(), member.extension())));
		return presence.reachabilities(people).map(read -> {
			Map<String, Availability> statuses = new HashMap<>();
			Map<String, DeviceState> devices = new HashMap<>();
			for (int i = 0; i < team.size(); i++) {
				Member member = team.get(i);
				Reachability reach = read.get(i);
				statuses.put(member.login(), reach.availability());
				if (member.extension() != null && reach.deviceState() != DeviceState.UNKNOWN) {
					devices.put(member.extension(), reach.deviceState());
				}
			}
			return new TeamPresence(statuses, devices);
		});
	}

	private record TeamPresence(Map<String, Availability> statuses, Map<String, DeviceState> devices) {
	}

}
