package io.ringside.recordings;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Which calls have a recording, and whose client each was with: read from the calls the
 * recorder wrote ({@code calls.recording_file}, {@code clients.owner_id}).
 */
@Component
class CallAudioIndex {

	private final DatabaseClient db;

	CallAudioIndex(DatabaseClient db) {
		this.db = db;
	}

	/** A recorded call, or empty when no call has this id. */
	Mono<StoredCall> call(String callId) {
		return db
			.sql("select c.id, c.recording_file, cl.owner_id from calls c left join clients cl on cl.id = c.client_id "
					+ "where c.id = :id")
			.bind("id", callId)
			.map(row -> new StoredCall(row.get("id", String.class), row.get("recording_file", String.class),
					row.get("owner_id", Long.class)))
			.one();
	}

	/** The client's calls that have a recording, the newest first. */
	Flux<StoredCall> ofClient(long clientId) {
		return db
			.sql("select c.id, c.recording_file, cl.owner_id from calls c join clients cl on cl.id = c.client_id "
					+ "where c.client_id = :client and c.recording_file is not null order by c.started_at desc")
			.bind("client", clientId)
			.map(row -> new StoredCall(row.get("id", String.class), row.get("recording_file", String.class),
					row.get("owner_id", Long.class)))
			.all();
	}

	/**
	 * @param file the recording's file as the PBX named it; null when the call has none
	 * @param ownerId the owner of the call's client; null when it was with no client
	 */
	record StoredCall(String id, @Nullable String file, @Nullable Long ownerId) {
	}

}
