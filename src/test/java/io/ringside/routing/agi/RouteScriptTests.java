package io.ringside.routing.agi;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
	void setsTheVariablesInOneMSetInTheirOrder() throws Exception {
		RouteScript.answer(channel, variables("PJSIP/101&PJSIP/102", "OWNER_ABSENT"));

		assertThat(sent)
			.containsExactly("exec [MSet, [RINGSIDE_TARGET=PJSIP/101&PJSIP/102,RINGSIDE_REASON=OWNER_ABSENT,"
					+ "RINGSIDE_RING_TIMEOUT=20,RINGSIDE_PRIORITY=10,RINGSIDE_STEP=HEAD_OF_SALES]]");
	}

	@Test
	void setsThemOneByOneWhenAValueWouldNeedQuotingOrIsEmpty() throws Exception {
		RouteScript.answer(channel, variables("", "NO_ANSWER"));
		RouteScript.answer(channel, variables("PJSIP/lead,line", "UNKNOWN_CALLER"));

		assertThat(sent).containsExactly("setVariable [RINGSIDE_TARGET, ]", "setVariable [RINGSIDE_REASON, NO_ANSWER]",
				"setVariable [RINGSIDE_RING_TIMEOUT, 20]", "setVariable [RINGSIDE_PRIORITY, 10]",
				"setVariable [RINGSIDE_STEP, HEAD_OF_SALES]", "setVariable [RINGSIDE_TARGET, PJSIP/lead,line]",
				"setVariable [RINGSIDE_REASON, UNKNOWN_CALLER]", "setVariable [RINGSIDE_RING_TIMEOUT, 20]",
				"setVariable [RINGSIDE_PRIORITY, 10]", "setVariable [RINGSIDE_STEP, HEAD_OF_SALES]");
	}

	private static Map<String, String> variables(String target, String reason) {
		Map<String, String> variables = new LinkedHashMap<>();
		variables.put("RINGSIDE_TARGET", target);
		variables.put("RINGSIDE_REASON", reason);
		variables.put("RINGSIDE_RING_TIMEOUT", "20");
		variables.put("RINGSIDE_PRIORITY", "10");
		variables.put("RINGSIDE_STEP", "HEAD_OF_SALES");
		return variables;
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
