package com.contactdecision.validation;

import java.util.List;

/** A request the service cannot accept; answered 400 with every field error. */
public class InvalidRequestException extends RuntimeException {

	private final transient List<FieldError> errors;

	public InvalidRequestException(List<FieldError> errors) {
		super(errors.stream()
			.map(e -> e.field() + ": " + e.message())
			.reduce((a, b) -> a + "; " + b)
			.orElse("invalid"));
		this.errors = List.copyOf(errors);
	}

	public InvalidRequestException(String field, String message) {
		this(List.of(new FieldError(field, message)));
	}

	public List<FieldError> errors() {
		return errors;
	}

}
