package io.ringside.support;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a test started is closed in the reverse order of starting (Ringside before the
 * server in front of it), all of it even when one fails to close.
 */
class ClosingTests {

	private final List<String> closed = new ArrayList<>();

	@Test
	void theLastStartedClosesFirst() throws Exception {
		Closing closing = new Closing();
		closing.add(() -> closed.add("redis"));
		closing.add(() -> closed.add("ringside"));

		closing.afterEach(null);

		assertThat(closed).containsExactly("ringside", "redis");
	}

	@Test
	void aFailureToCloseClosesTheRestAndIsReported() {
		Closing closing = new Closing();
		closing.add(() -> closed.add("proxy"));
		closing.add(() -> {
			throw new IllegalStateException("ringside did not stop");
		});

		assertThatThrownBy(() -> closing.afterEach(null)).hasMessage("ringside did not stop");
		assertThat(closed).containsExactly("proxy");
	}

}
