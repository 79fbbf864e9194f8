package com.contactdecision.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.ValueInstantiationException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.contactdecision.decision.RequestConflictException;
import com.contactdecision.validation.FieldError;
import com.contactdecision.validation.InvalidRequestException;
import com.contactdecision.history.StoreUnavailableException;

/**
 * Every failure as RFC 9457 problem+json. Anything a client can send that the service
 * cannot accept is a 400 naming the field; a requestId reused for another request is a
 * 409; a store outage is a 503 with Retry-After so the caller retries.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	static final URI INVALID = URI.create("https://contactdecision.dev/problems/invalid-request");

	static final URI UNAVAILABLE = URI.create("https://contactdecision.dev/problems/store-unavailable");

	static final URI REQUEST_ID_REUSED = URI.create("https://contactdecision.dev/problems/request-id-reused");

	/**
	 * Retry-After of every 503: an outage worth failing over is seconds long (a Redis
	 * failover, a blip), and a caller retrying sooner than this only adds load to a
	 * struggling store.
	 */
	static final String RETRY_AFTER_SECONDS = "1";

	static final URI NOT_FOUND = URI.create("https://contactdecision.dev/problems/not-found");

	@ExceptionHandler(InvalidRequestException.class)
	ProblemDetail invalid(InvalidRequestException e) {
		return problem(e.errors());
	}

	@ExceptionHandler(BodyTooLargeException.class)
	ProblemDetail tooLarge(BodyTooLargeException e) {
		return problem(List.of(new FieldError("body", e.getMessage())));
	}

	@ExceptionHandler(NotFoundException.class)
	ProblemDetail notFound(NotFoundException e) {
		ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
		p.setType(NOT_FOUND);
		p.setTitle("Not found");
		return p;
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
		return problem(List.of(new FieldError(e.getName(), "not a valid " + e.getRequiredType().getSimpleName())));
	}

	@ExceptionHandler(StoreUnavailableException.class)
	ResponseEntity<ProblemDetail> unavailable(StoreUnavailableException e, HttpServletRequest request) {
		log.error("store unavailable for {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
		ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"the store of record is unavailable; nothing was recorded, retry later");
		p.setType(UNAVAILABLE);
		p.setTitle("Store unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(p);
	}

	@ExceptionHandler(RequestConflictException.class)
	ResponseEntity<ProblemDetail> requestIdReused(RequestConflictException e) {
		return conflict(e, "requestId");
	}

	/**
	 * 409: the requestId names another request of the same collector; nothing was
	 * decided.
	 */
	static ResponseEntity<ProblemDetail> conflict(RequestConflictException e, String field) {
		ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
		p.setType(REQUEST_ID_REUSED);
		p.setTitle("requestId already used for another request");
		p.setProperty("errors", List.of(new FieldError(field, "already used for a different request")));
		return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
	}

	@Override
	protected org.springframework.http.ResponseEntity<Object> handleHttpMessageNotReadable(
			HttpMessageNotReadableException e, org.springframework.http.HttpHeaders headers,
			org.springframework.http.HttpStatusCode status,
			org.springframework.web.context.request.WebRequest request) {
		return org.springframework.http.ResponseEntity.badRequest()
			.contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem(List.of(fieldError(e))));
	}

	/**
	 * The JSON path of what Jackson could not read, and why, without echoing the value.
	 */
	static FieldError fieldError(HttpMessageNotReadableException e) {
		Throwable cause = e.getCause();
		if (cause instanceof BodyTooLargeException
				|| (cause != null && cause.getCause() instanceof BodyTooLargeException)) {
			return new FieldError("body", BodyTooLargeException.MESSAGE);
		}
		// A syntax error or a parser limit (nesting, number length) is malformed JSON,
		// even when
		// Jackson wraps it with the path it had reached.
		for (Throwable t = cause; t != null; t = t.getCause()) {
			if (t instanceof JacksonException p && !(t instanceof tools.jackson.databind.DatabindException)) {
				return new FieldError("body", "malformed JSON" + (p.getLocation() == null ? ""
						: " at line " + p.getLocation().getLineNr() + ", column " + p.getLocation().getColumnNr()));
			}
		}
		if (cause instanceof DatabindException m && !m.getPath().isEmpty()) {
			String field = path(m.getPath());
			if (m instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
				return new FieldError(field, "unknown value; one of " + List.of(f.getTargetType().getEnumConstants()));
			}
			if (m instanceof InvalidFormatException f && f.getTargetType() != null
					&& f.getTargetType().getName().startsWith("java.time")) {
				return new FieldError(field, "not an ISO-8601 instant with an offset (e.g. 2026-11-23T15:00:00Z)");
			}
			if (m instanceof ValueInstantiationException v) {
				return new FieldError(field, v.getCause() == null ? "invalid value" : v.getCause().getMessage());
			}
			if (m instanceof MismatchedInputException mi && mi.getTargetType() != null) {
				return new FieldError(field, "wrong type: expected " + describe(mi.getTargetType()));
			}
			return new FieldError(field, "invalid value");
		}
		return new FieldError("body", "a JSON body is required");
	}

	private static String path(List<JacksonException.Reference> refs) {
		StringBuilder sb = new StringBuilder();
		for (JacksonException.Reference r : refs) {
			if (r.getPropertyName() != null) {
				if (!sb.isEmpty()) {
					sb.append('.');
				}
				sb.append(r.getPropertyName());
			}
			else if (r.getIndex() >= 0) {
				sb.append('[').append(r.getIndex()).append(']');
			}
		}
		return sb.toString();
	}

	private static String describe(Class<?> type) {
		if (List.class.isAssignableFrom(type) || java.util.Set.class.isAssignableFrom(type) || type.isArray()) {
			return "an array";
		}
		if (type == String.class) {
			return "a string";
		}
		if (type.isRecord() || Map.class.isAssignableFrom(type)) {
			return "an object";
		}
		return type.getSimpleName();
	}

	static ProblemDetail problem(List<FieldError> errors) {
		ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
		p.setType(INVALID);
		p.setTitle("Invalid request");
		p.setProperty("errors", errors);
		return p;
	}

}
