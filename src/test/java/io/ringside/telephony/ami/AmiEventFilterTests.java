package io.ringside.telephony.ami;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event filter Ringside asks the PBX for lets through every event the call model
 * reads and none of the chatter it ignores. Expressions are searched for in the event's
 * whole text, as Asterisk's manager does.
 */
class AmiEventFilterTests {

	private static final List<Pattern> FILTERS = AmiEventFilter.FILTERS.stream().map(Pattern::compile).toList();

	@ParameterizedTest
	@ValueSource(strings = { "Newchannel", "Newstate", "NewCallerid", "Rename", "DialBegin", "DialEnd", "DialState",
			"Dial", "Hangup", "BridgeEnter", "BridgeLeave", "BlindTransfer", "AttendedTransfer", "AgentCalled",
			"AgentConnect", "AgentRingNoAnswer", "DeviceStateChange", "ExtensionStatus", "ContactStatus", "PeerStatus",
			"FullyBooted", "Shutdown" })
	void letsThroughWhatTheCallModelReads(String name) {
		assertThat(passes("Event: " + name + "\r\nPrivilege: call,all\r\nChannel: PJSIP/101-00000001\r\n\r\n"))
			.isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Newexten", "NewConnectedLine", "QueueCallerJoin", "MusicOnHoldStart", "RTCPSent", "Cdr",
			"Cel", "QueueMemberStatus", "BridgeCreate", "BridgeDestroy" })
	void keepsOutTheChatterItIgnores(String name) {
		assertThat(passes("Event: " + name + "\r\nPrivilege: call,all\r\nChannel: PJSIP/101-00000001\r\n\r\n"))
			.isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "RINGSIDE_RECORDING:true", "MIXMONITOR_FILENAME:false", "__FROM_DID:false",
			"RINGSIDE_REASON:false" })
	void letsThroughOnlyTheVariableThatNamesARecording(String variableAndPasses) {
		String[] parts = variableAndPasses.split(":");
		assertThat(passes("Event: VarSet\r\nPrivilege: dialplan,all\r\nChannel: PJSIP/101-00000001\r\nVariable: "
				+ parts[0] + "\r\nValue: x\r\n\r\n"))
			.isEqualTo(Boolean.parseBoolean(parts[1]));
	}

	@ParameterizedTest
	@ValueSource(strings = { "asterisk-config/manager.conf", "asterisk-config/freepbx/manager_custom.conf" })
	void theSampleManagerConfigurationsFilterTheSame(String file) throws Exception {
		List<String> configured = Files.readAllLines(Path.of(file))
			.stream()
			.filter(line -> line.startsWith("eventfilter"))
			.map(line -> line.substring(line.indexOf('=') + 1).trim())
			.toList();
		assertThat(configured).isEqualTo(AmiEventFilter.FILTERS);
	}

	private static boolean passes(String event) {
		return FILTERS.stream().anyMatch(filter -> filter.matcher(event).find());
	}

}
