package io.ringside.web;

import java.util.List;

/** Input that the CRM refuses, with the fields at fault. Nothing was written. */
public class InvalidRequestException extends RuntimeException {

	private final List<FieldError> errors;

	public InvalidRequestException(String field, String message) {
		this(List.of(new FieldError(field, message)));
	}

	public InvalidRequestException(List<FieldError> errors) {
		super(errors.stream().map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElse(""));
		this.errors = List.copyOf(errors);
	}

	public List<FieldError> errors() {
		return errors;
	}

	/** One field that failed and why. */
	public record FieldError(String field, String message) {
	}

}
