package io.ringside.clients;

import org.junit.jupiter.api.Test;

import io.ringside.clients.DirectoryNotice.Kind;

import static org.assertj.core.api.Assertions.assertThat;

/** How the directory reads the notices of the triggers (migration V3). */
class CallerDirectoryTests {

	@Test
	void readsEachNoticeOfTheTriggers() {
		assertThat(DirectoryNotice.parse("client:42")).extracting(DirectoryNotice::kind, DirectoryNotice::clientId)
			.containsExactly(Kind.CLIENT, 42L);
		assertThat(DirectoryNotice.parse("employees").kind()).isEqualTo(Kind.TEAM);
		assertThat(DirectoryNotice.parse("all").kind()).isEqualTo(Kind.ALL);
	}

	@Test
	void aNoticeItCannotReadMeansReadEverything() {
		assertThat(DirectoryNotice.parse("client:forty-two").kind()).isEqualTo(Kind.ALL);
		assertThat(DirectoryNotice.parse("something new").kind()).isEqualTo(Kind.ALL);
		assertThat(DirectoryNotice.parse(null).kind()).isEqualTo(Kind.ALL);
	}

}
