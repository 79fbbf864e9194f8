package com.contactdecision;

import com.contactdecision.support.TestKeys;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.contactdecision.support.TestDays;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an attacker or a careless client sends, over HTTP: ids outside the documented
 * charset, JSON that only a lenient reader would accept, requests Tomcat refuses before
 * any servlet runs, and an event naming another consumer's decision. Every answer is a
 * problem+json naming what was wrong, and nothing is recorded. Abstract: one subclass per
 * store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "rules.dir=${user.dir}/../rules", "rules.watch=false" })
abstract class HostileInputIntegrationTests {

	static final tools.jackson.databind.ObjectMapper JSON = com.contactdecision.json.Json.mapper();

	static final String AT_1000 = ContractIntegrationTests.local(TestDays.nextWednesday(), 10, 0, 0);

	@LocalServerPort
	int port;

	HttpClient http;

	String consumerId;

	@BeforeEach
	void client() {
		http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		consumerId = "c-" + UUID.randomUUID();
	}

	// ---------------------------------------------------------------------------------------------
	// Ids: 1 to 128 letters, digits and - _ . : @ +

	@ParameterizedTest(name = "{0} = {1}")
	@CsvSource(delimiter = '|',
			value = { "consumerId | c-1}", "consumerId | c-1\\r\\nINFO forged", "consumerId | \\ud800",
					"consumerId | c 1", "collectorId | col}", "requestId | r{1}", "debtIds[0] | d-1\\u0000",
					"inResponseTo | e/1", "consumerId | 129" })
	void anIdOutsideTheCharsetIsA400NamingTheFieldAndRecordsNothing(String field, String value) {
		ObjectNode req = call("RESERVE");
		put(req, field, hostile(value));

		Answer a = post("/v1/decisions", req.toString());

		assertProblem(a, 400, field);
		assertThat(a.body()).as("the answer does not echo the id").doesNotContain("forged");
		assertThat(historyOf(consumerId)).isEmpty();
	}

	@ParameterizedTest(name = "{0} = {1}")
	@CsvSource(delimiter = '|', value = { "eventId | e}1", "consumerId | c-1}", "decisionId | dec-1\\r\\n",
			"debtIds[0] | \\udfff", "collectorId | 129", "inResponseTo | a b" })
	void anEventWithAnIdOutsideTheCharsetIsA400NamingTheField(String field, String value) {
		ObjectNode e = event("evt-" + UUID.randomUUID());
		put(e, field, hostile(value));

		assertProblem(post("/v1/contact-events", e.toString()), 400, field);
		assertThat(historyOf(consumerId)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/v1/consumers/c%7D1/profile", "/v1/consumers/c%0D%0Ax/history", "/v1/debts/d%20x",
			"/v1/collectors/%F0%9F%98%80", "/v1/decisions/dec%7B1%7D" })
	void anIdInThePathOutsideTheCharsetIsA400(String path) {
		Answer a = get(path);

		assertThat(a.status()).as(a.body()).isEqualTo(400);
		assertThat(a.contentType()).contains("application/problem+json");
	}

	@Test
	void anIdOfA128CharactersIsAcceptedAnd129AreNot() {
		ObjectNode ok = call("CHECK");
		ok.put("consumerId", "c".repeat(128));
		ObjectNode tooLong = call("CHECK");
		tooLong.put("consumerId", "c".repeat(129));

		assertThat(post("/v1/decisions", ok.toString()).status()).isEqualTo(200);
		assertProblem(post("/v1/decisions", tooLong.toString()), 400, "consumerId");
	}

	// ---------------------------------------------------------------------------------------------
	// Bounded work

	@Test
	void moreThan100DebtsIsA400NamingDebtIds() {
		ObjectNode req = call("CHECK");
		var debts = req.putArray("debtIds");
		for (int i = 0; i < 101; i++) {
			debts.add("d-" + i);
		}

		assertProblem(post("/v1/decisions", req.toString()), 400, "debtIds");
	}

	@Test
	void aMessageOver20000CharactersIsA400NamingMessageText() {
		ObjectNode req = call("CHECK");
		req.putObject("message").put("text", "x".repeat(20_001));

		assertProblem(post("/v1/decisions", req.toString()), 400, "message.text");
	}

	// ---------------------------------------------------------------------------------------------
	// Strict JSON: no scalar coercion, no numeric enums

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|',
			value = { "mode | 0", "channel | 1", "consumerId | 12345", "consumerId | true", "requestId | 1.5",
					"destination.workplace | \"true\"", "destination.workplace | 1", "at | 1764000000",
					"debtIds | \"d-1\"", "recipient | false" })
	void aScalarOfTheWrongJsonTypeIsA400AndRecordsNothing(String field, String json) {
		ObjectNode req = call("RESERVE");
		putRaw(req, field, JSON.readTree(json));

		assertProblem(post("/v1/decisions", req.toString()), 400, field);
		assertThat(historyOf(consumerId)).as("nothing reserved").isEmpty();
	}

	@Test
	void aNumericEventOutcomeIsA400() {
		ObjectNode e = event("evt-" + UUID.randomUUID());
		e.put("outcome", 4);

		assertProblem(post("/v1/contact-events", e.toString()), 400, "outcome");
	}

	// ---------------------------------------------------------------------------------------------
	// Every error a problem+json, Tomcat's own included; every 404 with a body

	@Test
	void aBadPercentEncodingIsA400ProblemNotAnHtmlPage() throws IOException {
		Raw r = raw("GET /v1/consumers/%zz/profile HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

		assertThat(r.status()).as(r.text()).isEqualTo(400);
		assertThat(r.text()).containsIgnoringCase("Content-Type: application/problem+json")
			.contains("\"status\":400")
			.doesNotContainIgnoringCase("<html")
			.doesNotContain("Tomcat");
	}

	@Test
	void headersOverTheLimitAreA400ProblemNotAnHtmlPage() throws IOException {
		Raw r = raw("GET /v1/rules HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(64 * 1024)
				+ "\r\nConnection: close\r\n\r\n");

		assertThat(r.status()).as(r.text()).isEqualTo(400);
		assertThat(r.text()).containsIgnoringCase("Content-Type: application/problem+json")
			.doesNotContainIgnoringCase("<html")
			.doesNotContain("Tomcat");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/v1/decisions/dec-unknown", "/v1/consumers/c-unknown/profile", "/v1/debts/d-unknown",
			"/v1/collectors/col-unknown", "/v1/no-such-endpoint", "/v1/decisions/dec-1/more" })
	void every404HasAProblemBody(String path) {
		Answer a = get(path);

		assertThat(a.status()).isEqualTo(404);
		assertThat(a.contentType()).contains("application/problem+json");
		JsonNode p = JSON.readTree(a.body());
		assertThat(p.get("status").asInt()).isEqualTo(404);
		assertThat(p.get("title").asText()).isNotBlank();
	}

	// ---------------------------------------------------------------------------------------------
	// An event settles only its own consumer's reservation

	@Test
	void anEventNamingAnotherConsumersDecisionIsA400AndLeavesThatReservationOpen() {
		JsonNode reserved = JSON.readTree(post("/v1/decisions", call("RESERVE").toString()).body());
		assertThat(reserved.get("reserved").asBoolean()).as(reserved.toString()).isTrue();
		String victim = consumerId;
		consumerId = "c-" + UUID.randomUUID();
		ObjectNode e = event("evt-" + UUID.randomUUID());
		e.put("decisionId", reserved.get("decisionId").asText());
		e.put("outcome", "NOT_PLACED");

		assertProblem(post("/v1/contact-events", e.toString()), 400, "decisionId");
		assertThat(historyOf(consumerId)).isEmpty();
		JsonNode victimHistory = historyOf(victim);
		assertThat(victimHistory).hasSize(1);
		assertThat(victimHistory.get(0).get("outcome").isNull()).as("still an open reservation").isTrue();
	}

	// ---------------------------------------------------------------------------------------------
	// Helpers

	static void assertProblem(Answer a, int status, String field) {
		assertThat(a.status()).as("status of %s", a.body()).isEqualTo(status);
		assertThat(a.contentType()).contains("application/problem+json");
		JsonNode p = JSON.readTree(a.body());
		assertThat(p.get("errors").findValuesAsString("field")).as("fields named in %s", p).contains(field);
	}

	/** "129" stands for an id one character too long; \r, \n, \\uXXXX are unescaped. */
	static String hostile(String value) {
		if (value.equals("129")) {
			return "x".repeat(129);
		}
		return value.replace("\\r", "\r")
			.replace("\\n", "\n")
			.replace("\\u0000", "\u0000")
			.replace("\\ud800", "\ud800")
			.replace("\\udfff", "\udfff");
	}

	/** Sets a field by its path (a.b, a[0]) to a string. */
	static void put(ObjectNode body, String path, String value) {
		putRaw(body, path, JSON.getNodeFactory().textNode(value));
	}

	static void putRaw(ObjectNode body, String path, JsonNode value) {
		if (path.endsWith("[0]")) {
			body.putArray(path.substring(0, path.length() - 3)).add(value);
			return;
		}
		int dot = path.indexOf('.');
		if (dot > 0) {
			ObjectNode inner = body.has(path.substring(0, dot)) ? (ObjectNode) body.get(path.substring(0, dot))
					: body.putObject(path.substring(0, dot));
			putRaw(inner, path.substring(dot + 1), value);
			return;
		}
		body.set(path, value);
	}

	ObjectNode call(String mode) {
		ObjectNode req = JSON.createObjectNode();
		req.put("consumerId", consumerId);
		req.putArray("debtIds").add("d-" + UUID.randomUUID());
		req.put("channel", "CALL");
		req.putObject("destination").put("phone", "+16145550100").put("type", "MOBILE");
		req.put("mode", mode);
		req.put("at", AT_1000);
		return req;
	}

	ObjectNode event(String eventId) {
		ObjectNode e = JSON.createObjectNode();
		e.put("eventId", eventId);
		e.put("consumerId", consumerId);
		e.putArray("debtIds").add("d-1");
		e.put("channel", "CALL");
		e.putObject("destination").put("phone", "+16145550100");
		e.put("outcome", "NO_ANSWER");
		e.put("at", AT_1000);
		return e;
	}

	JsonNode historyOf(String consumer) {
		Answer a = get("/v1/consumers/" + consumer + "/history");
		assertThat(a.status()).as(a.body()).isEqualTo(200);
		return JSON.readTree(a.body()).get("events");
	}

	record Answer(int status, String contentType, String body) {
	}

	record Raw(int status, String text) {
	}

	Answer get(String path) {
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET());
	}

	Answer post(String path, String body) {
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
	}

	private Answer send(HttpRequest.Builder request) {
		try {
			HttpRequest built = TestKeys.admin(request).timeout(Duration.ofSeconds(30)).build();
			HttpResponse<String> r = http.send(built, HttpResponse.BodyHandlers.ofString());
			Answer answer = new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
			OpenApiContract.check(port, built.method(), built.uri().getRawPath(), answer.status(), answer.contentType(),
					answer.body());
			return answer;
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted", e);
		}
	}

	/** Bytes on a socket, for what no HTTP client would send. */
	Raw raw(String request) throws IOException {
		try (Socket s = new Socket("localhost", port)) {
			s.setSoTimeout(10_000);
			OutputStream out = s.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = s.getInputStream();
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			int status = Integer.parseInt(text.substring(9, 12));
			return new Raw(status, text);
		}
	}

}
