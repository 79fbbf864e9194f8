package com.contactdecision;

import com.contactdecision.support.TestKeys;

import com.contactdecision.support.TestDays;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import com.contactdecision.rules.ActiveRules;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.contactdecision.audit.AuditTestDatabase;

/**
 * Walks shared/CONTRACT.md over HTTP against the whole application on a random port.
 * Abstract: one subclass per store (in memory, Redis). Every test uses fresh consumer,
 * debt, request and event ids and never assumes an empty store, so the Redis subclass can
 * share a server between runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		// Absolute: "../rules" alone does not bind to RulesProperties.dir (Path), see
		// theRuleDirectoryMayBeGivenRelativeToTheWorkingDirectory.
		// The per-decision log line is on here, so the log check below covers it too.
		properties = { "rules.dir=${user.dir}/../rules", "rules.watch=false", "logging.level.decisions=INFO" })
@AutoConfigureMetrics
@ExtendWith(OutputCaptureExtension.class)
abstract class ContractIntegrationTests {

	private static final ObjectMapper JSON = com.contactdecision.json.Json.mapper();

	static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	/**
	 * The day the tests decide for: a Wednesday a few days ahead that is no fixed-date
	 * holiday. Near now rather than a fixed date, so that history retention (counted from
	 * now or from the newest record) never trims what a test recorded.
	 */
	static final LocalDate DAY = TestDays.nextWednesday();

	/**
	 * 07:59 and 10:00 in Columbus, Ohio (America/New_York) on {@link #DAY}, with their
	 * offset.
	 */
	static final String AT_0759 = local(DAY, 7, 59, 0);

	static final String AT_1000 = local(DAY, 10, 0, 0);

	/**
	 * Former names, kept for subclasses: New York time on {@link #DAY} (EDT or EST,
	 * whichever applies).
	 */
	static final String AT_0759_EDT = AT_0759;

	static final String AT_1000_EDT = AT_1000;

	@LocalServerPort
	int port;

	/** A phone number (E.164 or North American formats) or an email address, in clear. */
	static final java.util.regex.Pattern PERSONAL = java.util.regex.Pattern.compile(
			"\\+[1-9]\\d{6,14}|\\(\\d{3}\\)\\s?\\d{3}-\\d{4}|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

	/**
	 * Nothing personal in any log line: everything the service logged while this suite
	 * ran (every request of the contract, with profiles, consents, inbound texts, erasure
	 * and failures) holds no phone number or email address in clear. A probe line proves
	 * the masking layer is what logged.
	 */
	@AfterAll
	static void nothingTheSuiteMadeTheServiceLogNamesANumberOrAnAddress(CapturedOutput output) {
		org.slf4j.LoggerFactory.getLogger(ContractIntegrationTests.class)
			.warn("masking probe: +13125550100 probe.person@example.com 221B Baker Street");
		String logged = output.getAll();
		List<String> found = new ArrayList<>();
		java.util.regex.Matcher m = PERSONAL.matcher(logged);
		while (m.find()) {
			int start = Math.max(0, logged.lastIndexOf('\n', m.start()) + 1);
			int end = logged.indexOf('\n', m.end());
			found.add(logged.substring(start, end < 0 ? logged.length() : end));
		}
		assertThat(logged).as("the probe went through the masking layer")
			.contains("masking probe: +1********00 ***@example.com [street address]");
		assertThat(logged.lines().count()).as("lines logged").isGreaterThan(10);
		assertThat(found).as("log lines naming a number or an address").isEmpty();
	}

	RestClient http;

	/** Fresh per test. */
	String consumerId;

	String debtId;

	String phone;

	@BeforeEach
	void client() {
		http = TestKeys.admin(RestClient.builder())
			.baseUrl("http://localhost:" + port)
			.requestFactory(new JdkClientHttpRequestFactory(
					HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()))
			.build();
		consumerId = unique("c");
		debtId = unique("d");
		phone = randomOhioMobile();
	}

	// ---------------------------------------------------------------------------------------------
	// 1. Decisions
	// ---------------------------------------------------------------------------------------------

	@Test
	void aDecisionAnswersEveryContractField() {
		Answer a = post("/v1/decisions", call(AT_1000, "CHECK"));

		assertThat(a.status()).as(a.body()).isEqualTo(200);
		assertThat(a.contentType()).contains("application/json");
		JsonNode d = a.json();
		assertThat(d.has("decisionId") && d.has("outcome") && d.has("reasons") && d.has("obligations")
				&& d.has("nextEligibleAt") && d.has("timeZones") && d.has("reserved") && d.has("ruleSetVersion")
				&& d.has("at"))
			.as("every field of CONTRACT section 1 in %s", d)
			.isTrue();
		assertThat(d.get("decisionId").asText()).isNotBlank();
		assertThat(d.get("outcome").asText()).isIn("ALLOW", "DENY");
		assertThat(d.get("reasons").isArray()).isTrue();
		assertThat(d.get("obligations").isArray()).isTrue();
		assertThat(d.get("timeZones").isArray()).isTrue();
		assertThat(d.get("reserved").isBoolean()).isTrue();
		assertThat(Instant.parse(d.get("at").asText())).isEqualTo(Instant.parse(AT_1000));
	}

	@Test
	void aManualCallAt1000LocalIsAllowedAndCheckRecordsNothing() {
		JsonNode d = post("/v1/decisions", call(AT_1000, "CHECK")).ok();

		assertThat(d.get("outcome").asText()).as(d.toString()).isEqualTo("ALLOW");
		assertThat(d.get("reasons")).isEmpty();
		assertThat(d.get("reserved").asBoolean()).isFalse();
		assertThat(Instant.parse(d.get("nextEligibleAt").asText())).isEqualTo(Instant.parse(AT_1000));
		assertThat(history(consumerId, Map.of())).isEmpty();
	}

	@Test
	void reserveOfAnAllowRecordsTheAttemptInTheHistory() {
		JsonNode d = post("/v1/decisions", call(AT_1000, "RESERVE")).ok();

		assertThat(d.get("outcome").asText()).as(d.toString()).isEqualTo("ALLOW");
		assertThat(d.get("reserved").asBoolean()).isTrue();
		List<JsonNode> history = history(consumerId, Map.of());
		assertThat(history).hasSize(1);
		JsonNode r = history.get(0);
		assertThat(r.get("decisionId").asText()).isEqualTo(d.get("decisionId").asText());
		assertThat(r.get("channel").asText()).isEqualTo("CALL");
		assertThat(r.get("debtIds")).extracting(JsonNode::asText).containsExactly(debtId);
		assertThat(r.get("outcome").isNull()).as("an unsettled reservation has no outcome yet: %s", r).isTrue();
		assertThat(Instant.parse(r.get("at").asText())).isEqualTo(Instant.parse(AT_1000));
	}

	@Test
	void aDenyIsNeverReserved() {
		JsonNode d = post("/v1/decisions", call(AT_0759, "RESERVE")).ok();

		assertThat(d.get("outcome").asText()).isEqualTo("DENY");
		assertThat(d.get("reserved").asBoolean()).isFalse();
		assertThat(history(consumerId, Map.of())).isEmpty();
	}

	@Test
	void aCallAt0759LocalIsAnInconvenientTimeEligibleAt0800Local() {
		JsonNode d = post("/v1/decisions", call(AT_0759, "CHECK")).ok();

		assertThat(d.get("outcome").asText()).isEqualTo("DENY");
		assertThat(codes(d)).contains("INCONVENIENT_TIME");
		assertThat(d.get("reasons")).allSatisfy(r -> {
			assertThat(r.get("code").asText()).isNotBlank();
			assertThat(r.get("rule").asText()).isNotBlank();
			assertThat(r.get("message").asText()).isNotBlank();
			assertThat(r.get("citation").asText()).isNotBlank();
		});
		assertThat(Instant.parse(d.get("nextEligibleAt").asText()))
			.isEqualTo(DAY.atTime(8, 0).atZone(NEW_YORK).toInstant());
		assertThat(texts(d.get("timeZones"))).contains("America/New_York");
	}

	@Test
	void aPacificNumberAndAnEasternAddressMustBothBeConvenient() {
		JsonNode d = post("/v1/decisions", body("call-pacific-number-eastern-address.json")).ok();

		assertThat(texts(d.get("timeZones"))).contains("America/Los_Angeles", "America/New_York");
		// 08:30 in New York is 05:30 in San Francisco: eligible at 08:00 in San
		// Francisco.
		assertThat(d.get("outcome").asText()).isEqualTo("DENY");
		assertThat(codes(d)).contains("INCONVENIENT_TIME");
		assertThat(Instant.parse(d.get("nextEligibleAt").asText()))
			.isEqualTo(DAY.atTime(8, 0).atZone(ZoneId.of("America/Los_Angeles")).toInstant());
	}

	@Test
	void theSameRequestIdAnswersTheSameDecisionAndCountsOnce() {
		ObjectNode req = call(AT_1000, "RESERVE");
		req.put("requestId", unique("rq"));

		JsonNode first = post("/v1/decisions", req).ok();
		JsonNode second = post("/v1/decisions", req).ok();

		assertThat(first.get("reserved").asBoolean()).as(first.toString()).isTrue();
		assertThat(second.get("decisionId").asText()).isEqualTo(first.get("decisionId").asText());
		assertThat(second).isEqualTo(first);
		assertThat(history(consumerId, Map.of())).hasSize(1);
	}

	@Test
	void aRequestIdReusedForAnotherConsumerIs409AndDecidesNothing() {
		String requestId = unique("call-id");
		ObjectNode first = call(AT_1000, "RESERVE");
		first.put("requestId", requestId);
		assertThat(post("/v1/decisions", first).ok().get("reserved").asBoolean()).isTrue();
		String other = unique("c");
		ObjectNode reused = call(AT_1000, "RESERVE");
		reused.put("requestId", requestId);
		reused.put("consumerId", other);

		Answer a = post("/v1/decisions", reused);

		assertThat(a.status()).as(a.body()).isEqualTo(409);
		assertThat(a.contentType()).contains("application/problem+json");
		assertThat(a.json().get("status").asInt()).isEqualTo(409);
		assertThat(a.json().get("errors").findValuesAsString("field")).containsExactly("requestId");
		assertThat(a.json().has("outcome")).as("nothing was decided: %s", a.body()).isFalse();
		assertThat(history(other, Map.of())).isEmpty();
		assertThat(history(consumerId, Map.of())).hasSize(1);
	}

	@Test
	void aRequestIdReusedWithAnotherModeIs409() {
		String requestId = unique("rq");
		ObjectNode check = call(AT_1000, "CHECK");
		check.put("requestId", requestId);
		post("/v1/decisions", check).ok();
		ObjectNode reserve = call(AT_1000, "RESERVE");
		reserve.put("requestId", requestId);

		assertThat(post("/v1/decisions", reserve).status()).isEqualTo(409);
		assertThat(history(consumerId, Map.of())).isEmpty();
	}

	@Test
	void aRequestIdOfAnotherCollectorIsAnotherRequest() {
		String collectorId = unique("col");
		assertThat(put("/v1/collectors/" + collectorId, body("collector.json")).status()).isEqualTo(201);
		String requestId = unique("call-id");
		ObjectNode forDefault = call(AT_1000, "RESERVE");
		forDefault.put("requestId", requestId);
		ObjectNode forCollector = call(AT_1000, "RESERVE");
		forCollector.put("requestId", requestId);
		forCollector.put("collectorId", collectorId);
		forCollector.put("consumerId", unique("c"));

		JsonNode a = post("/v1/decisions", forDefault).ok();
		JsonNode b = post("/v1/decisions", forCollector).ok();

		assertThat(b.get("decisionId").asText()).isNotEqualTo(a.get("decisionId").asText());
		assertThat(b.get("reserved").asBoolean()).isTrue();
	}

	@Test
	void concurrentCallsReusingOneRequestIdForTwoConsumersReserveOnceAndTheOtherIs409() throws Exception {
		String requestId = unique("call-id");
		String other = unique("c");

		List<Answer> answers = com.contactdecision.support.Concurrently.run(12, i -> {
			ObjectNode req = call(AT_1000, "RESERVE");
			req.put("requestId", requestId);
			if (i % 2 == 1) {
				req.put("consumerId", other);
			}
			return post("/v1/decisions", req);
		});

		List<Answer> decided = answers.stream().filter(a -> a.status() == 200).toList();
		assertThat(decided).as("every retry of the winning request: %s", answers).hasSize(6);
		assertThat(decided.stream().map(a -> a.json().get("decisionId").asText()).distinct()).hasSize(1);
		assertThat(answers).filteredOn(a -> a.status() == 409).hasSize(6);
		assertThat(history(consumerId, Map.of()).size() + history(other, Map.of()).size()).isEqualTo(1);
	}

	@Test
	void aBatchItemReusingARequestIdForAnotherRequestCarriesA409AndTheBatchIs200() {
		String requestId = unique("rq");
		ObjectNode first = call(AT_1000, "RESERVE");
		first.put("requestId", requestId);
		ObjectNode reused = call(AT_1000, "RESERVE");
		reused.put("requestId", requestId);
		reused.put("consumerId", unique("c"));
		ObjectNode batch = JSON.createObjectNode();
		batch.putArray("requests").add(first).add(reused).add(call(AT_1000, "CHECK"));

		JsonNode decisions = post("/v1/decisions:batch", batch).ok().get("decisions");

		assertThat(decisions).hasSize(3);
		assertThat(decisions.get(0).get("outcome").asText()).isEqualTo("ALLOW");
		assertThat(decisions.get(1).get("status").asInt()).as(decisions.get(1).toString()).isEqualTo(409);
		assertThat(decisions.get(1).get("errors").findValuesAsString("field")).containsExactly("requests[1].requestId");
		assertThat(decisions.get(2).get("outcome").asText()).as("the items after it are decided").isEqualTo("ALLOW");
	}

	@Test
	void enumValuesInAnyCaseAndEmptyOptionalStringsAreAccepted() {
		JsonNode d = post("/v1/decisions", body("call-free-text.json")).ok();

		assertThat(d.get("outcome").asText()).as(d.toString()).isEqualTo("ALLOW");
		assertThat(d.get("mode").asText()).isEqualTo("CHECK");
		assertThat(d.get("requestId").isNull()).as("an empty requestId is none: %s", d).isTrue();
		assertThat(d.get("reserved").asBoolean()).isFalse();
	}

	@Test
	void aBatchAnswersInOrderEachAsIfSentAlone() {
		JsonNode answer = post("/v1/decisions:batch", body("batch-mixed.json")).ok();

		JsonNode decisions = answer.get("decisions");
		assertThat(decisions).hasSize(3);
		assertThat(decisions.get(0).get("outcome").asText()).isEqualTo("ALLOW");
		assertThat(decisions.get(1).get("outcome").asText()).isEqualTo("DENY");
		assertThat(codes(decisions.get(1))).contains("INCONVENIENT_TIME");
		assertThat(decisions.get(2).get("outcome").asText()).as("letters are not time-gated").isEqualTo("ALLOW");
		assertThat(Instant.parse(decisions.get(1).get("at").asText())).isEqualTo(Instant.parse(AT_0759));
		assertThat(decisions.findValuesAsString("decisionId")).doesNotHaveDuplicates();
	}

	/**
	 * A batch is decided in chunks on several threads from pipelined reads, yet answers
	 * what the same requests sent one by one answer: two identical worlds (fresh
	 * consumers and debts), one decided in a batch, one item by item, compared item by
	 * item. The mix holds RESERVE items of one consumer past the 7-in-7 call cap with
	 * CHECKs between them (each must see the reservations before it), a retried request
	 * id, calls at 07:59, and more consumers than one chunk reads at once.
	 */
	@Test
	void aBatchAnswersWhatTheSameRequestsSentOneByOneAnswer() {
		List<ObjectNode> batched = mixedWorld();
		List<ObjectNode> alone = mixedWorld();
		ObjectNode batch = JSON.createObjectNode();
		batched.forEach(batch.putArray("requests")::add);

		JsonNode decisions = post("/v1/decisions:batch", batch).ok().get("decisions");
		List<JsonNode> oneByOne = new ArrayList<>();
		for (ObjectNode r : alone) {
			oneByOne.add(post("/v1/decisions", r).ok());
		}

		assertThat(decisions).hasSize(alone.size());
		List<JsonNode> inBatch = new ArrayList<>();
		decisions.forEach(inBatch::add);
		assertThat(comparable(inBatch)).isEqualTo(comparable(oneByOne));
		assertThat(comparable(inBatch)).as("the cap bit: some RESERVE was denied")
			.anyMatch(line -> line.contains("RESERVE DENY") && line.contains("CAP"));
		assertThat(comparable(inBatch)).as("some reservations were made").anyMatch(line -> line.contains("reserved"));
	}

	/**
	 * One world of the batch comparison, with its own consumers and debt: the same
	 * requests every call but for the ids.
	 */
	private List<ObjectNode> mixedWorld() {
		String capped = unique("c");
		String retried = unique("c");
		String debt = unique("d");
		List<ObjectNode> items = new ArrayList<>();
		java.util.function.BiFunction<String, String, ObjectNode> call = (consumer, mode) -> {
			ObjectNode r = call(AT_1000, mode);
			r.put("consumerId", consumer);
			r.putArray("debtIds").add(debt);
			return r;
		};
		for (int i = 0; i < 9; i++) {
			items.add(call.apply(capped, "RESERVE"));
			if (i % 3 == 2) {
				items.add(call.apply(capped, "CHECK"));
			}
		}
		String requestId = unique("rq");
		for (int i = 0; i < 2; i++) {
			ObjectNode r = call.apply(retried, "RESERVE");
			r.put("requestId", requestId);
			items.add(r);
			items.add(call.apply(retried, "CHECK").put("at", AT_0759));
		}
		for (int i = 0; i < 205; i++) {
			items.add(call.apply(unique("c"), "CHECK").put("at", i % 2 == 0 ? AT_1000 : AT_0759));
		}
		items.add(call.apply(capped, "CHECK"));
		return items;
	}

	/**
	 * What must not differ between a batch and single requests: all but the ids, with a
	 * decision id replaced by the first item that answered it.
	 */
	private static List<String> comparable(List<JsonNode> decisions) {
		Map<String, Integer> first = new HashMap<>();
		List<String> out = new ArrayList<>();
		for (int i = 0; i < decisions.size(); i++) {
			JsonNode d = decisions.get(i);
			Integer same = first.putIfAbsent(d.get("decisionId").asText(), i);
			out.add(d.get("mode").asText() + " " + d.get("outcome").asText() + " " + codes(d) + " "
					+ (d.get("reserved").asBoolean() ? "reserved" : "-") + " next=" + d.get("nextEligibleAt").asText()
					+ " at=" + Instant.parse(d.get("at").asText()) + " zones=" + d.get("timeZones") + " obligations="
					+ d.get("obligations").size() + " sameAs=" + (same == null ? i : same));
		}
		return out;
	}

	@Test
	void aBatchWithOneInvalidRequestIsRefusedWholeAndReservesNothing() {
		Answer a = post("/v1/decisions:batch", body("batch-second-invalid.json"));

		assertBadRequestNaming(a, "requests[1].consumerId");
		assertThat(history(consumerId, Map.of())).isEmpty();
	}

	@Test
	void aPastDecisionIsReturnedAsItWasAnswered() {
		JsonNode d = post("/v1/decisions", call(AT_0759, "CHECK")).ok();

		Answer found = get("/v1/decisions/" + d.get("decisionId").asText());

		assertThat(found.status()).isEqualTo(200);
		assertThat(found.json()).isEqualTo(d);
	}

	@Test
	void anUnknownDecisionIdIs404() {
		assertThat(get("/v1/decisions/dec-" + UUID.randomUUID()).status()).isEqualTo(404);
	}

	@Test
	void aRequestNamingAnUnknownCollectorIs400NamingCollectorId() {
		ObjectNode req = call(AT_1000, "CHECK");
		req.put("collectorId", unique("nobody"));

		assertBadRequestNaming(post("/v1/decisions", req), "collectorId");
	}

	@Test
	void aKnownCollectorIsUsed() {
		String collectorId = unique("col");
		assertThat(put("/v1/collectors/" + collectorId, body("collector.json")).status()).isEqualTo(201);
		ObjectNode req = call(AT_1000, "CHECK");
		req.put("collectorId", collectorId);

		JsonNode d = post("/v1/decisions", req).ok();

		assertThat(d.get("outcome").asText()).isEqualTo("ALLOW");
	}

	@Test
	void aStoredHoldDeniesWithNoNextEligibleInstant() {
		put("/v1/consumers/" + consumerId + "/profile", body("profile-bankruptcy-hold.json")).ok();

		JsonNode d = post("/v1/decisions", call(AT_1000, "RESERVE")).ok();

		assertThat(d.get("outcome").asText()).isEqualTo("DENY");
		assertThat(codes(d)).contains("LEGAL_HOLD");
		assertThat(d.get("nextEligibleAt").isNull()).as("time alone does not lift a hold: %s", d).isTrue();
		assertThat(d.get("reserved").asBoolean()).isFalse();
	}

	// ---------------------------------------------------------------------------------------------
	// 2. Contact events and history
	// ---------------------------------------------------------------------------------------------

	@Test
	void anEventIs202ThenAnIdempotent200() {
		JsonNode event = body("event.json");

		Answer first = post("/v1/contact-events", event);
		List<JsonNode> after = history(consumerId, Map.of());
		Answer repeat = post("/v1/contact-events", event);

		assertThat(first.status()).as(first.body()).isEqualTo(202);
		assertThat(repeat.status()).as(repeat.body()).isEqualTo(200);
		assertThat(after).hasSize(1);
		assertThat(after.get(0).get("outcome").asText()).isEqualTo("NO_ANSWER");
		assertThat(history(consumerId, Map.of())).isEqualTo(after);
	}

	@Test
	void aNotPlacedEventSettlesTheReservationOfItsDecision() {
		JsonNode d = post("/v1/decisions", call(AT_1000, "RESERVE")).ok();
		assertThat(d.get("reserved").asBoolean()).as(d.toString()).isTrue();
		String eventId = unique("e");

		Answer a = post("/v1/contact-events", body("event-settles-reservation.json",
				Map.of("decisionId", d.get("decisionId").asText(), "eventId", eventId)));

		assertThat(a.status()).as(a.body()).isEqualTo(202);
		List<JsonNode> history = history(consumerId, Map.of());
		assertThat(history).as("settled in place, not added: %s", history).hasSize(1);
		assertThat(history.get(0).get("decisionId").asText()).isEqualTo(d.get("decisionId").asText());
		assertThat(history.get(0).get("outcome").asText()).isEqualTo("NOT_PLACED");
		assertThat(history.get(0).get("eventId").asText()).isEqualTo(eventId);
	}

	@Test
	void anEventSettlesTheReservationByTheRequestIdOfItsDecision() {
		String requestId = unique("call-id");
		ObjectNode req = call(AT_1000, "RESERVE");
		req.put("requestId", requestId);
		JsonNode d = post("/v1/decisions", req).ok();
		String eventId = unique("e");

		Answer a = post("/v1/contact-events",
				body("event-settles-by-request-id.json", Map.of("requestId", requestId, "eventId", eventId)));

		assertThat(a.status()).as(a.body()).isEqualTo(202);
		List<JsonNode> history = history(consumerId, Map.of());
		assertThat(history).as("settled in place, not added: %s", history).hasSize(1);
		assertThat(history.get(0).get("decisionId").asText()).isEqualTo(d.get("decisionId").asText());
		assertThat(history.get(0).get("outcome").asText()).isEqualTo("NOT_PLACED");
		assertThat(history.get(0).get("requestId").asText()).isEqualTo(requestId);
		assertThat(history.get(0).get("unsettled").asBoolean()).isFalse();
	}

	@Test
	void aReservationNoEventSettledWithinFifteenMinutesIsListedAsUnsettled() {
		// Letters are not time-gated, so one can be reserved an hour ago whatever the
		// time of day.
		String anHourAgo = Instant.now().minus(Duration.ofHours(1)).toString();
		JsonNode old = post("/v1/decisions", body("letter.json", Map.of("at", anHourAgo))).ok();
		JsonNode fresh = post("/v1/decisions", call(AT_1000, "RESERVE")).ok();
		assertThat(old.get("reserved").asBoolean()).as(old.toString()).isTrue();
		assertThat(fresh.get("reserved").asBoolean()).as(fresh.toString()).isTrue();

		List<JsonNode> history = history(consumerId, Map.of());

		assertThat(history).hasSize(2);
		assertThat(history.get(0).get("decisionId").asText()).isEqualTo(old.get("decisionId").asText());
		assertThat(history.get(0).get("unsettled").asBoolean()).as(history.get(0).toString()).isTrue();
		assertThat(history.get(1).get("unsettled").asBoolean()).as(history.get(1).toString()).isFalse();
	}

	@Test
	void historyFiltersByDebtAndInstants() {
		String otherDebt = unique("d");
		String t1 = DAY.minusDays(9).atTime(12, 0).toInstant(ZoneOffset.UTC).toString();
		String t2 = DAY.minusDays(8).atTime(12, 0).toInstant(ZoneOffset.UTC).toString();
		String t3 = DAY.minusDays(7).atTime(12, 0).toInstant(ZoneOffset.UTC).toString();
		recordEvent(debtId, t1);
		recordEvent(otherDebt, t2);
		recordEvent(debtId, t3);

		assertThat(atOf(history(consumerId, Map.of()))).containsExactly(t1, t2, t3);
		assertThat(atOf(history(consumerId, Map.of("debtId", debtId)))).containsExactly(t1, t3);
		assertThat(atOf(history(consumerId, Map.of("from", t2)))).containsExactly(t2, t3);
		assertThat(atOf(history(consumerId, Map.of("to", t2)))).as("to is exclusive").containsExactly(t1);
		assertThat(atOf(history(consumerId,
				Map.of("from", Instant.parse(t1).plusSeconds(1).toString(), "to", t3, "debtId", otherDebt))))
			.containsExactly(t2);
		String t2InNewYork = Instant.parse(t2)
			.atZone(NEW_YORK)
			.toOffsetDateTime()
			.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
		assertThat(atOf(history(consumerId, Map.of("from", t2InNewYork)))).as("from=%s", t2InNewYork)
			.containsExactly(t2, t3);
	}

	/**
	 * A caller's typo in an event's year must not wipe what counts toward the caps: the
	 * history is trimmed by age, and a record dated 2099 must not make this week's
	 * records "old".
	 */
	@Test
	void aFutureDatedEventDoesNotEraseTheHistoryThatCounts() {
		JsonNode d = post("/v1/decisions", call(AT_1000, "RESERVE")).ok();
		assertThat(d.get("reserved").asBoolean()).as(d.toString()).isTrue();
		ObjectNode typo = body("event.json");
		typo.put("at", "2099-06-10T14:00:30Z");

		Answer a = post("/v1/contact-events", typo);

		assertThat(a.status()).as(a.body()).isIn(202, 400);
		assertThat(history(consumerId, Map.of("to", DAY.plusDays(1).atStartOfDay(NEW_YORK).toInstant().toString())))
			.as("the reservation of %s after an event dated 2099 (%s)", DAY, a.status())
			.extracting(r -> r.get("decisionId").asText())
			.contains(d.get("decisionId").asText());
	}

	@Test
	void aFarFutureReservationDoesNotEraseTheHistoryThatCounts() {
		JsonNode d = post("/v1/decisions", call(AT_1000, "RESERVE")).ok();
		assertThat(d.get("reserved").asBoolean()).as(d.toString()).isTrue();

		Answer later = post("/v1/decisions", call("2099-06-10T10:00:00-04:00", "RESERVE"));

		assertThat(later.status()).as(later.body()).isIn(200, 400);
		assertThat(history(consumerId, Map.of("to", DAY.plusDays(1).atStartOfDay(NEW_YORK).toInstant().toString())))
			.extracting(r -> r.get("decisionId").asText())
			.contains(d.get("decisionId").asText());
	}

	@Test
	void anEventAtAnInstantBeyondAnyCalendarDoesNotBreakLaterDecisions() {
		ObjectNode event = body("event.json");
		event.put("at", "+1000000000-12-31T23:59:59Z");
		post("/v1/contact-events", event);

		Answer d = post("/v1/decisions", call(AT_1000, "CHECK"));

		assertThat(d.status()).as(d.body()).isEqualTo(200);
	}

	@ParameterizedTest
	@CsvSource({ "+1000000000-12-31T23:59:59Z", "-1000000000-01-01T00:00:00Z" })
	void anEventAtAnInstantBeyondAnyCalendarIs400(String at) {
		ObjectNode event = body("event.json");
		event.put("at", at);

		assertBadRequestNaming(post("/v1/contact-events", event), "at");
	}

	@Test
	void aHistoryQueryWithABadInstantIs400NamingTheParameter() {
		Answer a = get("/v1/consumers/" + consumerId + "/history?from=yesterday");

		assertBadRequestNaming(a, "from");
	}

	// ---------------------------------------------------------------------------------------------
	// 3. Profiles, consents, inbound texts, debts, erasure
	// ---------------------------------------------------------------------------------------------

	@Test
	void aProfileIsCreatedThenReplacedAndRead() {
		Answer created = put("/v1/consumers/" + consumerId + "/profile", body("profile.json"));
		Answer replaced = put("/v1/consumers/" + consumerId + "/profile", body("profile.json"));
		Answer read = get("/v1/consumers/" + consumerId + "/profile");

		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(replaced.status()).isEqualTo(200);
		assertThat(read.status()).isEqualTo(200);
		JsonNode p = read.json();
		assertThat(p.get("jurisdiction").asText()).isEqualTo("US");
		assertThat(p.at("/phones/0/number").asText()).isEqualTo(phone);
		assertThat(p.at("/addresses/0/state").asText()).isEqualTo("OH");
		assertThat(p.at("/inconvenientTimes/0/from").asText()).isEqualTo("18:00");
		assertThat(p.get("workplaceContactProhibited").asBoolean()).isTrue();
	}

	@Test
	void anUnknownProfileIs404() {
		assertThat(get("/v1/consumers/" + consumerId + "/profile").status()).isEqualTo(404);
	}

	@Test
	void consentsAreAppendedNeverOverwritten() {
		Answer granted = post("/v1/consumers/" + consumerId + "/consents", body("consent-tcpa.json"));
		Answer revoked = post("/v1/consumers/" + consumerId + "/consents", body("consent-tcpa-revoked.json"));

		assertThat(granted.status()).as(granted.body()).isEqualTo(201);
		assertThat(granted.json().get("kind").asText()).isEqualTo("TCPA");
		assertThat(granted.json().get("action").asText()).isEqualTo("GRANTED");
		assertThat(revoked.status()).isEqualTo(201);
		JsonNode all = get("/v1/consumers/" + consumerId + "/consents").ok();
		assertThat(all.findValuesAsString("action")).containsExactly("GRANTED", "REVOKED");
	}

	@Test
	void anInboundStopOptsTheNumberOutOfTextsForEveryConsumerWhoHasIt() {
		String other = unique("c");
		put("/v1/consumers/" + consumerId + "/profile", body("profile.json")).ok();
		put("/v1/consumers/" + other + "/profile", body("profile.json")).ok();

		JsonNode answer = post("/v1/inbound/sms", body("inbound-stop.json")).ok();

		assertThat(answer.get("optOut").asBoolean()).as(answer.toString()).isTrue();
		assertThat(texts(answer.get("affectedConsumers"))).contains(consumerId, other);
		for (String c : List.of(consumerId, other)) {
			JsonNode p = get("/v1/consumers/" + c + "/profile").ok();
			assertThat(p.get("mediumOptOuts")).as("profile of %s: %s", c, p).anySatisfy(o -> {
				assertThat(o.get("channel").asText()).isEqualTo("SMS");
				assertThat(o.get("destination").asText()).isEqualTo(phone);
			});
			JsonNode consents = get("/v1/consumers/" + c + "/consents").ok();
			assertThat(consents).anySatisfy(k -> {
				assertThat(k.get("kind").asText()).isEqualTo("TCPA");
				assertThat(k.get("action").asText()).isEqualTo("REVOKED");
			});
		}
	}

	@Test
	void anInboundTextThatIsNoKeywordChangesNoProfile() {
		put("/v1/consumers/" + consumerId + "/profile", body("profile.json")).ok();

		JsonNode answer = post("/v1/inbound/sms", body("inbound-hello.json")).ok();

		assertThat(answer.get("optOut").asBoolean()).isFalse();
		assertThat(texts(answer.get("affectedConsumers"))).contains(consumerId);
		JsonNode p = get("/v1/consumers/" + consumerId + "/profile").ok();
		assertThat(p.get("mediumOptOuts")).noneSatisfy(o -> assertThat(o.get("channel").asText()).isEqualTo("SMS"));
	}

	@Test
	void anInboundReplyWithAKeywordAndPoliteWordsRevokesClearlyAndSaysWhy() {
		put("/v1/consumers/" + consumerId + "/profile", body("profile.json")).ok();

		JsonNode answer = post("/v1/inbound/sms", inbound("Please STOP texting me! 🙏")).ok();

		assertThat(answer.get("reading").asText()).as(answer.toString()).isEqualTo("REVOKED");
		assertThat(answer.get("optOut").asBoolean()).isTrue();
		assertThat(answer.get("keyword").asText()).isEqualTo("STOP");
		assertThat(texts(answer.get("matched"))).containsExactly("STOP");
		assertThat(texts(answer.get("rules"))).contains("en-per-se", "en-filler");
		assertThat(answer.get("clarifyBefore").isNull()).isTrue();
		assertThat(get("/v1/consumers/" + consumerId + "/consents").ok())
			.anySatisfy(k -> assertThat(k.get("source").asText()).isEqualTo("SMS_KEYWORD"));
	}

	@Test
	void anInboundReplyWithAKeywordInAnUnclearSentenceRevokesAndIsMarkedForReview() {
		put("/v1/consumers/" + consumerId + "/profile", body("profile.json")).ok();

		JsonNode answer = post("/v1/inbound/sms", inbound("I can't stop thinking about this bill, can we talk?")).ok();

		assertThat(answer.get("reading").asText()).as(answer.toString()).isEqualTo("REVOKED_NEEDS_REVIEW");
		assertThat(answer.get("optOut").asBoolean()).isTrue();
		assertThat(texts(answer.get("matched"))).containsExactly("STOP");
		assertThat(Instant.parse(answer.get("clarifyBefore").asText()))
			.isEqualTo(Instant.parse("2026-06-05T12:05:00Z"));
		assertThat(get("/v1/consumers/" + consumerId + "/consents").ok()).anySatisfy(k -> {
			assertThat(k.get("action").asText()).isEqualTo("REVOKED");
			assertThat(k.get("source").asText()).isEqualTo("SMS_REPLY_NEEDS_REVIEW");
		});
	}

	@Test
	void aReactionQuotingTheSendersReplyStopIsNotARevocation() {
		put("/v1/consumers/" + consumerId + "/profile", body("profile.json")).ok();

		JsonNode answer = post("/v1/inbound/sms", inbound("Emphasized “Reply STOP to opt out”")).ok();

		assertThat(answer.get("reading").asText()).as(answer.toString()).isEqualTo("NONE");
		assertThat(answer.get("optOut").asBoolean()).isFalse();
		assertThat(texts(answer.get("rules"))).containsExactly("en-reactions");
		JsonNode p = get("/v1/consumers/" + consumerId + "/profile").ok();
		assertThat(p.get("mediumOptOuts")).noneSatisfy(o -> assertThat(o.get("channel").asText()).isEqualTo("SMS"));
	}

	private JsonNode inbound(String text) {
		return JSON.createObjectNode()
			.put("from", phone)
			.put("to", "+13125550100")
			.put("text", text)
			.put("at", "2026-06-05T12:00:00Z");
	}

	@Test
	void aDebtIsCreatedReplacedAndRead() {
		Answer created = put("/v1/debts/" + debtId, body("debt.json"));
		Answer replaced = put("/v1/debts/" + debtId, body("debt.json"));
		Answer read = get("/v1/debts/" + debtId);

		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(replaced.status()).isEqualTo(200);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json().get("consumerId").asText()).isEqualTo(consumerId);
		assertThat(read.json().get("creditor").asText()).isEqualTo("Example Bank");
		assertThat(get("/v1/debts/" + unique("d")).status()).isEqualTo(404);
	}

	@Test
	void aCollectorIsCreatedAndRead() {
		String collectorId = unique("col");

		Answer created = put("/v1/collectors/" + collectorId, body("collector.json"));
		Answer read = get("/v1/collectors/" + collectorId);

		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json().get("legalName").asText()).isEqualTo("Northwind Recovery LLC");
		assertThat(read.json().get("type").asText()).isEqualTo("DEBT_COLLECTOR");
		assertThat(read.json().at("/licences/CA").asText()).isEqualTo("10000-99");
		assertThat(get("/v1/collectors/" + unique("col")).status()).isEqualTo(404);
	}

	@Test
	void erasingAConsumerRemovesTheProfile() {
		put("/v1/consumers/" + consumerId + "/profile", body("profile.json")).ok();

		Answer deleted = delete("/v1/consumers/" + consumerId);

		assertThat(deleted.status()).isEqualTo(204);
		assertThat(get("/v1/consumers/" + consumerId + "/profile").status()).isEqualTo(404);
	}

	@Test
	void erasureKeepsTheHistoryButNotThePhoneNumber() {
		recordEvent(debtId, DAY.minusDays(9).atTime(12, 0).toInstant(ZoneOffset.UTC).toString());

		assertThat(delete("/v1/consumers/" + consumerId).status()).isEqualTo(204);

		List<JsonNode> history = history(consumerId, Map.of());
		assertThat(history).hasSize(1);
		assertThat(history.get(0).toString()).doesNotContain("+16145550100");
	}

	/**
	 * Erasure must not re-open contact: the cease, the attorney, the opt-outs and the
	 * revocation that refused these contacts before erasure refuse them after it, for the
	 * same reasons, and the kept decisions no longer name the number or the address.
	 */
	@Test
	void aContactRefusedBeforeErasureStaysRefusedForTheSameReasonsAfterIt() {
		Map<String, String> vars = erasureVars();
		put("/v1/consumers/" + consumerId + "/profile", body("profile-with-suppressions.json", vars)).ok();
		post("/v1/consumers/" + consumerId + "/consents", body("consent-tcpa-revoked.json")).ok();
		List<ObjectNode> asks = erasureAsks(vars.get("email"));
		List<JsonNode> before = asks.stream().map(a -> post("/v1/decisions", a).ok()).toList();

		assertThat(delete("/v1/consumers/" + consumerId).status()).isEqualTo(204);
		List<JsonNode> after = asks.stream().map(a -> post("/v1/decisions", a).ok()).toList();

		assertThat(codes(before.get(0))).as("call before erasure: %s", before.get(0))
			.contains("MEDIUM_OPT_OUT", "ATTORNEY_REPRESENTED", "CEASE_COMMUNICATION");
		assertThat(codes(before.get(1))).as("email before erasure").contains("MEDIUM_OPT_OUT");
		assertThat(codes(before.get(2))).as("text before erasure").contains("TCPA_CONSENT_REVOKED");
		for (int i = 0; i < asks.size(); i++) {
			assertThat(after.get(i).get("outcome").asText()).as(after.get(i).toString()).isEqualTo("DENY");
			// At least the same reasons: with the addresses gone the zone is unknown,
			// which may add hours.
			assertThat(codes(after.get(i))).as("%s after erasure", asks.get(i).get("channel"))
				.containsAll(codes(before.get(i)));
		}
		assertThat(get("/v1/consumers/" + consumerId + "/profile").status()).isEqualTo(404);
		for (JsonNode d : before) {
			assertThat(get("/v1/decisions/" + d.get("decisionId").asText()).ok().toString())
				.as("a decision kept after erasure")
				.doesNotContain(phone)
				.doesNotContain(vars.get("email"))
				.doesNotContain(vars.get("attorneyPhone"));
		}
	}

	/** A fresh email address and attorney number for an erasure test. */
	Map<String, String> erasureVars() {
		return Map.of("email", unique("pat").substring(0, 16) + "@example.com", "attorneyPhone", randomOhioMobile());
	}

	/**
	 * A call, an email and an autodialed text to the numbers and address of erasureVars.
	 */
	List<ObjectNode> erasureAsks(String email) {
		ObjectNode call = call(AT_1000, "CHECK");
		call.putObject("destination").put("phone", phone).put("type", "MOBILE");
		ObjectNode mail = call(AT_1000, "CHECK");
		mail.put("channel", "EMAIL");
		mail.putObject("destination").put("email", email);
		ObjectNode text = call(AT_1000, "CHECK");
		text.put("channel", "SMS");
		text.put("dialMode", "AUTODIALED");
		text.putObject("destination").put("phone", phone).put("type", "MOBILE");
		return List.of(call, mail, text);
	}

	// ---------------------------------------------------------------------------------------------
	// 4. Rules
	// ---------------------------------------------------------------------------------------------

	@Test
	void theActiveRuleSetIsDescribedByContentHashes() {
		JsonNode rules = get("/v1/rules").ok();

		assertThat(rules.get("version").asText()).startsWith("sha256:");
		assertThat(Instant.parse(rules.get("loadedAt").asText())).isBeforeOrEqualTo(Instant.now());
		assertThat(rules.get("files")).isNotEmpty().allSatisfy(f -> {
			assertThat(f.get("path").asText()).isNotBlank();
			assertThat(f.get("sha256").asText()).startsWith("sha256:");
		});
		assertThat(rules.get("files").findValuesAsString("path")).contains("hours/permitted-hours.drl");
	}

	@Test
	void theRuleSetListsTheChangesOfLawAhead() {
		JsonNode changes = get("/v1/rules").ok().get("upcomingChanges");
		Instant revokeAll = Instant.parse("2027-01-31T00:00:00Z");

		assertThat(changes).isNotNull();
		if (Instant.now().isBefore(revokeAll)) {
			assertThat(changes).anySatisfy(c -> {
				assertThat(c.get("id").asText()).isEqualTo("tcpa-revoke-all");
				assertThat(c.get("kind").asText()).isEqualTo("IN_FORCE");
				assertThat(Instant.parse(c.get("at").asText())).isEqualTo(revokeAll);
				assertThat(c.get("file").asText()).isEqualTo("consent/tcpa-revocation-scopes.csv");
			});
		}
		assertThat(changes).allSatisfy(c -> assertThat(Instant.parse(c.get("at").asText())).isAfter(Instant.now()));
	}

	@Test
	void reloadingAnUnchangedDirectoryKeepsTheVersion() {
		String before = get("/v1/rules").ok().get("version").asText();

		Answer reload = post("/v1/rules:reload", JSON.createObjectNode());

		assertThat(reload.status()).as(reload.body()).isEqualTo(200);
		assertThat(reload.json().get("version").asText()).isEqualTo(before);
		assertThat(reload.json().get("lastError").isNull()).isTrue();
	}

	@Test
	void aDecisionNamesTheActiveRuleSetVersion() {
		String version = get("/v1/rules").ok().get("version").asText();

		JsonNode d = post("/v1/decisions", call(AT_1000, "CHECK")).ok();

		assertThat(d.get("ruleSetVersion").asText()).isEqualTo(version);
	}

	/**
	 * RULES_DIR / --rules.dir is documented as a directory; a relative one such as
	 * ../rules must start the service (tests, docker-compose and officers' local runs
	 * give it relative to the working directory).
	 */
	@Test
	void theRuleDirectoryMayBeGivenRelativeToTheWorkingDirectory() {
		String version = get("/v1/rules").ok().get("version").asText();
		try (ConfigurableApplicationContext other = new SpringApplicationBuilder(Application.class)
			.run("--rules.dir=../rules", "--rules.watch=false", "--server.port=0", "--decisioning.redis-url=")) {
			ActiveRules rules = other.getBean(ActiveRules.class);
			assertThat(rules.current()).hasValueSatisfying(r -> assertThat(r.version()).isEqualTo(version));
		}
	}

	// ---------------------------------------------------------------------------------------------
	// 6. Operations
	// ---------------------------------------------------------------------------------------------

	@Test
	void healthIsUpWithTheRulesComponent() {
		JsonNode health = get("/actuator/health").ok();

		assertThat(health.get("status").asText()).isEqualTo("UP");
		assertThat(health.at("/components/rules/status").asText()).isEqualTo("UP");
		assertThat(health.at("/components/rules/details/version").asText()).startsWith("sha256:");
		assertThat(get("/actuator/health/readiness").ok().get("status").asText()).isEqualTo("UP");
	}

	@Test
	void prometheusCountsDecisionsAndTheirLatency() {
		post("/v1/decisions", call(AT_0759, "CHECK")).ok();

		Answer metrics = get("/actuator/prometheus");

		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("decisions_total").contains("decision_latency");
		assertThat(metrics.body()).containsPattern("decisions_total\\{[^}]*outcome=\"DENY\"");
	}

	@Test
	void theOpenApiDescriptionNamesTheEndpoints() {
		Answer docs = get("/v3/api-docs");

		assertThat(docs.status()).isEqualTo(200);
		JsonNode paths = docs.json().get("paths");
		assertThat(paths.has("/v1/decisions")).isTrue();
		assertThat(paths.has("/v1/decisions:batch")).isTrue();
		assertThat(paths.has("/v1/contact-events")).isTrue();
		assertThat(paths.has("/v1/rules")).isTrue();
		assertThat(paths.has("/v1/rules:reload")).isTrue();
		assertThat(paths.has("/v1/consumers/{consumerId}/profile")).isTrue();
	}

	// ---------------------------------------------------------------------------------------------
	// 5. Bad input: always 400 problem+json naming the field, never 500
	// ---------------------------------------------------------------------------------------------

	@ParameterizedTest(name = "{0} -> 400 naming {1}")
	@CsvSource({ "malformed.json, body", "body-is-an-array.json, body", "debt-ids-not-an-array.json, debtIds",
			"consumer-id-an-object.json, consumerId", "unknown-channel.json, channel",
			"unknown-line-type.json, destination.type", "unknown-mode.json, mode",
			"unknown-channel-lower-case.json, channel", "empty-consumer-id.json, consumerId",
			"empty-channel.json, channel", "missing-consumer-id.json, consumerId", "missing-channel.json, channel",
			"missing-debt-ids-for-collection.json, debtIds",
			"missing-destination-phone-for-call.json, destination.phone", "invalid-e164.json, destination.phone",
			"zone-mars.json, consumer.timeZone", "zone-offset.json, consumer.timeZone", "at-without-offset.json, at",
			"at-not-an-instant.json, at", "at-beyond-any-calendar.json, at", "at-before-any-calendar.json, at" })
	void aBadDecisionRequestIs400NamingTheField(String file, String field) {
		Answer a = postRaw("/v1/decisions", raw("bad/" + file), "application/json");

		assertBadRequestNaming(a, field);
	}

	@ParameterizedTest(name = "{0} -> 400 naming {1}")
	@CsvSource({ "malformed.json, body", "unknown-channel.json, requests[0].channel",
			"missing-consumer-id.json, requests[0].consumerId", "invalid-e164.json, requests[0].destination.phone",
			"zone-mars.json, requests[0].consumer.timeZone", "at-without-offset.json, requests[0].at" })
	void aBadRequestInABatchIs400NamingItsIndex(String file, String field) {
		String batch = "{\"requests\": [" + raw("bad/" + file) + "]}";

		assertBadRequestNaming(postRaw("/v1/decisions:batch", batch, "application/json"), field);
	}

	@Test
	void anEmptyBodyIs400() {
		assertBadRequestNaming(postRaw("/v1/decisions", "", "application/json"), "body");
	}

	@Test
	void aJsonNullBodyIs400() {
		assertBadRequestNaming(postRaw("/v1/decisions", "null", "application/json"), "body");
		assertBadRequestNaming(postRaw("/v1/decisions:batch", "null", "application/json"), "body");
	}

	@Test
	void aBatchWithoutRequestsIs400NamingRequests() {
		assertBadRequestNaming(postRaw("/v1/decisions:batch", "{}", "application/json"), "requests");
	}

	@Test
	void nestingDeeperThanTheParserAllowsIs400() {
		String deep = "[".repeat(5000) + "]".repeat(5000);
		String body = "{\"consumerId\":\"" + consumerId + "\",\"channel\":\"LETTER\",\"purpose\":\"TRANSACTIONAL\","
				+ "\"ignored\":" + deep + "}";

		assertBadRequestNaming(postRaw("/v1/decisions", body, "application/json"), "body");
	}

	@Test
	void aNumberLongerThanTheParserAllowsIs400() {
		String body = "{\"consumerId\":\"" + consumerId + "\",\"channel\":\"LETTER\",\"purpose\":\"TRANSACTIONAL\","
				+ "\"ignored\":" + "9".repeat(5000) + "}";

		assertBadRequestNaming(postRaw("/v1/decisions", body, "application/json"), "body");
	}

	@Test
	void aBodyOverOneMebibyteWithContentLengthIs400() {
		String body = oversizedDecisionRequest();

		Answer a = postRaw("/v1/decisions", body, "application/json");

		assertBadRequestNaming(a, "body");
	}

	@Test
	void aChunkedBodyOverOneMebibyteIs400() throws Exception {
		byte[] body = oversizedDecisionRequest().getBytes(StandardCharsets.UTF_8);
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		// No length known up front: the JDK client sends Transfer-Encoding: chunked.
		HttpRequest request = TestKeys
			.admin(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/decisions")))
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
			.build();

		HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

		assertBadRequestNaming(new Answer(response.statusCode(),
				response.headers().firstValue("Content-Type").orElse(""), response.body()), "body");
	}

	@Test
	void aBatchOfMoreThan10000RequestsIs400NamingRequests() {
		StringBuilder sb = new StringBuilder("{\"requests\":[");
		for (int i = 0; i < 10_001; i++) {
			sb.append(i == 0 ? "" : ",")
				.append("{\"consumerId\":\"")
				.append(consumerId)
				.append("\",\"channel\":\"LETTER\",\"purpose\":\"TRANSACTIONAL\",\"mode\":\"CHECK\"}");
		}
		sb.append("]}");

		assertBadRequestNaming(postRaw("/v1/decisions:batch", sb.toString(), "application/json"), "requests");
	}

	@ParameterizedTest(name = "{0} -> 400 naming {1}")
	@CsvSource({ "profile-bad-phone.json, phones[0].number", "profile-bad-time-of-day.json, inconvenientTimes[0].from",
			"profile-bad-zone.json, timeZone" })
	void aBadProfileIs400NamingTheField(String file, String field) {
		assertBadRequestNaming(put("/v1/consumers/" + consumerId + "/profile", body(file)), field);
		assertThat(get("/v1/consumers/" + consumerId + "/profile").status()).as("nothing stored").isEqualTo(404);
	}

	@Test
	void aProfileWithAnUnknownHoldTypeIs400() {
		String body = "{\"holds\":[{\"type\":\"ABDUCTED_BY_ALIENS\"}]}";

		assertBadRequestNaming(putRaw("/v1/consumers/" + consumerId + "/profile", body), "holds[0].type");
	}

	@Test
	void anEventWithoutEventIdIs400() {
		assertBadRequestNaming(post("/v1/contact-events", body("event-without-event-id.json")), "eventId");
	}

	@Test
	void anEventWithAnUnknownOutcomeIs400() {
		assertBadRequestNaming(post("/v1/contact-events", body("event-bad-outcome.json")), "outcome");
	}

	@Test
	void aConsentOfAnUnknownKindIs400() {
		assertBadRequestNaming(post("/v1/consumers/" + consumerId + "/consents", body("consent-bad-kind.json")),
				"kind");
	}

	@Test
	void anInboundTextFromNoPhoneNumberIs400() {
		assertBadRequestNaming(post("/v1/inbound/sms", body("inbound-bad-from.json")), "from");
	}

	@Test
	void aCollectorOfAnUnknownTypeIs400() {
		assertBadRequestNaming(put("/v1/collectors/" + unique("col"), body("collector-bad-type.json")), "type");
	}

	// ---------------------------------------------------------------------------------------------
	// Helpers
	// ---------------------------------------------------------------------------------------------

	static void assertBadRequestNaming(Answer a, String field) {
		assertThat(a.status()).as("status of %s", a.body()).isEqualTo(400);
		assertThat(a.contentType()).as("content type").contains("application/problem+json");
		JsonNode p = a.json();
		assertThat(p.get("status").asInt()).isEqualTo(400);
		assertThat(p.get("title").asText()).isNotBlank();
		assertThat(p.get("type").asText()).isNotBlank();
		assertThat(p.get("detail").asText()).isNotBlank();
		assertThat(p.get("errors")).as("errors of %s", p).isNotNull();
		assertThat(p.get("errors").findValuesAsString("field")).as("fields named in %s", p).contains(field);
		assertThat(p.get("errors")).allSatisfy(e -> assertThat(e.get("message").asText()).isNotBlank());
	}

	// ---------------------------------------------------------------------------------------------
	// 8. The audit record and what-if
	// ---------------------------------------------------------------------------------------------

	@DynamicPropertySource
	static void auditDatabase(DynamicPropertyRegistry registry) {
		registry.add("decisioning.audit.jdbc-url", AuditTestDatabase::url);
	}

	@Test
	void everyDecisionIsRecordedAndFoundByConsumerDebtOutcomeAndReason() throws Exception {
		String allowed = post("/v1/decisions", call(AT_1000, "CHECK")).ok().get("decisionId").asText();
		String reserved = post("/v1/decisions", call(AT_1000, "RESERVE")).ok().get("decisionId").asText();
		JsonNode denied = post("/v1/decisions", call(AT_0759, "CHECK")).ok();
		assertThat(codes(denied)).contains("INCONVENIENT_TIME");
		ObjectNode batch = JSON.createObjectNode();
		batch.putArray("requests").add(call(AT_1000, "CHECK"));
		String batched = post("/v1/decisions:batch", batch).ok().get("decisions").get(0).get("decisionId").asText();
		// Found at once, drained or not, exactly as answered.
		for (String id : List.of(allowed, reserved, denied.get("decisionId").asText(), batched)) {
			assertThat(get("/v1/decisions/" + id).ok().get("decisionId").asText()).isEqualTo(id);
		}
		assertThat(get("/v1/decisions/" + denied.get("decisionId").asText()).ok()).isEqualTo(denied);
		String q = "/v1/decisions?consumerId=" + consumerId;
		eventually(() -> assertThat(get(q).ok().get("decisions")).hasSize(4));
		assertThat(get(q).ok().get("decisions").findValuesAsString("decisionId")).containsExactlyInAnyOrder(allowed,
				reserved, denied.get("decisionId").asText(), batched);
		assertThat(get(q + "&debtId=" + debtId).ok().get("decisions")).hasSize(4);
		assertThat(get(q + "&debtId=" + unique("d")).ok().get("decisions")).isEmpty();
		assertThat(get(q + "&outcome=DENY").ok().get("decisions")).hasSize(1);
		assertThat(get(q + "&reason=INCONVENIENT_TIME").ok().get("decisions").get(0).get("decisionId").asText())
			.isEqualTo(denied.get("decisionId").asText());
		JsonNode first = get(q + "&limit=3").ok();
		assertThat(first.get("decisions")).hasSize(3);
		JsonNode second = get(q + "&limit=3&cursor=" + first.get("nextCursor").asText()).ok();
		assertThat(second.get("decisions")).hasSize(1);
		assertThat(second.get("nextCursor").isNull()).isTrue();
		assertBadRequestNaming(get(q + "&outcome=MAYBE"), "outcome");
		assertBadRequestNaming(get(q + "&from=yesterday"), "from");
		assertBadRequestNaming(get(q + "&limit=0"), "limit");
		assertBadRequestNaming(get(q + "&cursor=nonsense"), "cursor");
	}

	@Test
	void aConsumersRecordExportsAsJsonLinesWithTheFactsEachDecisionSaw() throws Exception {
		post("/v1/decisions", call(AT_1000, "RESERVE")).ok();
		post("/v1/decisions", call(AT_0759, "CHECK")).ok();
		String path = "/v1/decisions:export?consumerId=" + consumerId;
		eventually(() -> assertThat(get(path).body().lines().toList()).hasSize(2));
		Answer a = get(path);
		assertThat(a.status()).isEqualTo(200);
		assertThat(a.contentType()).contains("application/x-ndjson");
		for (String line : a.body().lines().toList()) {
			JsonNode r = JSON.readTree(line);
			assertThat(r.get("decision").get("consumerId").asText()).isEqualTo(consumerId);
			assertThat(r.get("facts").has("history")).isTrue();
			assertThat(r.get("request").get("channel").asText()).isEqualTo("CALL");
			// Personal data is pseudonymised: the number called is not in the record.
			assertThat(line).doesNotContain(phone);
		}
		assertBadRequestNaming(get("/v1/decisions:export"), "consumerId");
	}

	@Test
	void simulatingTheActiveRuleSetFlipsNothingAndABrokenCandidateIs422() throws Exception {
		post("/v1/decisions", call(AT_1000, "RESERVE")).ok();
		post("/v1/decisions", call(AT_0759, "CHECK")).ok();
		eventually(() -> assertThat(get("/v1/decisions?consumerId=" + consumerId).ok().get("decisions")).hasSize(2));
		byte[] rules = zip(java.nio.file.Path.of("../rules"));
		Answer a = postBytes("/v1/rules:simulate?limit=200", rules);
		JsonNode report = a.ok();
		assertThat(report.get("candidateVersion").asText()).isEqualTo(report.get("activeVersion").asText());
		assertThat(report.get("replayed").asLong()).isPositive();
		assertThat(report.get("flips")).as("the active rules replayed: %s", report).isEmpty();
		byte[] broken = zipOf(Map.of("broken/broken.drl", "package x; rule \"no end\" when then"));
		assertThat(postBytes("/v1/rules:simulate?limit=10", broken).status()).isEqualTo(422);
		assertBadRequestNaming(postBytes("/v1/rules:simulate", rules), "from");
		assertBadRequestNaming(postBytes("/v1/rules:simulate?limit=10", "not a zip".getBytes(StandardCharsets.UTF_8)),
				"body");
	}

	/** Waits for the audit drain (Redis) to move records to the database. */
	static void eventually(Runnable assertion) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (true) {
			try {
				assertion.run();
				return;
			}
			catch (AssertionError e) {
				if (System.nanoTime() > deadline) {
					throw e;
				}
				Thread.sleep(100);
			}
		}
	}

	static byte[] zip(java.nio.file.Path dir) throws IOException {
		Map<String, String> files = new HashMap<>();
		try (java.util.stream.Stream<java.nio.file.Path> all = java.nio.file.Files.walk(dir)) {
			for (java.nio.file.Path p : all.filter(java.nio.file.Files::isRegularFile).toList()) {
				files.put(dir.relativize(p).toString(), java.nio.file.Files.readString(p));
			}
		}
		return zipOf(files);
	}

	static byte[] zipOf(Map<String, String> files) throws IOException {
		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
		try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
			for (Map.Entry<String, String> f : files.entrySet()) {
				zip.putNextEntry(new java.util.zip.ZipEntry(f.getKey()));
				zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
				zip.closeEntry();
			}
		}
		return bytes.toByteArray();
	}

	Answer postBytes(String path, byte[] body) {
		return http.post()
			.uri(URI.create("http://localhost:" + port + path))
			.contentType(MediaType.parseMediaType("application/zip"))
			.body(body)
			.exchange((req, res) -> {
				try (InputStream in = res.getBody()) {
					MediaType type = res.getHeaders().getContentType();
					return new Answer(res.getStatusCode().value(), type == null ? "" : type.toString(),
							new String(in.readAllBytes(), StandardCharsets.UTF_8));
				}
			});
	}

	record Answer(int status, String contentType, String body) {

		JsonNode json() {
			try {
				return JSON.readTree(body);
			}
			catch (tools.jackson.core.JacksonException e) {
				throw new AssertionError("not JSON (" + status + "): " + body, e);
			}
		}

		/** The JSON of a 2xx answer. */
		JsonNode ok() {
			assertThat(status).as("status of %s", body).isBetween(200, 299);
			return json();
		}

	}

	Answer get(String path) {
		return exchange(HttpMethod.GET, path, null, null);
	}

	Answer delete(String path) {
		return exchange(HttpMethod.DELETE, path, null, null);
	}

	Answer post(String path, JsonNode body) {
		return postRaw(path, body.toString(), "application/json");
	}

	Answer put(String path, JsonNode body) {
		return putRaw(path, body.toString());
	}

	Answer putRaw(String path, String body) {
		return exchange(HttpMethod.PUT, path, body, "application/json");
	}

	Answer postRaw(String path, String body, String contentType) {
		return exchange(HttpMethod.POST, path, body, contentType);
	}

	private Answer exchange(HttpMethod method, String path, String body, String contentType) {
		RestClient.RequestBodySpec spec = http.method(method).uri(URI.create("http://localhost:" + port + path));
		if (body != null) {
			spec.contentType(MediaType.parseMediaType(contentType)).body(body.getBytes(StandardCharsets.UTF_8));
		}
		Answer answer = spec.exchange((req, res) -> {
			try (InputStream in = res.getBody()) {
				MediaType type = res.getHeaders().getContentType();
				return new Answer(res.getStatusCode().value(), type == null ? "" : type.toString(),
						new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
		});
		OpenApiContract.check(port, method.name(), path, answer.status(), answer.contentType(), answer.body());
		return answer;
	}

	List<JsonNode> history(String consumer, Map<String, String> query) {
		StringBuilder path = new StringBuilder("/v1/consumers/" + consumer + "/history");
		String sep = "?";
		for (Map.Entry<String, String> q : query.entrySet()) {
			path.append(sep)
				.append(q.getKey())
				.append('=')
				.append(URLEncoder.encode(q.getValue(), StandardCharsets.UTF_8));
			sep = "&";
		}
		JsonNode answer = get(path.toString()).ok();
		List<JsonNode> events = new ArrayList<>();
		answer.get("events").forEach(events::add);
		return events;
	}

	void recordEvent(String debt, String at) {
		ObjectNode e = body("event.json");
		e.putArray("debtIds").add(debt);
		e.put("at", at);
		assertThat(post("/v1/contact-events", e).status()).isEqualTo(202);
	}

	/** requests/call.json: a manual call to an Ohio mobile about the test's debt. */
	ObjectNode call(String at, String mode) {
		ObjectNode req = body("call.json");
		req.put("at", at);
		req.put("mode", mode);
		return req;
	}

	ObjectNode body(String file) {
		return body(file, Map.of());
	}

	ObjectNode body(String file, Map<String, String> extra) {
		try {
			return (ObjectNode) JSON.readTree(raw(file, extra));
		}
		catch (tools.jackson.core.JacksonException e) {
			throw new AssertionError("not JSON: " + file, e);
		}
	}

	String raw(String file) {
		return raw(file, Map.of());
	}

	/**
	 * A body from src/test/resources/requests with ${consumerId}, ${debtId}, ${phone},
	 * ... filled in.
	 */
	String raw(String file, Map<String, String> extra) {
		Map<String, String> vars = new HashMap<>();
		vars.put("consumerId", consumerId);
		vars.put("debtId", debtId);
		vars.put("phone", phone);
		vars.put("eventId", unique("e"));
		vars.put("requestId", unique("rq"));
		vars.put("at1000", AT_1000);
		vars.put("at0759", AT_0759);
		vars.put("at0300", local(DAY, 3, 0, 0));
		vars.put("at0830", local(DAY, 8, 30, 0));
		vars.put("at1000_05", local(DAY, 10, 0, 5));
		vars.put("at1000_30", local(DAY, 10, 0, 30));
		vars.putAll(extra);
		try (InputStream in = ContractIntegrationTests.class.getResourceAsStream("/requests/" + file)) {
			assertThat(in).as("test resource requests/%s", file).isNotNull();
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			for (Map.Entry<String, String> v : vars.entrySet()) {
				text = text.replace("${" + v.getKey() + "}", v.getValue());
			}
			return text;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	String oversizedDecisionRequest() {
		ObjectNode req = call(AT_1000, "CHECK");
		req.putObject("message").put("text", "x".repeat((1 << 20) + 1024));
		return req.toString();
	}

	static List<String> codes(JsonNode decision) {
		return decision.get("reasons").findValuesAsString("code");
	}

	static List<String> texts(JsonNode array) {
		List<String> out = new ArrayList<>();
		array.forEach(n -> out.add(n.asText()));
		return out;
	}

	static List<String> atOf(List<JsonNode> records) {
		return records.stream().map(r -> Instant.parse(r.get("at").asText()).toString()).toList();
	}

	/**
	 * A local time in New York on a day, as an ISO instant with its offset (e.g.
	 * 2026-12-02T07:59:00-05:00).
	 */
	static String local(LocalDate day, int hour, int minute, int second) {
		return day.atTime(hour, minute, second)
			.atZone(NEW_YORK)
			.toOffsetDateTime()
			.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID();
	}

	/**
	 * A fresh Columbus, Ohio (614, America/New_York) number, so tests sharing a store do
	 * not meet.
	 */
	static String randomOhioMobile() {
		return "+1614" + (2 + ThreadLocalRandom.current().nextInt(8))
				+ String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
	}

}
