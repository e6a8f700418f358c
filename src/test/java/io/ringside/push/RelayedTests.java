package io.ringside.push;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RelayedTests {

	@Test
	void aUserQueueMessageSurvivesTheTripWithABodyOfManyLines() {
		Relayed sent = new Relayed("instance-a", "instance-a-7", "ivanov", "/user/queue/pops",
				"{\"note\":\"line one\\nline two\"}\n{\"pretty\": true}\n");

		assertThat(Relayed.decode(sent.encoded())).isEqualTo(sent);
	}

	@Test
	void aTopicMessageHasNoLogin() {
		Relayed sent = new Relayed("instance-a", "instance-a-8", null, "/topic/dashboard", "{}");

		Relayed received = Relayed.decode(sent.encoded());

		assertThat(received).isEqualTo(sent);
		assertThat(received.login()).isNull();
	}

	@Test
	void anInstanceKnowsItsOwnEchoByTheFirstLineOnly() {
		String text = new Relayed("instance-a", "instance-a-9", "ivanov", "/user/queue/pops", "{}").encoded();

		assertThat(Relayed.isFrom("instance-a", text)).isTrue();
		assertThat(Relayed.isFrom("instance", text)).isFalse();
		assertThat(Relayed.isFrom("instance-b", text)).isFalse();
		assertThat(Relayed.isFrom("instance-a", "instance-a")).isFalse();
	}

	@Test
	void whatIsNotAMessageReadsAsNothing() {
		assertThat(Relayed.decode("")).isNull();
		assertThat(Relayed.decode("{\"origin\":\"a\",\"id\":\"a-1\"}")).isNull();
		assertThat(Relayed.decode("a\na-1\nivanov\n/user/queue/pops")).isNull();
		assertThat(Relayed.decode("a\n\nivanov\n/user/queue/pops\n{}")).isNull();
		assertThat(Relayed.decode("a\na-1\nivanov\n\n{}")).isNull();
	}

	@Test
	void aSayingThatAnInstanceIsThereIsToldFromAMessage() {
		assertThat(Relayed.saysHere(Relayed.here("instance-a"))).isTrue();
		Relayed message = new Relayed("instance-a", "instance-a-1", null, "/topic/dashboard", "here");
		assertThat(Relayed.saysHere(message.encoded())).isFalse();
		assertThat(Relayed.decode(Relayed.here("instance-a"))).isNull();
	}

}
