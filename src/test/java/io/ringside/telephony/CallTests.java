package io.ringside.telephony;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.ringside.telephony.Call.Channel;
import io.ringside.telephony.Call.Leg;
import io.ringside.telephony.CallEvent.Direction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallTests {

	private static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

	private final Call call = Call.first("1000.1", Direction.INBOUND, new Channel("1000.1", "PJSIP/trunk-1", 4, null),
			"+74951234567", "100", AT);

	@Test
	void aCallMadeFromAnotherKeepsTheMapsItDoesNotChangeAndCopiesTheOneItDoes() {
		Call rang = call.withLeg(Leg.ringing("1000.2", "PJSIP/101", "1000.1"));
		Call answered = rang.withChannel(new Channel("1000.2", "PJSIP/101-2", 6, null));

		assertThat(rang.channels()).isSameAs(call.channels());
		assertThat(answered.legs()).isSameAs(rang.legs());
		assertThat(answered.channels()).isNotSameAs(rang.channels()).containsOnlyKeys("1000.1", "1000.2");
		assertThat(rang.channels()).containsOnlyKeys("1000.1");
		assertThat(answered.hungUp("1000.2", 16).gone()).containsEntry("1000.2", "PJSIP/101-2");
		assertThat(answered.gone()).isEmpty();
	}

	@Test
	void nobodyChangesACallsMapsNorDoesTheMapItWasMadeWith() {
		Map<String, Channel> given = new HashMap<>(call.channels());
		Call made = new Call("1000.1", Direction.INBOUND, "1000.1", null, null, AT, null, null, 0, false, given,
				Map.of(), Map.of(), Call.Queue.NONE, false, null);
		given.clear();

		assertThat(made.channels()).containsOnlyKeys("1000.1");
		assertThatThrownBy(() -> made.channels().remove("1000.1")).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> made.legs().put("x", Leg.ringing("x", "PJSIP/1", null)))
			.isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> made.channels().entrySet().iterator().next().setValue(null))
			.isInstanceOf(UnsupportedOperationException.class);
		assertThat(made).isEqualTo(new Call("1000.1", Direction.INBOUND, "1000.1", null, null, AT, null, null, 0, false,
				call.channels(), Map.of(), Map.of(), Call.Queue.NONE, false, null));
	}

}
