package io.ringside.recordings.web;

import java.security.Principal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import io.ringside.recordings.CallAudio;
import io.ringside.team.Employees;

/**
 * The recordings of calls: a call's audio (HTTP ranges answered, so a player can seek),
 * and which of a client's calls have one, for the client's owner, the head of sales,
 * supervisors and the admin.
 */
@RestController
class CallAudioController {

	private final CallAudio audio;

	private final Employees employees;

	CallAudioController(CallAudio audio, Employees employees) {
		this.audio = audio;
		this.employees = employees;
	}

	/**
	 * The call's recording: 200 with the file, 206 for a {@code Range}; 403 for those who
	 * may not hear it, 404 for an unknown call or one without a recording.
	 */
	@GetMapping("/api/calls/{callId}/recording")
	@Operation(summary = "The call's recording, whole or by HTTP ranges",
			description = "For the owner of the call's client, the head of sales, supervisors and the admin. "
					+ "The audio as the PBX recorded it (audio/wav for .wav); a Range header gets 206 with "
					+ "Content-Range, so a player can seek.")
	@ApiResponse(responseCode = "200", description = "The whole recording",
			content = @Content(mediaType = "audio/wav", schema = @Schema(type = "string", format = "binary")))
	@ApiResponse(responseCode = "206", description = "The bytes the Range asked for",
			content = @Content(mediaType = "audio/wav", schema = @Schema(type = "string", format = "binary")))
	@ApiResponse(responseCode = "403", description = "Not the client's owner, nor a lead or supervisor",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404",
			description = "No such call, the call has no recording, or its file cannot be found",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	Mono<Void> recording(@PathVariable String callId, Principal principal, ServerWebExchange exchange) {
		return employees.requireByLogin(principal.getName()).flatMap(me -> audio.play(callId, me, exchange));
	}

	/**
	 * The client's calls with a recording I may hear, newest first, each with where to
	 * play it; empty for those who may not hear them.
	 */
	@GetMapping("/api/clients/{clientId}/recordings")
	Flux<RecordedCall> recordings(@PathVariable long clientId, Principal principal) {
		return employees.requireByLogin(principal.getName())
			.flatMapMany(me -> audio.recordedCalls(clientId, me))
			.map(callId -> new RecordedCall(callId, "/api/calls/" + callId + "/recording"));
	}

	/** A call of the client that has a recording, and its address. */
	record RecordedCall(String callId, String recording) {
	}

}
