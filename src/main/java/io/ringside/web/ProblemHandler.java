package io.ringside.web;

import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;

import io.ringside.database.Constraints;

/**
 * Turns what went wrong into RFC 9457 problem documents: 400 lists the failing fields
 * under {@code errors}, 409 names what clashed. Every one of these leaves the data as it
 * was.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Log log = LogFactory.getLog(ProblemHandler.class);

	static final String INTEGRITY_DETAIL = "The change conflicts with data stored already; nothing was saved";

	@ExceptionHandler
	ProblemDetail notFound(NotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "Not found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail conflict(ConflictException ex) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, ex.title(), ex.getMessage());
		ex.details().forEach(problem::setProperty);
		return problem;
	}

	@ExceptionHandler
	ProblemDetail invalid(InvalidRequestException ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", ex.getMessage());
		problem.setProperty("errors",
				ex.errors().stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail forbidden(ForbiddenException ex) {
		return problem(HttpStatus.FORBIDDEN, "Forbidden", ex.getMessage());
	}

	/**
	 * A constraint the services did not turn into a conflict of their own. PostgreSQL's
	 * message names tables and columns and quotes the values (phone numbers among them):
	 * the client gets a sentence of ours, the log the constraint's name.
	 */
	@ExceptionHandler
	ProblemDetail integrity(DataIntegrityViolationException ex) {
		log.info("Write refused by the database constraint " + Constraints.violated(ex)
			.orElse("(unnamed: " + ex.getMostSpecificCause().getClass().getSimpleName() + ")"));
		return problem(HttpStatus.CONFLICT, "Conflicts with stored data", INTEGRITY_DETAIL);
	}

	@Override
	protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		List<Map<String, String>> errors = ex.getFieldErrors()
			.stream()
			.map(e -> Map.of("field", e.getField(), "message", String.valueOf(e.getDefaultMessage())))
			.toList();
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request",
				"Some fields are missing or wrong; see errors");
		problem.setProperty("errors", errors);
		return Mono.just(ResponseEntity.badRequest().headers(headers).body(problem));
	}

	private static ProblemDetail problem(HttpStatus status, String title, @Nullable String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}
