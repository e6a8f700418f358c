package io.ringside.routing.agi;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.asteriskjava.fastagi.AgiChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answer the route script gives the channel: one EXEC MSet where Asterisk takes the
 * values as they are.
 */
class RouteScriptTests {

	private final List<String> sent = new ArrayList<>();

	private final AgiChannel channel = (AgiChannel) Proxy.newProxyInstance(getClass().getClassLoader(),
			new Class<?>[] { AgiChannel.class }, (proxy, method, args) -> {
				sent.add(method.getName() + " " + Arrays.deepToString(args));
				return method.getReturnType() == int.class ? 0 : null;
			});

	@Test
	void setsTheFourVariablesInOneMSet() throws Exception {
		RouteScript.answer(channel, "PJSIP/101&PJSIP/102", "OWNER_ABSENT", "20", "10");

		assertThat(sent)
			.containsExactly("exec [MSet, [RINGSIDE_TARGET=PJSIP/101&PJSIP/102,RINGSIDE_REASON=OWNER_ABSENT,"
					+ "RINGSIDE_RING_TIMEOUT=20,RINGSIDE_PRIORITY=10]]");
	}

	@Test
	void setsThemOneByOneWhenAValueWouldNeedQuotingOrIsEmpty() throws Exception {
		RouteScript.answer(channel, "", "NO_ANSWER", "20", "0");
		RouteScript.answer(channel, "PJSIP/lead,line", "UNKNOWN_CALLER", "20", "0");

		assertThat(sent).containsExactly("setVariable [RINGSIDE_TARGET, ]", "setVariable [RINGSIDE_REASON, NO_ANSWER]",
				"setVariable [RINGSIDE_RING_TIMEOUT, 20]", "setVariable [RINGSIDE_PRIORITY, 0]",
				"setVariable [RINGSIDE_TARGET, PJSIP/lead,line]", "setVariable [RINGSIDE_REASON, UNKNOWN_CALLER]",
				"setVariable [RINGSIDE_RING_TIMEOUT, 20]", "setVariable [RINGSIDE_PRIORITY, 0]");
	}

	@Test
	void plainValuesAreThoseMSetCannotMisread() {
		assertThat(RouteScript.plain("PJSIP/101")).isTrue();
		assertThat(RouteScript.plain("SIP/trunk/+74951234567")).isTrue();
		for (String odd : new String[] { "", "a,b", "a|b", "say \"hi\"", "a\\b", "${X}", "a=b", "a b", "a\nb" }) {
			assertThat(RouteScript.plain(odd)).as(odd).isFalse();
		}
	}

}
