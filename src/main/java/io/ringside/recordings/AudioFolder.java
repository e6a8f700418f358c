package io.ringside.recordings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * Recordings read from a folder ({@code ringside.recordings.directory}). A file is served
 * only when it lies inside the folder once links are followed: a name that climbs out of
 * it, or a link that points out of it, is refused. Looking at the file system blocks, so
 * it is done on Reactor's boundedElastic threads; the file is then streamed by WebFlux,
 * which answers HTTP ranges.
 */
final class AudioFolder {

	private final Path folder;

	AudioFolder(Path folder) {
		this.folder = folder;
	}

	/**
	 * The recording's file; empty when there is no such file, an error {@link UnsafeFile}
	 * when it would lie outside the folder.
	 */
	Mono<Resource> open(List<String> segments) {
		return Mono.fromCallable(() -> find(segments)).subscribeOn(Schedulers.boundedElastic());
	}

	private @Nullable Resource find(List<String> segments) throws IOException {
		if (!Files.isDirectory(folder)) {
			return null;
		}
		Path root = folder.toRealPath();
		Path candidate = root.resolve(String.join("/", segments)).normalize();
		if (!candidate.startsWith(root)) {
			throw new UnsafeFile();
		}
		if (!Files.isRegularFile(candidate)) {
			return null;
		}
		Path real = candidate.toRealPath();
		if (!real.startsWith(root)) {
			throw new UnsafeFile();
		}
		return new FileSystemResource(real);
	}

	/** The file would lie outside the folder. */
	static final class UnsafeFile extends RuntimeException {

		UnsafeFile() {
			super("outside the recordings' folder", null, false, false);
		}

	}

}
