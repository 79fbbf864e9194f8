package com.contactdecision;

import com.contactdecision.support.TestKeys;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

/**
 * Every answer the tests receive is checked against the OpenAPI document the running
 * service serves at {@code /v3/api-docs}, with Atlassian's validator: a status, a field,
 * a type, a null or an enum value the document does not declare fails the test, so the
 * document and the API cannot drift apart. The API only: {@code /actuator}, {@code /v3}
 * and the console's HTML pages are not part of the document.
 */
final class OpenApiContract {

	private static final Map<Integer, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();

	private OpenApiContract() {
	}

	static void check(int port, String method, String pathAndQuery, int status, String contentType, String body) {
		String path = URI.create("http://localhost" + pathAndQuery.replace(" ", "%20")).getRawPath();
		if (path.startsWith("/actuator") || path.startsWith("/v3/") || path.startsWith("/swagger-ui")
				|| path.startsWith("/console")) {
			return;
		}
		OpenApiInteractionValidator validator = VALIDATORS.computeIfAbsent(port, OpenApiContract::load);
		SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
		if (contentType != null && !contentType.isEmpty()) {
			response.withContentType(contentType);
		}
		if (body != null && !body.isEmpty()) {
			response.withBody(body);
		}
		ValidationReport report = validator.validateResponse(path, Request.Method.valueOf(method), response.build());
		if (status == 404 && report.getMessages().stream().anyMatch(m -> m.getKey().endsWith(".path.missing"))) {
			// An unknown path has no operation to hold it to; its problem body is tested
			// where it is asked for.
			return;
		}
		assertThat(report.getMessages())
			.as("%s %s answered %s %s\n%s\nis not what /v3/api-docs declares:\n%s", method, path, status, contentType,
					abbreviate(body),
					report.getMessages()
						.stream()
						.map(m -> m.getKey() + ": " + m.getMessage())
						.collect(Collectors.joining("\n")))
			.isEmpty();
	}

	private static String abbreviate(String body) {
		return body == null || body.length() < 2000 ? body : body.substring(0, 2000) + "…";
	}

	private static OpenApiInteractionValidator load(int port) {
		try {
			HttpResponse<String> docs = HttpClient.newHttpClient()
				.send(TestKeys.admin(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs")))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(docs.statusCode()).as("GET /v3/api-docs").isEqualTo(200);
			return OpenApiInteractionValidator.createForInlineApiSpecification(docs.body()).build();
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted", e);
		}
	}

}
