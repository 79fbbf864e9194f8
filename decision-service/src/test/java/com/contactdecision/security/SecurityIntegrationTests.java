package com.contactdecision.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.contactdecision.json.Json;
import com.contactdecision.support.TestKeys;

/**
 * CONTRACT section 7 over HTTP, on the embedded stores: every operation of the OpenAPI
 * document asks for credentials and the role {@link EndpointRoles} gives it, keys are
 * shown once and revoked at once, a dialler's key acts for its own collector only.
 */
@AutoConfigureMetrics
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "rules.dir=${user.dir}/../rules", "rules.watch=false", "decisioning.redis-url=" })
class SecurityIntegrationTests {

	static final ObjectMapper JSON = Json.mapper();

	static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@LocalServerPort
	int port;

	/** A key per role (DIALLER scoped to {@link #collector}). */
	final Map<Role, String> keys = new EnumMap<>(Role.class);

	String collector;

	@BeforeEach
	void keysForEveryRole() throws Exception {
		collector = "col-" + UUID.randomUUID();
		assertThat(send("PUT", "/v1/collectors/" + collector, "{\"type\":\"DEBT_COLLECTOR\"}", TestKeys.ADMIN)
			.statusCode()).isEqualTo(201);
		for (Role r : Role.values()) {
			keys.put(r, create(r, r == Role.DIALLER ? collector : null));
		}
	}

	@Test
	void everyOperationInTheOpenApiDocumentNeedsAKeyAndTheRoleTheMapGivesIt() throws Exception {
		JsonNode paths = JSON.readTree(send("GET", "/v3/api-docs", null, TestKeys.ADMIN).body()).get("paths");
		List<String> walked = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		for (Map.Entry<String, JsonNode> p : paths.properties()) {
			String path = p.getKey().replaceAll("\\{[^}]+}", "walk-" + UUID.randomUUID().toString().substring(0, 8));
			for (String method : p.getValue().propertyNames()) {
				String m = method.toUpperCase(java.util.Locale.ROOT);
				String op = m + " " + p.getKey();
				walked.add(op);
				var allowed = EndpointRoles.allowed(m, path);
				if (allowed.isEmpty()) {
					problems.add(op + ": no rule in EndpointRoles names it");
					continue;
				}
				String body = m.equals("GET") || m.equals("DELETE") ? null : "{}";
				expect(problems, op + " without a key", send(m, path, body, null), 401);
				expect(problems, op + " with a bad key", send(m, path, body, "cdk_0000000000000000_nope"), 401);
				for (Role r : Role.values()) {
					int status = send(m, path, body, keys.get(r)).statusCode();
					boolean may = allowed.get().contains(r);
					if (may && (status == 401 || status == 403)) {
						problems.add(op + " as " + r + ": " + status + ", but the map allows it");
					}
					if (!may && status != 403) {
						problems.add(op + " as " + r + ": " + status + ", expected 403");
					}
				}
			}
		}
		assertThat(walked).as("operations in the OpenAPI document")
			.contains("POST /v1/decisions", "DELETE /v1/consumers/{consumerId}", "POST /v1/api-keys", "GET /v1/rules");
		assertThat(problems).isEmpty();
	}

	@Test
	void theHealthProbesAreOpenAndNothingElseOfTheActuatorIs() throws Exception {
		for (String open : EndpointRoles.PUBLIC) {
			assertThat(send("GET", open, null, null).statusCode()).as(open).isEqualTo(200);
		}
		assertThat(send("GET", "/actuator/prometheus", null, null).statusCode()).isEqualTo(401);
		assertThat(send("GET", "/actuator/prometheus", null, keys.get(Role.MONITORING)).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/actuator/prometheus", null, keys.get(Role.DIALLER)).statusCode()).isEqualTo(403);
		for (String hidden : List.of("/actuator/env", "/actuator/configprops", "/actuator/heapdump",
				"/actuator/beans")) {
			assertThat(send("GET", hidden, null, TestKeys.ADMIN).statusCode()).as(hidden).isEqualTo(404);
		}
		assertThat(send("GET", "/actuator/health", null, null).body()).as("no details without a key")
			.doesNotContain("sha256:");
	}

	/**
	 * The console's own chain: its sign-in page and stylesheet are open, every other
	 * console page sends a browser without a session to the sign-in page and takes only
	 * COMPLIANCE and ADMIN; a key pasted into the form holds a session whose forms need
	 * the CSRF token; the API beside it never makes a session.
	 */
	@Test
	void theConsoleSignsInWithASessionAndTheApiStaysStateless() throws Exception {
		for (String open : List.of("/console/sign-in", "/console/console.css")) {
			assertThat(EndpointRoles.CONSOLE_SIGN_IN).contains(open);
			assertThat(send("GET", open, null, null).statusCode()).as(open).isEqualTo(200);
		}
		for (String page : List.of("/console", "/console/rules", "/console/calendar", "/console/decisions",
				"/console/what-if", "/console/what-if.js")) {
			HttpResponse<String> anonymous = send("GET", page, null, null);
			assertThat(anonymous.statusCode()).as(page).isEqualTo(302);
			assertThat(anonymous.headers().firstValue("Location")).as(page)
				.hasValueSatisfying(l -> l.endsWith("/console/sign-in"));
			for (Role r : Role.values()) {
				int status = send("GET", page, null, keys.get(r)).statusCode();
				boolean may = EndpointRoles.allowed("GET", page).orElseThrow().contains(r);
				assertThat(may ? status < 400 : status == 403).as(page + " as " + r + ": " + status).isTrue();
			}
		}

		// The form: the page's CSRF token and session, then the key.
		HttpResponse<String> form = send("GET", "/console/sign-in", null, null);
		String cookie = cookie(form);
		String token = csrf(form.body());
		HttpResponse<String> noToken = sendForm("/console/sign-in", "apiKey=" + keys.get(Role.COMPLIANCE), cookie);
		assertThat(noToken.statusCode()).as("sign-in without the CSRF token").isEqualTo(403);
		HttpResponse<String> signedIn = sendForm("/console/sign-in",
				"apiKey=" + keys.get(Role.COMPLIANCE) + "&_csrf=" + token, cookie);
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> l.endsWith("/console/rules"));
		String session = cookie(signedIn);
		assertThat(session).as("a new session id once signed in").isNotEqualTo(cookie);
		HttpResponse<String> rules = HTTP.send(
				HttpRequest.newBuilder(URI.create(url("/console/rules"))).header("Cookie", session).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(rules.statusCode()).isEqualTo(200);
		assertThat(sendForm("/console/rules/reload", "", session).statusCode()).as("a console POST without the token")
			.isEqualTo(403);
		assertThat(sendForm("/console/rules/reload", "_csrf=" + csrf(rules.body()), session).statusCode())
			.isEqualTo(302);
		// The session does not reach the API, which keeps to keys and tokens.
		HttpResponse<String> api = HTTP.send(
				HttpRequest.newBuilder(URI.create(url("/v1/rules"))).header("Cookie", session).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(api.statusCode()).isEqualTo(401);
		assertThat(send("GET", "/v1/rules", null, keys.get(Role.COMPLIANCE)).headers().firstValue("Set-Cookie"))
			.as("the API makes no session")
			.isEmpty();

		// A dialler's key is a valid key, but not for the console.
		HttpResponse<String> dialler = send("GET", "/console/sign-in", null, null);
		HttpResponse<String> refused = sendForm("/console/sign-in",
				"apiKey=" + keys.get(Role.DIALLER) + "&_csrf=" + csrf(dialler.body()), cookie(dialler));
		assertThat(refused.headers().firstValue("Location"))
			.hasValueSatisfying(l -> l.endsWith("/console/sign-in?refused"));
	}

	private HttpResponse<String> sendForm(String path, String form, String cookie)
			throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(URI.create(url(path)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", cookie)
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String cookie(HttpResponse<?> r) {
		return r.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter(c -> c.startsWith("JSESSIONID="))
			.map(c -> c.substring(0, c.indexOf(';')))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no session cookie: " + r.headers().map()));
	}

	private static String csrf(String html) {
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
		assertThat(m.find()).as("a CSRF token in the page").isTrue();
		return m.group(1);
	}

	private String url(String path) {
		return "http://127.0.0.1:" + port + path;
	}

	@Test
	void aNewKeyIsShownOnceListedWithoutItAndRevokedAtOnce() throws Exception {
		HttpResponse<String> created = send("POST", "/v1/api-keys",
				"{\"name\":\"east\",\"role\":\"COMPLIANCE\",\"expiresAt\":null}", TestKeys.ADMIN);
		JsonNode k = JSON.readTree(created.body());
		String key = k.get("key").asText();

		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(key).startsWith("cdk_").hasSizeGreaterThan(40);
		assertThat(k.get("role").asText()).isEqualTo("COMPLIANCE");
		assertThat(k.get("createdAt").asText()).isNotBlank();
		String listed = send("GET", "/v1/api-keys", null, TestKeys.ADMIN).body();
		String secret = key.substring(("cdk_" + k.get("id").asText() + "_").length());
		assertThat(secret).hasSizeGreaterThan(40);
		assertThat(listed).contains(k.get("id").asText()).doesNotContain(secret);
		assertThat(send("GET", "/v1/rules", null, key).statusCode()).isEqualTo(200);

		assertThat(send("DELETE", "/v1/api-keys/" + k.get("id").asText(), null, TestKeys.ADMIN).statusCode())
			.isEqualTo(204);
		HttpResponse<String> after = send("GET", "/v1/rules", null, key);
		assertThat(after.statusCode()).isEqualTo(401);
		assertThat(after.headers().firstValue("Content-Type"))
			.hasValueSatisfying(c -> assertThat(c).startsWith("application/problem+json"));
		assertThat(send("DELETE", "/v1/api-keys/" + k.get("id").asText(), null, TestKeys.ADMIN).statusCode())
			.isEqualTo(404);
	}

	@Test
	void aDiallerKeyNeedsACollectorAndAnUnknownRoleIsA400NamingTheField() throws Exception {
		HttpResponse<String> noCollector = send("POST", "/v1/api-keys", "{\"name\":\"d\",\"role\":\"DIALLER\"}",
				TestKeys.ADMIN);
		HttpResponse<String> badRole = send("POST", "/v1/api-keys", "{\"name\":\"d\",\"role\":\"ROOT\"}",
				TestKeys.ADMIN);

		assertThat(noCollector.statusCode()).isEqualTo(400);
		assertThat(noCollector.body()).contains("collectorId");
		assertThat(badRole.statusCode()).isEqualTo(400);
		assertThat(badRole.body()).contains("\"field\":\"role\"");
	}

	@Test
	void aDiallersKeyDecidesOnlyForItsOwnCollector() throws Exception {
		String dialler = keys.get(Role.DIALLER);
		String request = """
				{"consumerId":"c-%s","debtIds":["d-1"],"channel":"CALL","destination":{"phone":"+16145550100"},
				 "mode":"CHECK","at":"2026-06-10T10:00:00-04:00"%s}""";
		String consumer = UUID.randomUUID().toString();

		HttpResponse<String> own = send("POST", "/v1/decisions", request.formatted(consumer, ""), dialler);
		HttpResponse<String> named = send("POST", "/v1/decisions",
				request.formatted(consumer, ",\"collectorId\":\"" + collector + "\""), dialler);
		HttpResponse<String> other = send("POST", "/v1/decisions",
				request.formatted(consumer, ",\"collectorId\":\"someone-else\""), dialler);
		HttpResponse<String> otherInBatch = send("POST", "/v1/decisions:batch",
				"{\"requests\":[" + request.formatted(consumer, ",\"collectorId\":\"someone-else\"") + "]}", dialler);

		assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
		assertThat(named.statusCode()).as(named.body()).isEqualTo(200);
		assertThat(other.statusCode()).isEqualTo(403);
		assertThat(other.body()).contains("acts for collector " + collector + " only");
		assertThat(otherInBatch.statusCode()).isEqualTo(403);
	}

	@Test
	void anInboundTextTellsOnlyAnIntegrationWhichConsumersHoldTheNumber() throws Exception {
		String phone = "+1614" + (2_000_000 + (int) (Math.random() * 7_000_000));
		String consumer = "c-" + UUID.randomUUID();
		send("PUT", "/v1/consumers/" + consumer + "/profile",
				"{\"phones\":[{\"number\":\"" + phone + "\",\"type\":\"MOBILE\"}]}", keys.get(Role.INTEGRATION));
		String sms = "{\"from\":\"" + phone + "\",\"to\":\"+13125550100\",\"text\":\"HELLO\"}";

		JsonNode toDialler = JSON.readTree(send("POST", "/v1/inbound/sms", sms, keys.get(Role.DIALLER)).body());
		JsonNode toIntegration = JSON.readTree(send("POST", "/v1/inbound/sms", sms, keys.get(Role.INTEGRATION)).body());

		assertThat(toDialler.get("affectedConsumers").isNull()).as(toDialler.toString()).isTrue();
		assertThat(toDialler.get("affectedCount").asInt()).isEqualTo(1);
		assertThat(toDialler.toString()).doesNotContain(consumer);
		assertThat(toIntegration.get("affectedConsumers").get(0).asText()).isEqualTo(consumer);
	}

	private static void expect(List<String> problems, String what, HttpResponse<String> r, int status) {
		if (r.statusCode() != status) {
			problems.add(what + ": " + r.statusCode() + ", expected " + status);
		}
		else if (!r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
			problems.add(what + ": not problem+json");
		}
	}

	private String create(Role role, String collectorId) throws Exception {
		String body = JSON.writeValueAsString(java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(Map
			.of("name", "test-" + role, "role", role.name(), "collectorId", collectorId == null ? "" : collectorId))));
		HttpResponse<String> r = send("POST", "/v1/api-keys",
				body.replace("\"collectorId\":\"\"", "\"collectorId\":null"), TestKeys.ADMIN);
		assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
		return JSON.readTree(r.body()).get("key").asText();
	}

	HttpResponse<String> send(String method, String path, String body, String key)
			throws IOException, InterruptedException {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (body != null) {
			b.header("Content-Type", "application/json");
		}
		if (key != null) {
			b.header(TestKeys.HEADER, key);
		}
		return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
	}

}
