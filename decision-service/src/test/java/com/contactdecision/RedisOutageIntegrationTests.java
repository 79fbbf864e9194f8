package com.contactdecision;

import com.contactdecision.support.TestKeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.contactdecision.redis.RedisTestServer;

/**
 * The service on a redis-server of its own, which the test stops, freezes and brings back
 * while the application keeps running: decisions fail closed within the budget as an
 * outage (503 problem+json with Retry-After, whose body is still a DENY with
 * COUNTER_STORE_UNAVAILABLE; in a batch, such items and a 200 batch), events answer 503,
 * readiness goes DOWN, and the metrics count every refused answer; once Redis answers
 * again decisions ALLOW and readiness is UP, without restarting the application. The
 * Redis timeout is the production default; each answer is held to {@link #MAX_ANSWER} so
 * a slow CI machine does not make it flaky.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "rules.dir=${user.dir}/../rules", "rules.watch=false" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RedisOutageIntegrationTests {

	private static final ObjectMapper JSON = com.contactdecision.json.Json.mapper();

	/**
	 * Each answer while Redis is away: a decision fails at its first Redis call (the
	 * request claim, or the read), bounded by the default budget (500 ms), and the batch
	 * of two fails twice; the rest is margin for a busy CI machine.
	 */
	static final Duration MAX_ANSWER = Duration.ofSeconds(3);

	/** How long Redis may take to be usable again after it is back. */
	static final Duration RECOVERY = Duration.ofSeconds(15);

	static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	/** 10:00 in New York on a Wednesday a few days ahead. */
	static final String AT = LocalDate.now(NEW_YORK)
		.plusDays(2)
		.with(TemporalAdjusters.nextOrSame(DayOfWeek.WEDNESDAY))
		.atTime(10, 0)
		.atZone(NEW_YORK)
		.toOffsetDateTime()
		.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);

	static final String PREFIX = RedisTestServer.randomPrefix();

	static RedisTestServer redis;

	static synchronized RedisTestServer redis() {
		if (redis == null) {
			redis = RedisTestServer.startStandalone();
		}
		return redis;
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("decisioning.redis-url", () -> redis().url());
		registry.add("decisioning.redis-key-prefix", () -> PREFIX);
	}

	@AfterAll
	static synchronized void stopRedis() {
		if (redis != null) {
			redis.close();
			redis = null;
		}
	}

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	/** Refused answers the test received while Redis was away. */
	int refused;

	final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	/** Whatever a test did to the server, the next one starts with Redis answering. */
	@AfterEach
	void redisBack() {
		System.out.println(
				"[RedisOutageIntegrationTests] slowest answer while Redis was away: " + slowest.toMillis() + " ms");
		slowest = Duration.ZERO;
		redis().resume();
		redis().restart();
	}

	@Test
	void aStoppedRedisFailsClosedAndTheServiceRecoversWhenItIsBack() throws Exception {
		assertServing();

		redis().stop();
		assertFailsClosed("stopped");

		redis().restart();
		assertRecovers();
	}

	@Test
	void aFrozenRedisFailsClosedWithinTheBudgetAndTheServiceRecoversWhenItAnswers() throws Exception {
		assertServing();

		redis().pause();
		assertFailsClosed("frozen (SIGSTOP)");

		redis().resume();
		assertRecovers();
	}

	// ---------------------------------------------------------------------------------------------

	void assertServing() throws Exception {
		String consumer = "c-" + UUID.randomUUID();
		JsonNode d = decision(call(consumer, "RESERVE", "rq-" + UUID.randomUUID()));
		assertThat(d.get("outcome").asText()).as(d.toString()).isEqualTo("ALLOW");
		assertThat(d.get("reserved").asBoolean()).isTrue();
		assertThat(post("/v1/contact-events", event(consumer)).statusCode()).isEqualTo(202);
		assertThat(readiness()).isEqualTo("UP");
	}

	void assertFailsClosed(String how) throws Exception {
		double deniedBefore = count("decisions", "outcome", "DENY");
		double unavailableBefore = count("decision.reasons", "code", "COUNTER_STORE_UNAVAILABLE");
		refused = 0;
		String consumer = "c-" + UUID.randomUUID();
		// Every kind of decision request: reserve and check, with and without a
		// requestId, and a batch.
		for (int i = 0; i < 5; i++) {
			for (ObjectNode req : new ObjectNode[] { call(consumer, "RESERVE", null), call(consumer, "CHECK", null),
					call(consumer, "RESERVE", "rq-" + UUID.randomUUID()),
					call(consumer, "CHECK", "rq-" + UUID.randomUUID()) }) {
				HttpResponse<String> r = timed("decision while Redis is " + how, () -> post("/v1/decisions", req));
				assertThat(r.statusCode()).as("an outage is answered as one: %s", r.body()).isEqualTo(503);
				assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
				assertThat(r.headers().firstValue("Retry-After"))
					.hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
				assertFailClosed(JSON.readTree(r.body()));
			}
		}
		ObjectNode batch = JSON.createObjectNode();
		batch.putArray("requests")
			.add(call(consumer, "RESERVE", null))
			.add(call(consumer, "CHECK", "rq-" + UUID.randomUUID()));
		HttpResponse<String> b = timed("batch while Redis is " + how, () -> post("/v1/decisions:batch", batch));
		assertThat(b.statusCode()).as(b.body()).isEqualTo(200);
		JSON.readTree(b.body()).get("decisions").forEach(this::assertFailClosed);
		// Every refused answer is counted, the ones that failed before deciding (the
		// request claim) too.
		assertThat(count("decisions", "outcome", "DENY") - deniedBefore).isEqualTo(refused);
		assertThat(count("decision.reasons", "code", "COUNTER_STORE_UNAVAILABLE") - unavailableBefore)
			.isEqualTo(refused);
		assertThat(refused).isEqualTo(22);

		HttpResponse<String> e = timed("event while Redis is " + how,
				() -> post("/v1/contact-events", event(consumer)));
		assertThat(e.statusCode()).as("an event cannot be recorded: %s", e.body()).isEqualTo(503);
		assertThat(e.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
		assertThat(e.headers().firstValue("Retry-After")).isPresent();

		assertThat(timed("readiness while Redis is " + how, this::readiness)).isEqualTo("DOWN");
	}

	/**
	 * The body of a fail-closed answer: a 503 problem that is still a DENY a client can
	 * read.
	 */
	void assertFailClosed(JsonNode d) {
		refused++;
		assertThat(d.get("status").asInt()).as(d.toString()).isEqualTo(503);
		assertThat(d.get("type").asText()).as(d.toString()).endsWith("/store-unavailable");
		assertThat(d.get("decisionId").asText()).isNotBlank();
		assertThat(d.get("outcome").asText()).as(d.toString()).isEqualTo("DENY");
		assertThat(d.get("reasons").findValuesAsString("code")).as(d.toString())
			.containsExactly("COUNTER_STORE_UNAVAILABLE");
		assertThat(d.get("reserved").asBoolean()).isFalse();
		assertThat(d.get("nextEligibleAt").isNull()).as("time alone does not bring Redis back: %s", d).isTrue();
	}

	/**
	 * Redis is back (empty): without restarting the application, decisions ALLOW and
	 * readiness is UP.
	 */
	void assertRecovers() throws Exception {
		String consumer = "c-" + UUID.randomUUID();
		long deadline = System.nanoTime() + RECOVERY.toNanos();
		JsonNode d;
		while (true) {
			d = decision(call(consumer, "RESERVE", "rq-" + UUID.randomUUID()));
			if (d.get("outcome").asText().equals("ALLOW") || System.nanoTime() > deadline) {
				break;
			}
			Thread.sleep(50);
		}
		assertThat(d.get("outcome").asText()).as("a decision %s after Redis came back: %s", RECOVERY, d)
			.isEqualTo("ALLOW");
		assertThat(d.get("reserved").asBoolean()).isTrue();
		assertThat(post("/v1/contact-events", event(consumer)).statusCode()).isEqualTo(202);
		assertThat(readiness()).isEqualTo("UP");
		// And the retry of a request that failed closed is decided afresh, not answered
		// from memory.
		ObjectNode retried = call(consumer, "CHECK", "rq-" + UUID.randomUUID());
		assertThat(decision(retried).get("outcome").asText()).isEqualTo("ALLOW");
	}

	interface Call<T> {

		T call() throws Exception;

	}

	/** The slowest answer while Redis was away, reported after each test. */
	static volatile Duration slowest = Duration.ZERO;

	static <T> T timed(String what, Call<T> call) throws Exception {
		long started = System.nanoTime();
		T result = call.call();
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		slowest = took.compareTo(slowest) > 0 ? took : slowest;
		assertThat(took).as("%s took %s ms", what, took.toMillis()).isLessThan(MAX_ANSWER);
		return result;
	}

	/**
	 * A decision while Redis answers, or any answer during recovery (503 until Redis is
	 * usable).
	 */
	JsonNode decision(JsonNode request) throws Exception {
		HttpResponse<String> r = post("/v1/decisions", request);
		assertThat(r.statusCode()).as("a decision: %s", r.body()).isIn(200, 503);
		return JSON.readTree(r.body());
	}

	double count(String meter, String tag, String value) {
		return meters.find(meter).tag(tag, value).counters().stream().mapToDouble(c -> c.count()).sum();
	}

	String readiness() throws Exception {
		HttpResponse<String> r = http.send(
				HttpRequest.newBuilder(uri("/actuator/health/readiness")).timeout(Duration.ofSeconds(10)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		String status = JSON.readTree(r.body()).get("status").asText();
		assertThat(r.statusCode()).as("readiness %s: %s", status, r.body()).isEqualTo(status.equals("UP") ? 200 : 503);
		return status;
	}

	HttpResponse<String> post(String path, JsonNode body) throws Exception {
		return http.send(TestKeys.admin(HttpRequest.newBuilder(uri(path)))
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.ofString(body.toString()))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	static ObjectNode call(String consumerId, String mode, String requestId) {
		ObjectNode req = JSON.createObjectNode()
			.put("consumerId", consumerId)
			.put("channel", "CALL")
			.put("dialMode", "MANUAL")
			.put("mode", mode)
			.put("at", AT);
		if (requestId != null) {
			req.put("requestId", requestId);
		}
		req.putArray("debtIds").add("d-" + consumerId);
		req.putObject("destination").put("phone", "+16145550100").put("type", "MOBILE");
		return req;
	}

	static ObjectNode event(String consumerId) {
		ObjectNode e = JSON.createObjectNode()
			.put("eventId", "evt-" + UUID.randomUUID())
			.put("consumerId", consumerId)
			.put("channel", "CALL")
			.put("outcome", "NO_ANSWER")
			.put("at", AT);
		e.putArray("debtIds").add("d-" + consumerId);
		e.putObject("destination").put("phone", "+16145550100");
		return e;
	}

}
