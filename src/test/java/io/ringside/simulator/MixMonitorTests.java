package io.ringside.simulator;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.asteriskjava.manager.event.MixMonitorStartEvent;
import org.asteriskjava.manager.event.VarSetEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The simulator records answered calls as Ringside's dialplan does, watched through the
 * real ManagerConnection: the caller's channel sets RINGSIDE_RECORDING (a VarSet), and a
 * short WAV named after the call's Linkedid appears in the folder. No FastAGI server
 * listens here, so inbound calls take the safety path to the fallback phone, PJSIP/101.
 */
class MixMonitorTests {

	private static final Duration DEADLINE = Duration.ofSeconds(20);

	private final ScriptedPhones phones = new ScriptedPhones(PhoneBehaviour.answersAfter(Duration.ofSeconds(1)));

	@TempDir
	Path folder;

	private PbxSimulator simulator;

	private AmiProbe ami;

	@BeforeEach
	void start() throws Exception {
		simulator = new PbxSimulator(SimulatorConfig.defaults()
			.withFastAgi("127.0.0.1", InboundCallTests.freePort())
			.withRingTimeout(Duration.ofSeconds(3))
			.withFallbackGroup("PJSIP/101")
			.withSpeedFactor(10), Clock.systemUTC(), phones).start();
		ami = AmiProbe.loggedIn(simulator);
	}

	@AfterEach
	void stop() throws Exception {
		ami.close();
		simulator.close();
	}

	@Test
	void anAnsweredCallIsRecordedIntoAWavNamedAfterItsLinkedidThatAmiNames() {
		simulator.recordCalls(folder);
		SimulatedCall call = simulator.inboundCall(InboundCall.from("+4930123456"));
		StepVerifier.create(call.answered()).expectNext("PJSIP/101").expectComplete().verify(DEADLINE);
		CallSummary summary = call.hangup().block(DEADLINE);

		String file = call.linkedid() + ".wav";
		assertThat(summary.variables()).containsEntry("RINGSIDE_RECORDING", file);
		VarSetEvent named = ami.awaitEvent(VarSetEvent.class,
				event -> "RINGSIDE_RECORDING".equals(event.getVariable()));
		assertThat(named.getValue()).isEqualTo(file);
		assertThat(named.getUniqueId()).isEqualTo(call.linkedid());
		assertThat(named.getLinkedId()).isEqualTo(call.linkedid());
		assertThat(ami.ofType(MixMonitorStartEvent.class)).hasSize(1);
		await().atMost(DEADLINE).until(() -> Files.isRegularFile(folder.resolve(file)));
		assertThat(folder).isDirectoryNotContaining("glob:**.part");
		assertIsOneSecondOfTelephoneAudio(folder.resolve(file));
	}

	@Test
	void withoutAFolderNoCallIsRecorded() {
		SimulatedCall call = simulator.inboundCall(InboundCall.from("+4930123456"));
		StepVerifier.create(call.answered()).expectNext("PJSIP/101").expectComplete().verify(DEADLINE);
		CallSummary summary = call.hangup().block(DEADLINE);

		assertThat(summary.variables()).doesNotContainKey("RINGSIDE_RECORDING");
		assertThat(ami.ofType(VarSetEvent.class, event -> "RINGSIDE_RECORDING".equals(event.getVariable()))).isEmpty();
		assertThat(folder).isEmptyDirectory();
	}

	@Test
	void aCallNobodyAnswersIsNotRecorded() {
		simulator.recordCalls(folder);
		phones.set("PJSIP/101", PhoneBehaviour.neverAnswers());

		CallSummary summary = simulator.inboundCall(InboundCall.from("+4930123456")).ended().block(DEADLINE);

		assertThat(summary.answered()).isFalse();
		assertThat(summary.variables()).doesNotContainKey("RINGSIDE_RECORDING");
		assertThat(folder).isEmptyDirectory();
	}

	/**
	 * RIFF/WAVE, PCM, mono, 8 kHz, 16 bits, one second of samples that are not silence.
	 */
	static void assertIsOneSecondOfTelephoneAudio(Path file) {
		ByteBuffer wave;
		try {
			wave = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		assertThat(wave.limit()).isEqualTo(44 + 16_000);
		assertThat(ascii(wave, 0)).isEqualTo("RIFF");
		assertThat(wave.getInt(4)).isEqualTo(wave.limit() - 8);
		assertThat(List.of(ascii(wave, 8), ascii(wave, 12), ascii(wave, 36))).containsExactly("WAVE", "fmt ", "data");
		assertThat(wave.getShort(20)).as("PCM").isEqualTo((short) 1);
		assertThat(wave.getShort(22)).as("channels").isEqualTo((short) 1);
		assertThat(wave.getInt(24)).as("sample rate").isEqualTo(8000);
		assertThat(wave.getShort(34)).as("bits").isEqualTo((short) 16);
		assertThat(wave.getInt(40)).as("data bytes").isEqualTo(16_000);
		int loud = 0;
		for (int at = 44; at < wave.limit(); at += 2) {
			loud = Math.max(loud, Math.abs(wave.getShort(at)));
		}
		assertThat(loud).isGreaterThan(5000);
	}

	private static String ascii(ByteBuffer wave, int at) {
		byte[] four = new byte[4];
		wave.get(at, four);
		return new String(four, StandardCharsets.US_ASCII);
	}

}
