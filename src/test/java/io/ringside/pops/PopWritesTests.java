package io.ringside.pops;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

class PopWritesTests {

	private final Instant now = Instant.parse("2026-12-06T10:00:00Z");

	/** The writes sent, each answered when the test says. */
	private final List<Sent> sent = new ArrayList<>();

	private final PopWrites writes = new PopWrites((pop, json, rang) -> {
		Sinks.Empty<Void> answer = Sinks.empty();
		sent.add(new Sent(pop, json, rang, answer));
		return answer.asMono();
	}, 2, 3);

	@Test
	void writesLeaveAtOnceWhileFewAreUnanswered() {
		writes.write(pop("c1", "ann", Pop.State.RINGING), "c1 ringing");
		writes.write(pop("c1", "ann", Pop.State.ANSWERED), "c1 answered");

		assertThat(sent).extracting(Sent::json).containsExactly("c1 ringing", "c1 answered");
		assertThat(sent).extracting(Sent::rang).containsExactly(true, false);
		assertThat(writes.waiting()).isZero();
	}

	@Test
	void pastTheBoundTheNewestWriteOfEachCallWaitsAndLeavesAsAnswersCome() {
		writes.write(pop("c1", "ann", Pop.State.RINGING), "c1 ringing");
		writes.write(pop("c2", "bob", Pop.State.RINGING), "c2 ringing");
		// Redis answers neither: the next writes wait, the newest of each call on each
		// screen only, remembering that the call rang.
		writes.write(pop("c3", "cat", Pop.State.RINGING), "c3 ringing");
		writes.write(pop("c4", "dan", Pop.State.RINGING), "c4 ringing");
		writes.write(pop("c3", "cat", Pop.State.ANSWERED), "c3 answered");
		writes.write(pop("c3", "eve", Pop.State.RINGING), "c3 ringing for eve");

		assertThat(sent).hasSize(2);
		assertThat(writes.waiting()).isEqualTo(3);

		sent.get(0).answer().tryEmitEmpty();
		assertThat(sent).hasSize(3);
		assertThat(sent.get(2).json()).isEqualTo("c3 answered");
		assertThat(sent.get(2).rang()).as("the ringing it replaced sets the time-to-live").isTrue();

		sent.get(1).answer().tryEmitError(new IllegalStateException("Redis command timed out"));
		sent.get(2).answer().tryEmitEmpty();
		assertThat(sent).extracting(Sent::json)
			.containsExactly("c1 ringing", "c2 ringing", "c3 answered", "c4 ringing", "c3 ringing for eve");
		assertThat(writes.waiting()).isZero();

		sent.get(3).answer().tryEmitEmpty();
		sent.get(4).answer().tryEmitEmpty();
		writes.write(pop("c5", "fay", Pop.State.RINGING), "c5 ringing");
		assertThat(sent).hasSize(6);
	}

	@Test
	void pastSoManyWaitingAPopIsNotKeptButItsCallsNewerWritesStillMerge() {
		writes.write(pop("c1", "ann", Pop.State.RINGING), "c1 ringing");
		writes.write(pop("c2", "bob", Pop.State.RINGING), "c2 ringing");
		for (int i = 3; i <= 6; i++) {
			writes.write(pop("c" + i, "cat", Pop.State.RINGING), "c" + i + " ringing");
		}
		writes.write(pop("c3", "cat", Pop.State.ENDED), "c3 ended");

		assertThat(writes.waiting()).isEqualTo(3);
		assertThat(writes.dropped()).isEqualTo(1);
		sent.get(0).answer().tryEmitEmpty();
		sent.get(1).answer().tryEmitEmpty();
		sent.get(2).answer().tryEmitEmpty();
		assertThat(sent).extracting(Sent::json)
			.containsExactly("c1 ringing", "c2 ringing", "c3 ended", "c4 ringing", "c5 ringing");
	}

	private Pop pop(String callId, String login, Pop.State state) {
		return new Pop(callId, state, "OWNER", "+74951234567", login, now, null, null, null, null, true, List.of(),
				"NORMAL", null, List.of(), 1);
	}

	private record Sent(Pop pop, String json, boolean rang, Sinks.Empty<Void> answer) {
	}

}
