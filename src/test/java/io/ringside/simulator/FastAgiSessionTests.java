package io.ringside.simulator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replies Asterisk's res_agi.c gives to the commands a FastAGI script sends (capture
 * 10).
 */
class FastAgiSessionTests {

	private final Map<String, String> variables = new HashMap<>(Map.of("DIALSTATUS", "NOANSWER"));

	private final AtomicBoolean hungUp = new AtomicBoolean();

	private final FastAgiSession session = new FastAgiSession("127.0.0.1", 1, List.of(), variables,
			Map.of("CHANNEL(linkedid)", "1781704172.1234", "CALLERID(num)", "+4930123456"), SimulatedChannel.RING,
			(name, value) -> {
			}, () -> hungUp.set(true));

	@Test
	void setsAndGetsVariablesWithQuotesAndEscapes() {
		assertThat(session.answer("SET VARIABLE \"RINGSIDE_TARGET\" \"PJSIP/101&PJSIP/102\""))
			.isEqualTo("200 result=1");
		assertThat(session.answer("GET VARIABLE \"RINGSIDE_TARGET\"")).isEqualTo("200 result=1 (PJSIP/101&PJSIP/102)");
		assertThat(session.answer("SET VARIABLE REASON \"say \\\"hi\\\"\"")).isEqualTo("200 result=1");
		assertThat(variables).containsEntry("REASON", "say \"hi\"");
		assertThat(session.answer("GET VARIABLE NOT_THERE")).isEqualTo("200 result=0");
	}

	@Test
	void setsSeveralVariablesWithExecMSet() {
		assertThat(session.answer("EXEC \"MSet\" \"RINGSIDE_TARGET=PJSIP/101&PJSIP/102,RINGSIDE_REASON=OWNER,"
				+ "RINGSIDE_RING_TIMEOUT=20\""))
			.isEqualTo("200 result=0");
		assertThat(variables).containsEntry("RINGSIDE_TARGET", "PJSIP/101&PJSIP/102")
			.containsEntry("RINGSIDE_REASON", "OWNER")
			.containsEntry("RINGSIDE_RING_TIMEOUT", "20");
		assertThat(session.answer("EXEC Playback hello-world")).isEqualTo("200 result=-2");
	}

	@Test
	void evaluatesFunctionsInGetFullVariable() {
		assertThat(session.answer("GET FULL VARIABLE \"${CHANNEL(linkedid)}\""))
			.isEqualTo("200 result=1 (1781704172.1234)");
		assertThat(session.answer("GET FULL VARIABLE \"${CALLERID(num)}/${DIALSTATUS}\""))
			.isEqualTo("200 result=1 (+4930123456/NOANSWER)");
		assertThat(session.answer("GET FULL VARIABLE \"${CHANNEL(linkedid)}|${NOT_SET}\""))
			.isEqualTo("200 result=1 (1781704172.1234|)");
		assertThat(session.answer("GET VARIABLE \"CHANNEL(linkedid)\"")).isEqualTo("200 result=1 (1781704172.1234)");
	}

	@Test
	void answersVerboseChannelStatusHangupAndRejectsTheUnknown() {
		assertThat(session.answer("VERBOSE \"routing\" 1")).isEqualTo("200 result=1");
		assertThat(session.answer("CHANNEL STATUS")).isEqualTo("200 result=4");
		assertThat(session.answer("LAUNCH ROCKETS")).isEqualTo("510 Invalid or unknown command");
		assertThat(session.answer("HANGUP")).isEqualTo("200 result=1");
		assertThat(hungUp).isTrue();
	}

}
