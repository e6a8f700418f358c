package io.ringside.recordings;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Why a recording cannot be played, as RFC 9457 problem documents that say so plainly.
 */
final class AudioProblems {

	private AudioProblems() {
	}

	static ErrorResponseException noRecording(String callId) {
		return problem(HttpStatus.NOT_FOUND, "No recording",
				"Call " + callId + " has no recording: nobody answered it, or the PBX did not record it");
	}

	static ErrorResponseException fileMissing(String callId) {
		return problem(HttpStatus.NOT_FOUND, "Recording not found", "The file of call " + callId
				+ "'s recording is not where recordings are kept (deleted, or not " + "written yet)");
	}

	static ErrorResponseException notConfigured() {
		return problem(HttpStatus.NOT_FOUND, "Recordings not available",
				"This Ringside has no access to the PBX's recordings: set ringside.recordings.directory or "
						+ "ringside.recordings.base-url");
	}

	static ErrorResponseException unsafeName(String callId) {
		return problem(HttpStatus.NOT_FOUND, "Recording not found",
				"The PBX named a file for call " + callId + " outside the recordings' folder; it is not served");
	}

	static ErrorResponseException upstream(String callId, int status) {
		return problem(HttpStatus.BAD_GATEWAY, "Recordings server failed",
				"The recordings server answered " + status + " for call " + callId + "'s recording");
	}

	static ErrorResponseException unreachable(String callId) {
		return problem(HttpStatus.BAD_GATEWAY, "Recordings server unreachable",
				"The recordings server did not answer for call " + callId + "'s recording");
	}

	private static ErrorResponseException problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return new ErrorResponseException(status, problem, null);
	}

}
