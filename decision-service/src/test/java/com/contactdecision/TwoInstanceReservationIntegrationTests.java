package com.contactdecision;

import com.contactdecision.support.TestKeys;

import com.contactdecision.support.Concurrently;
import com.contactdecision.support.TestDays;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.contactdecision.redis.RedisTestServer;

/**
 * Two instances of the service (two application contexts on random ports) sharing one
 * Redis and one key prefix, as two pods behind a load balancer: concurrent RESERVE
 * requests spread over both can never push a debt past the federal call cap, and a
 * retried requestId or eventId sent to both counts once.
 */
class TwoInstanceReservationIntegrationTests {

	private static final ObjectMapper JSON = com.contactdecision.json.Json.mapper();

	static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	/**
	 * A Wednesday a few days ahead (near now, so no retention ever trims what is
	 * reserved), whose following Wednesday is no fixed-date holiday either.
	 */
	static final LocalDate DAY = TestDays.nextWednesday();

	/** 10:00 in Columbus, Ohio (614, America/New_York): inside 08:00-21:00 local. */
	static final String AT = DAY.atTime(10, 0)
		.atZone(NEW_YORK)
		.toOffsetDateTime()
		.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);

	/**
	 * Seven calls on DAY fill the 7-day windows (local calendar days, the call's own day
	 * included) that end on DAY .. DAY+6; the window ending on DAY+7 no longer holds
	 * them, so the next call is eligible at 08:00 local that day.
	 */
	static final Instant WINDOW_CLEARS = DAY.plusDays(7).atTime(8, 0).atZone(NEW_YORK).toInstant();

	static final int REQUESTS = 64;

	static final int CAP = 7;

	static RedisTestServer redis;

	static ConfigurableApplicationContext first;

	static ConfigurableApplicationContext second;

	static List<String> bases;

	static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.executor(Executors.newFixedThreadPool(8))
		.build();

	@BeforeAll
	static void startTwoInstances() throws Exception {
		redis = RedisTestServer.shared();
		String prefix = RedisTestServer.randomPrefix();
		// The same directory as ../rules, given absolute so the test does not depend on
		// how a relative
		// Path binds
		// (ContractIntegrationTests#theRuleDirectoryMayBeGivenRelativeToTheWorkingDirectory
		// covers that).
		String rulesDir = Path.of("..", "rules").toAbsolutePath().normalize().toString();
		String[] args = { "--server.port=0", "--server.address=127.0.0.1", "--rules.dir=" + rulesDir,
				"--rules.watch=false", "--decisioning.redis-url=" + redis.url(),
				"--decisioning.redis-key-prefix=" + prefix,
				// This test is about atomicity, not latency: 128 decisions on a 2-core CI
				// machine must not
				// fail closed because one Redis reply took longer than the 50 ms
				// production budget
				// (RedisOutageIntegrationTests holds the budget).
				"--decisioning.redis-timeout=2s", "--spring.main.banner-mode=off",
				// Two pods share one audit database as they share one Redis: a retry on
				// one
				// reads the first call's decision there (RedisDecisionLog), whichever
				// instance's drain moved it off the stream.
				"--decisioning.audit.data-dir=target/test-data/two-instances-" + java.util.UUID.randomUUID() };
		// One after the other: two pods are two JVMs, and nothing here needs their
		// start-ups to race.
		first = new SpringApplicationBuilder(Application.class).run(args);
		second = new SpringApplicationBuilder(Application.class).run(args);
		bases = List.of(base(first), base(second));
		assertThat(bases.get(0)).isNotEqualTo(bases.get(1));
		// Warm both (rule sessions, connection pools) on another consumer, so the race
		// below is a race.
		for (String base : bases) {
			for (int i = 0; i < 3; i++) {
				ObjectNode warm = call("c-warm-" + UUID.randomUUID(), "d-warm", "CHECK");
				assertThat(decide(base, warm).get("outcome").asText()).isEqualTo("ALLOW");
			}
		}
	}

	@AfterAll
	static void stop() {
		for (ConfigurableApplicationContext c : new ConfigurableApplicationContext[] { first, second }) {
			if (c != null) {
				c.close();
			}
		}
	}

	@Test
	void sixtyFourConcurrentReservesOverTwoInstancesAllowExactlySevenCalls() throws Exception {
		String consumerId = "c-" + UUID.randomUUID();
		String debtId = "d-" + UUID.randomUUID();

		List<JsonNode> answers = Concurrently.run(REQUESTS, i -> {
			ObjectNode req = call(consumerId, debtId, "RESERVE");
			req.put("requestId", "rq-" + UUID.randomUUID());
			return decide(bases.get(i % 2), req);
		});

		List<JsonNode> allowed = answers.stream().filter(d -> d.get("outcome").asText().equals("ALLOW")).toList();
		List<JsonNode> denied = answers.stream().filter(d -> d.get("outcome").asText().equals("DENY")).toList();
		Map<String, Integer> reasons = new TreeMap<>();
		denied
			.forEach(d -> d.get("reasons").findValuesAsString("code").forEach(c -> reasons.merge(c, 1, Integer::sum)));
		assertThat(allowed).as("ALLOWs of %s; DENY reasons %s", REQUESTS, reasons).hasSize(CAP);
		assertThat(allowed).allSatisfy(d -> assertThat(d.get("reserved").asBoolean()).as(d.toString()).isTrue());
		assertThat(denied).hasSize(REQUESTS - CAP);
		assertThat(denied).allSatisfy(d -> {
			assertThat(d.get("reasons").findValuesAsString("code")).as(d.toString())
				.containsExactly("CALL_FREQUENCY_CAP");
			assertThat(d.get("reserved").asBoolean()).isFalse();
			assertThat(Instant.parse(d.get("nextEligibleAt").asText())).as(d.toString()).isEqualTo(WINDOW_CLEARS);
		});
		assertThat(answers.stream().map(d -> d.get("decisionId").asText()).distinct()).hasSize(REQUESTS);
		// Both instances served, and both see the same seven reservations.
		for (String base : bases) {
			List<JsonNode> history = history(base, consumerId);
			assertThat(history).as("history read through %s", base).hasSize(CAP);
			assertThat(history.stream().map(r -> r.get("decisionId").asText()))
				.containsExactlyInAnyOrderElementsOf(allowed.stream().map(d -> d.get("decisionId").asText()).toList());
		}
	}

	@Test
	void aRetriedRequestIdOrEventIdSentToBothInstancesCountsOnce() throws Exception {
		String consumerId = "c-" + UUID.randomUUID();
		String debtId = "d-" + UUID.randomUUID();
		ObjectNode req = call(consumerId, debtId, "RESERVE");
		req.put("requestId", "rq-" + UUID.randomUUID());

		List<JsonNode> answers = Concurrently.run(16, i -> decide(bases.get(i % 2), req));

		assertThat(answers.stream().map(d -> d.get("decisionId").asText()).distinct())
			.as("one decision for one requestId: %s", answers)
			.hasSize(1);
		assertThat(answers).allSatisfy(d -> {
			assertThat(d.get("outcome").asText()).isEqualTo("ALLOW");
			assertThat(d.get("reserved").asBoolean()).isTrue();
		});
		assertThat(history(bases.get(1), consumerId)).hasSize(1);

		ObjectNode event = JSON.createObjectNode()
			.put("eventId", "evt-" + UUID.randomUUID())
			.put("consumerId", consumerId)
			.put("channel", "CALL")
			.put("direction", "OUTBOUND")
			.put("dialMode", "MANUAL")
			.put("outcome", "NO_ANSWER")
			.put("at",
					DAY.atTime(11, 0)
						.atZone(NEW_YORK)
						.toOffsetDateTime()
						.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
		event.putArray("debtIds").add(debtId);
		event.putObject("destination").put("phone", "+16145550100");
		List<Integer> statuses = Concurrently.run(16,
				i -> post(bases.get(i % 2), "/v1/contact-events", event).statusCode());

		assertThat(statuses.stream().filter(s -> s == 202)).as("statuses %s", statuses).hasSize(1);
		assertThat(statuses.stream().filter(s -> s == 200)).as("statuses %s", statuses).hasSize(15);
		assertThat(history(bases.get(0), consumerId)).hasSize(2);
	}

	// ---------------------------------------------------------------------------------------------

	/** Runs n calls at once (released together), waiting at most 60 s for all. */
	/**
	 * A manual call to an Ohio mobile (614: America/New_York, also given as the
	 * consumer's zone).
	 */
	static ObjectNode call(String consumerId, String debtId, String mode) {
		ObjectNode req = JSON.createObjectNode()
			.put("consumerId", consumerId)
			.put("channel", "CALL")
			.put("recipient", "CONSUMER")
			.put("dialMode", "MANUAL")
			.put("purpose", "COLLECTION")
			.put("mode", mode)
			.put("at", AT);
		req.putArray("debtIds").add(debtId);
		req.putObject("destination").put("phone", "+16145550100").put("type", "MOBILE");
		req.putObject("consumer").put("timeZone", "America/New_York");
		return req;
	}

	static JsonNode decide(String base, JsonNode request) throws Exception {
		HttpResponse<String> r = post(base, "/v1/decisions", request);
		assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
		return JSON.readTree(r.body());
	}

	static HttpResponse<String> post(String base, String path, JsonNode body) throws Exception {
		HttpRequest request = TestKeys.admin(HttpRequest.newBuilder(URI.create(base + path)))
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(body.toString()))
			.build();
		return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
	}

	static List<JsonNode> history(String base, String consumerId) throws Exception {
		HttpRequest request = TestKeys
			.admin(HttpRequest.newBuilder(URI.create(base + "/v1/consumers/" + consumerId + "/history")))
			.timeout(Duration.ofSeconds(30))
			.GET()
			.build();
		HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
		List<JsonNode> events = new ArrayList<>();
		JSON.readTree(r.body()).get("events").forEach(events::add);
		return events;
	}

	static String base(ConfigurableApplicationContext context) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return "http://127.0.0.1:" + port;
	}

}
