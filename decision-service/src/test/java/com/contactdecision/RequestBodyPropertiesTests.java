package com.contactdecision;

import com.contactdecision.support.TestKeys;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.contactdecision.support.TestDays;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Property-based (jqwik): a valid decision or event body with any of its fields replaced
 * by any JSON value (strings with control characters, surrogates and braces, numbers,
 * booleans, nulls, arrays, objects), or any JSON at all. Whatever the body, the answer is
 * 200, 202, 400, 409 or 503 with a body the OpenAPI document declares, never another
 * status, and an error changes nothing. Runs against the whole application on the
 * embedded stores.
 */
class RequestBodyPropertiesTests {

	private static final ObjectMapper JSON = com.contactdecision.json.Json.mapper();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final String AT = ContractIntegrationTests.local(TestDays.nextWednesday(), 10, 0, 0);

	private static final Set<Integer> ALLOWED = Set.of(200, 202, 400, 409, 503);

	private static final List<String> DECISION_FIELDS = List.of("requestId", "collectorId", "consumerId", "debtIds",
			"channel", "destination", "recipient", "dialMode", "purpose", "message", "inResponseTo", "consumer", "mode",
			"at");

	private static final List<String> EVENT_FIELDS = List.of("eventId", "decisionId", "collectorId", "consumerId",
			"debtIds", "channel", "direction", "destination", "recipient", "dialMode", "outcome", "inResponseTo", "at");

	private static ConfigurableApplicationContext app;

	private static int port;

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@BeforeContainer
	static void start() {
		// Arguments, not default properties: application.yml's server.port would win over
		// those.
		app = new SpringApplicationBuilder(Application.class).run("--server.port=0",
				"--rules.dir=" + System.getProperty("user.dir") + "/../rules", "--rules.watch=false",
				"--decisioning.redis-url=");
		port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
	}

	@AfterContainer
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	@Property(tries = 250)
	void anyDecisionBodyIsAnsweredWithADeclaredStatusAndAnErrorChangesNothing(
			@ForAll("decisionBodies") Mutation mutation) {
		String consumer = "c-" + UUID.randomUUID();
		ObjectNode body = JSON.createObjectNode();
		body.put("consumerId", consumer);
		body.putArray("debtIds").add("d-" + UUID.randomUUID());
		body.put("channel", "CALL");
		body.putObject("destination").put("phone", "+16145550100").put("type", "MOBILE");
		body.put("mode", "RESERVE");
		body.put("at", AT);
		String sent = mutation.apply(body);
		// A mutation may name a consumer an earlier try wrote to: compare its history, do
		// not expect none.
		JsonNode before = historyOfSentConsumer(sent);

		Answer a = post("/v1/decisions", sent);

		assertThat(a.status()).as("%s -> %s", sent, a.body()).isIn(ALLOWED);
		if (a.status() != 200) {
			assertThat(history(consumer)).as("an error records nothing: %s", sent).isEmpty();
			assertThat(historyOfSentConsumer(sent)).as("an error records nothing: %s", sent).isEqualTo(before);
		}
	}

	@Property(tries = 250)
	void anyEventBodyIsAnsweredWithADeclaredStatusAndAnErrorChangesNothing(@ForAll("eventBodies") Mutation mutation) {
		String consumer = "c-" + UUID.randomUUID();
		ObjectNode body = JSON.createObjectNode();
		body.put("eventId", "evt-" + UUID.randomUUID());
		body.put("consumerId", consumer);
		body.putArray("debtIds").add("d-1");
		body.put("channel", "CALL");
		body.putObject("destination").put("phone", "+16145550100");
		body.put("outcome", "NO_ANSWER");
		body.put("at", AT);
		String sent = mutation.apply(body);
		JsonNode before = historyOfSentConsumer(sent);

		Answer a = post("/v1/contact-events", sent);

		assertThat(a.status()).as("%s -> %s", sent, a.body()).isIn(ALLOWED);
		if (a.status() >= 400) {
			assertThat(history(consumer)).as("an error records nothing: %s", sent).isEmpty();
			assertThat(historyOfSentConsumer(sent)).as("an error records nothing: %s", sent).isEqualTo(before);
		}
	}

	@Provide
	Arbitrary<Mutation> decisionBodies() {
		return mutations(DECISION_FIELDS);
	}

	@Provide
	Arbitrary<Mutation> eventBodies() {
		return mutations(EVENT_FIELDS);
	}

	/**
	 * Replace one, two or three fields by any JSON value, or send any JSON value as the
	 * whole body.
	 */
	private static Arbitrary<Mutation> mutations(List<String> fields) {
		Arbitrary<Mutation> replace = Combinators
			.combine(Arbitraries.of(fields).list().ofMinSize(1).ofMaxSize(3), anyJson(3).list().ofSize(3))
			.as((names, values) -> body -> {
				for (int i = 0; i < names.size(); i++) {
					body.set(names.get(i), values.get(i));
				}
				return body.toString();
			});
		Arbitrary<Mutation> whole = anyJson(3).map(v -> body -> v.toString());
		Arbitrary<Mutation> raw = Arbitraries.strings().ofMaxLength(200).map(s -> body -> s);
		return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, replace), net.jqwik.api.Tuple.of(1, whole),
				net.jqwik.api.Tuple.of(1, raw));
	}

	private static Arbitrary<JsonNode> anyJson(int depth) {
		Arbitrary<JsonNode> scalar = Arbitraries.oneOf(hostileStrings().map(NODES::textNode),
				Arbitraries.integers().map(i -> (JsonNode) NODES.numberNode(i)),
				Arbitraries.doubles().map(d -> (JsonNode) NODES.numberNode(d)),
				Arbitraries.of(true, false).map(b -> (JsonNode) NODES.booleanNode(b)),
				Arbitraries.just((JsonNode) NODES.nullNode()),
				Arbitraries
					.of("CALL", "SMS", "CHECK", "RESERVE", "MOBILE", "CONVERSATION", "NOT_PLACED", AT, "+16145550100",
							"d-1", "")
					.map(NODES::textNode));
		if (depth == 0) {
			return scalar;
		}
		Arbitrary<JsonNode> array = anyJson(depth - 1).list().ofMaxSize(4).map(items -> {
			var a = NODES.arrayNode();
			items.forEach(a::add);
			return a;
		});
		Arbitrary<JsonNode> object = Combinators
			.combine(Arbitraries.of("phone", "email", "type", "text", "timeZone", "addresses", "x").list().ofMaxSize(3),
					anyJson(depth - 1).list().ofSize(3))
			.as((keys, values) -> {
				ObjectNode o = NODES.objectNode();
				for (int i = 0; i < keys.size(); i++) {
					o.set(keys.get(i), values.get(i));
				}
				return o;
			});
		return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, scalar), net.jqwik.api.Tuple.of(2, array),
				net.jqwik.api.Tuple.of(2, object));
	}

	private static Arbitrary<String> hostileStrings() {
		return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40),
				Arbitraries.strings()
					.withChars("}{:\r\n\u0000\ud800\udfff%?/ ")
					.ofMinLength(1)
					.ofMaxLength(8)
					.map(s -> "c-" + s),
				Arbitraries.strings().alpha().numeric().withChars("-_.:@+").ofMinLength(1).ofMaxLength(140));
	}

	interface Mutation {

		String apply(ObjectNode validBody);

	}

	record Answer(int status, String contentType, String body) {
	}

	private static Answer post(String path, String body) {
		HttpRequest request = TestKeys.admin(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)))
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build();
		Answer a = send(request);
		OpenApiContract.check(port, "POST", path, a.status(), a.contentType(), a.body());
		return a;
	}

	private static JsonNode history(String consumer) {
		Answer a = send(TestKeys
			.admin(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/consumers/"
					+ URLEncoder.encode(consumer, StandardCharsets.UTF_8) + "/history")))
			.timeout(Duration.ofSeconds(30))
			.build());
		assertThat(a.status()).as(a.body()).isEqualTo(200);
		return JSON.readTree(a.body()).get("events");
	}

	/** The history of the consumer the body names, when it names one the API accepts. */
	private static JsonNode historyOfSentConsumer(String sent) {
		try {
			JsonNode body = JSON.readTree(sent);
			JsonNode id = body == null ? null : body.get("consumerId");
			if (id != null && id.isString() && com.contactdecision.validation.Validation.isId(id.asString())) {
				return history(id.asString());
			}
		}
		catch (tools.jackson.core.JacksonException e) {
			// Not JSON: it named no consumer.
		}
		return NODES.arrayNode();
	}

	private static Answer send(HttpRequest request) {
		try {
			HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
			return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
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
