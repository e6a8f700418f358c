package io.ringside.pops;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.ringside.calls.CallToOthersClient;
import io.ringside.calls.CallToOthersClient.ClientRef;
import io.ringside.calls.CallToOthersClient.Person;
import io.ringside.calls.CallToOthersClient.Way;
import io.ringside.pops.OthersClientNotices.CalledByOther;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Who is told of a call to another manager's client (issue #14), and in what words. */
class OthersClientNoticesTests {

	private static final Person OWNER = new Person("ivanov", "Ivan Ivanov");

	private static final Person CALLER = new Person("petrov", "Pavel Petrov");

	private static final Person HEAD = new Person("sidorova", "Olga Sidorova");

	private static final ClientRef CLIENT = new ClientRef(40, "Uralpipe");

	@Test
	void aClickToCallTellsTheOwnerAlone() {
		assertThat(OthersClientNotices.notices(call(Way.CLICK_TO_CALL, null))).singleElement().satisfies(notice -> {
			assertThat(notice.to()).isEqualTo("ivanov");
			assertThat(notice.type()).isEqualTo("CALLED_BY_OTHER");
			assertThat(notice.text())
				.isEqualTo("Your client Uralpipe was called by Pavel Petrov while you were not available.");
		});
	}

	@Test
	void aDeskPhoneCallTellsTheOwnerAndTheHeadOfSales() {
		assertThat(OthersClientNotices.notices(call(Way.DESK_PHONE, HEAD)))
			.extracting(CalledByOther::to, CalledByOther::text)
			.containsExactly(tuple("ivanov", "Your client Uralpipe was called by Pavel Petrov from a desk phone."),
					tuple("sidorova", "Ivan Ivanov's client Uralpipe was called by Pavel Petrov from a desk phone."));
	}

	@Test
	void theHeadOfSalesWhoOwnsTheClientIsToldOnce() {
		CallToOthersClient call = new CallToOthersClient(Way.DESK_PHONE, "1.1", CLIENT, HEAD, CALLER, HEAD,
				"+73435422258", Instant.EPOCH);

		assertThat(OthersClientNotices.notices(call)).extracting(CalledByOther::to).containsExactly("sidorova");
	}

	private static CallToOthersClient call(Way way, Person head) {
		return new CallToOthersClient(way, way == Way.DESK_PHONE ? "1.1" : null, CLIENT, OWNER, CALLER, head,
				"+73435422258", Instant.EPOCH);
	}

}
