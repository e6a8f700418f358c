package io.ringside.crm;

import org.junit.jupiter.api.Test;

import io.ringside.crm.CallerDirectory.Notice;
import io.ringside.crm.CallerDirectory.Notice.Kind;

import static org.assertj.core.api.Assertions.assertThat;

/** How the directory reads the notices of the triggers (migration V3) and its own marks. */
class CallerDirectoryTests {

	@Test
	void readsEachNoticeOfTheTriggers() {
		assertThat(Notice.parse("client:42")).extracting(Notice::kind, Notice::clientId).containsExactly(Kind.CLIENT, 42L);
		assertThat(Notice.parse("employees").kind()).isEqualTo(Kind.TEAM);
		assertThat(Notice.parse("all").kind()).isEqualTo(Kind.ALL);
		assertThat(Notice.parse("mark:instance/7")).extracting(Notice::kind, Notice::mark)
			.containsExactly(Kind.MARK, "instance/7");
	}

	@Test
	void aNoticeItCannotReadMeansReadEverything() {
		assertThat(Notice.parse("client:forty-two").kind()).isEqualTo(Kind.ALL);
		assertThat(Notice.parse("something new").kind()).isEqualTo(Kind.ALL);
		assertThat(Notice.parse(null).kind()).isEqualTo(Kind.ALL);
	}

}
