package com.contactdecision.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.ObjectMapper;

import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import com.contactdecision.json.Json;

/** 401, 403 and 429 as RFC 9457 problem+json, like every other error of the service. */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

	static final String TYPES = "https://contactdecision.dev/problems/";

	private final ObjectMapper json = Json.mapper();

	private final String challenge;

	/**
	 * @param challenge the WWW-Authenticate value of a 401 (RFC 9110: it names the
	 * accepted schemes)
	 */
	ProblemResponses(String challenge) {
		this.challenge = challenge;
	}

	ProblemResponses() {
		this("ApiKey header=\"X-Api-Key\", Bearer");
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
			throws IOException {
		response.setHeader("WWW-Authenticate", challenge);
		write(request, response, 401, "unauthenticated", "Unauthenticated",
				"credentials are missing or not valid: send an API key in X-Api-Key or a bearer token");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
			throws IOException {
		write(request, response, 403, "forbidden", "Forbidden",
				e instanceof CollectorScopeException ? e.getMessage() : "this key's role may not do this");
	}

	void tooManyRequests(HttpServletRequest request, HttpServletResponse response, long retryAfterSeconds)
			throws IOException {
		response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
		write(request, response, 429, "rate-limited", "Too many requests",
				"this key's request rate is over its limit; retry after " + retryAfterSeconds + " s");
	}

	private void write(HttpServletRequest request, HttpServletResponse response, int status, String type, String title,
			String detail) throws IOException {
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("type", TYPES + type);
		p.put("title", title);
		p.put("status", status);
		p.put("detail", detail);
		p.put("instance", request.getRequestURI());
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(json.writeValueAsBytes(p));
	}

}
