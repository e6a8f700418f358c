package io.ringside.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Schedulers;

import io.ringside.telephony.Pbx;

/**
 * Calls recorded the way Ringside's dialplan records them ({@code asterisk-config/}):
 * when a conversation starts, the call's first channel sets
 * {@link Pbx#RECORDING_VARIABLE} to a file named after its Linkedid (a VarSet), and
 * MixMonitor records into it (a VarSet of {@code MIXMONITOR_FILENAME}, then
 * MixMonitorStart). What is "recorded" here is a short tone, one file per answered call.
 * <p>
 * Off until {@link PbxSimulator#recordCalls(Path)} names a folder. Core thread only,
 * except the writing: files are written on Reactor's boundedElastic threads, never on the
 * core thread, under a temporary name moved into place, so a reader never sees half a
 * file.
 */
final class MixMonitor {

	private static final Logger log = LoggerFactory.getLogger(MixMonitor.class);

	private static final int LENGTH_MILLIS = 1000;

	private final Channels channels;

	private final CoreEvents events;

	private volatile @Nullable Path folder;

	MixMonitor(Channels channels, CoreEvents events) {
		this.channels = channels;
		this.events = events;
	}

	/** Where answered calls are recorded from now on; null: nowhere. */
	void into(@Nullable Path folder) {
		this.folder = folder;
	}

	/**
	 * The conversation of this call starts on this channel: records it, once per call.
	 */
	void start(CallRecord call, SimulatedChannel channel) {
		Path into = folder;
		if (into == null || call.recordingFile != null || channel.hungUp) {
			return;
		}
		String file = channel.linkedid + ".wav";
		call.recordingFile = file;
		Path target = into.resolve(file).toAbsolutePath();
		channels.setVariable(channel, Pbx.RECORDING_VARIABLE, file);
		channels.setVariable(channel, "MIXMONITOR_FILENAME", target.toString());
		events.emit(events.channelEvent("MixMonitorStart", channel));
		double hertz = 440 + 55 * Math.floorMod(file.hashCode(), 8);
		Schedulers.boundedElastic().schedule(() -> write(target, WaveTone.of(hertz, LENGTH_MILLIS)));
	}

	private static void write(Path target, byte[] audio) {
		try {
			Files.createDirectories(target.getParent());
			Path part = target.resolveSibling(target.getFileName() + ".part");
			Files.write(part, audio);
			Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Could not write the simulated recording " + target, ex);
		}
	}

}
