package com.contactdecision.sipgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.contactdecision.sipgate.Sipp.Call;
import com.contactdecision.sipgate.Sipp.Carrier;
import com.contactdecision.sipgate.Sipp.Dial;
import com.contactdecision.sipgate.Sipp.Relayed;

/**
 * The gate's side of the contract, against a scripted stand-in for the service on
 * 127.0.0.1 that answers each consumer as told: what kamailio sends (method, path,
 * X-Api-Key, the JSON body built from the SIP headers) and what it does with every kind
 * of answer, including those the real service gives only in trouble (409, 503, 401, 500,
 * a body it cannot read, no answer at all). Only an ALLOW about the consumer asked about
 * is relayed.
 */
class SipGateAnswersIntegrationTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	static final String API_KEY = "sip-gate-test-" + UUID.randomUUID();

	static final String PHONE = "+13125550100";

	/** Scripted answers by consumerId: status and body ("" for none). */
	static final Map<String, Answer> ANSWERS = Map.ofEntries(
			Map.entry("c-allow", new Answer(200, decision("dec-allow", "ALLOW", "c-allow", "[]",
					"[\"INCLUDE_DEBT_COLLECTOR_DISCLOSURE\",\"LIMITED_CONTENT_ONLY\"]", "\"2026-11-23T15:00:00Z\""))),
			Map.entry("c-deny", new Answer(200, decision("dec-deny", "DENY", "c-deny",
					"[{\"code\":\"INCONVENIENT_TIME\"},{\"code\":\"CALL_FREQUENCY_CAP\"},{\"code\":\"CALL_FREQUENCY_CAP\"}]",
					"[]", "\"2026-11-24T14:00:00Z\""))),
			Map.entry("c-deny-for-good",
					new Answer(200,
							decision("dec-cease", "DENY", "c-deny-for-good", "[{\"code\":\"CEASE_COMMUNICATION\"}]",
									"[]", "null"))),
			Map.entry("c-store-down",
					new Answer(200,
							decision("dec-store", "DENY", "c-store-down", "[{\"code\":\"COUNTER_STORE_UNAVAILABLE\"}]",
									"[]", "null"))),
			Map.entry("c-503",
					new Answer(503,
							decision("dec-503", "DENY", "c-503", "[{\"code\":\"COUNTER_STORE_UNAVAILABLE\"}]", "[]",
									"null"))),
			Map.entry("c-409", new Answer(409, "{\"title\":\"Conflict\",\"status\":409}")),
			Map.entry("c-401", new Answer(401, "{\"title\":\"Unauthorized\",\"status\":401}")),
			Map.entry("c-500", new Answer(500, "")),
			Map.entry("c-400", new Answer(400, "{\"title\":\"Bad Request\",\"status\":400}")),
			Map.entry("c-someone-else",
					new Answer(200,
							decision("dec-other", "ALLOW", "c-another-consumer", "[]", "[]",
									"\"2026-11-23T15:00:00Z\""))),
			Map.entry("c-garbage", new Answer(200, "<html>not a decision</html>")),
			Map.entry("c-slow-allow", new Answer(200,
					decision("dec-slow", "ALLOW", "c-slow-allow", "[]", "[]", "\"2026-11-23T15:00:00Z\""), 600)),
			Map.entry("c-silent", new Answer(-1, "")));

	record Answer(int status, String body, long delayMillis) {

		Answer(int status, String body) {
			this(status, body, 0);
		}

	}

	/** What the stand-in received, by requestId (the Call-ID). */
	record Received(String method, String path, String apiKey, String contentType, JsonNode body) {
	}

	static final Map<String, Received> RECEIVED = new ConcurrentHashMap<>();

	static HttpServer service;

	static Carrier carrier;

	static SipGate gate;

	@BeforeAll
	static void start() throws IOException {
		SipGate.requireBinaries();
		service = HttpServer.create(new InetSocketAddress(InetAddress.getByName(SipGate.LOOPBACK), 0), 50);
		service.setExecutor(Executors.newFixedThreadPool(4));
		service.createContext("/", SipGateAnswersIntegrationTests::answer);
		service.start();
		carrier = Carrier.start();
		gate = SipGate.start("http://127.0.0.1:" + service.getAddress().getPort() + "/v1/decisions", API_KEY,
				carrier.port(), 1);
	}

	@AfterAll
	static void stop() {
		if (gate != null) {
			gate.close();
		}
		if (carrier != null) {
			carrier.close();
		}
		if (service != null) {
			service.stop(0);
		}
	}

	@Test
	void anAllowIsRelayedWithTheDecisionAndItsObligationsAfterAskingWithTheKeyAndTheCallsFacts() {
		Dial dial = Dial.of(PHONE, " c-allow ", "d-1, d-2", "northwind")
			.withDialMode("AUTODIALED")
			.withLineType("MOBILE");
		Call call = one(dial);

		assertThat(call.status()).as("%s\nkamailio:\n%s", call, gate.log()).isEqualTo("200");
		assertThat(call.decision()).as("the gate's, not the carrier's").isEqualTo("dec-allow");
		assertThat(call.obligations()).isEqualTo("INCLUDE_DEBT_COLLECTOR_DISCLOSURE,LIMITED_CONTENT_ONLY");
		List<Relayed> relayed = carrier.relayed(call.callId());
		assertThat(relayed).hasSize(1);
		assertThat(relayed.get(0).decision()).isEqualTo("dec-allow");
		assertThat(relayed.get(0).obligations()).isEqualTo("INCLUDE_DEBT_COLLECTOR_DISCLOSURE,LIMITED_CONTENT_ONLY");
		assertThat(relayed.get(0).spoofed()).isEmpty();
		assertThat(relayed.get(0).accountHeaders()).isEmpty();

		Received asked = RECEIVED.get(call.callId());
		assertThat(asked).as("the service was asked about Call-ID %s", call.callId()).isNotNull();
		assertThat(asked.method()).isEqualTo("POST");
		assertThat(asked.path()).isEqualTo("/v1/decisions");
		assertThat(asked.apiKey()).isEqualTo(API_KEY);
		assertThat(asked.contentType()).startsWith("application/json");
		JsonNode expected = JSON.createObjectNode()
			.put("requestId", call.callId())
			.put("consumerId", "c-allow")
			.put("collectorId", "northwind")
			.<ObjectNode>set("debtIds", JSON.createArrayNode().add("d-1").add("d-2"))
			.put("channel", "CALL")
			.<ObjectNode>set("destination", JSON.createObjectNode().put("phone", PHONE).put("type", "MOBILE"))
			.put("dialMode", "AUTODIALED")
			.put("mode", "RESERVE");
		assertThat(asked.body()).isEqualTo(expected);
	}

	@Test
	void headerValuesCannotChangeTheJsonTheyAreSentIn() {
		// A consumer id that would close the string and add a field if it were pasted
		// into the JSON.
		Call call = one(Dial.of(PHONE, "c-allow\",\"consumerId\":\"c-someone-else", "d-1", ""));
		Received asked = RECEIVED.get(call.callId());
		assertThat(asked.body().get("consumerId").asString()).isEqualTo("c-allow\",\"consumerId\":\"c-someone-else");
		assertThat(asked.body().has("collectorId")).as("an empty X-Collector-Id is left out").isFalse();
		assertThat(call.status()).as("unknown to the stand-in: no answer is scripted, so it answers 500")
			.isEqualTo("503");
	}

	@Test
	void aDenyIs403WithEachReasonOnceAndWhenTheCallMayBeMade() {
		Call call = one(Dial.of(PHONE, "c-deny", "d-1", ""));
		assertThat(call.status()).isEqualTo("403");
		assertThat(call.decision()).isEqualTo("dec-deny");
		assertThat(call.reason()).isEqualTo("INCONVENIENT_TIME,CALL_FREQUENCY_CAP");
		assertThat(call.next()).isEqualTo("2026-11-24T14:00:00Z");
		assertThat(carrier.relayed(call.callId())).isEmpty();
	}

	@Test
	void aDenyThatTimeAloneWillNotLiftHasNoNextEligibleAt() {
		Call call = one(Dial.of(PHONE, "c-deny-for-good", "d-1", ""));
		assertThat(call.status()).isEqualTo("403");
		assertThat(call.reason()).isEqualTo("CEASE_COMMUNICATION");
		assertThat(call.next()).isEmpty();
		assertThat(carrier.relayed(call.callId())).isEmpty();
	}

	@Test
	void everyAnswerThatIsNotADecisionAboutThisConsumerIs503WithRetryAfterAndNothingIsRelayed() {
		Map<String, String> errors = Map.of("c-store-down", "counter-store-unavailable", "c-503", "http-503", "c-409",
				"http-409", "c-401", "http-401", "c-500", "http-500", "c-someone-else", "consumer-mismatch",
				"c-garbage", "unreadable-answer");
		for (Map.Entry<String, String> e : errors.entrySet()) {
			Call call = one(Dial.of(PHONE, e.getKey(), "d-1", ""));
			assertThat(call.status()).as("%s: %s", e.getKey(), call).isEqualTo("503");
			assertThat(call.retry()).as("%s: %s", e.getKey(), call).isEqualTo("5");
			assertThat(call.error()).as("%s: %s", e.getKey(), call).isEqualTo(e.getValue());
			assertThat(RECEIVED).containsKey(call.callId());
			assertThat(carrier.relayed(call.callId())).isEmpty();
		}
	}

	@Test
	void noAnswerWithinTheTimeoutIs503() {
		long started = System.nanoTime();
		Call call = one(Dial.of(PHONE, "c-silent", "d-1", ""));
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		assertThat(call.status()).isEqualTo("503");
		assertThat(call.retry()).isEqualTo("5");
		assertThat(call.error()).isEqualTo("no-answer-curl-28");
		assertThat(took).as("DECISION_TIMEOUT is 1 s").isLessThan(Duration.ofSeconds(5));
		assertThat(carrier.relayed(call.callId())).isEmpty();
	}

	@Test
	void aCallCancelledWhileTheGateAsksIs487AndNotRelayedEvenOnAnAllow() {
		String callId = Sipp.callIds("cancel").replace("%u", "1");
		Call call = Sipp.cancelled(gate, Dial.of(PHONE, "c-slow-allow", "d-1", ""), callId);
		assertThat(call.status()).isEqualTo("487");
		// The answer (600 ms) comes after the CANCEL; the gate asked, and then relayed
		// nothing.
		SipGate.sleep(1000);
		assertThat(RECEIVED).containsKey(callId);
		assertThat(carrier.relayed(callId)).isEmpty();
	}

	@Test
	void aRefusedInputIs400AndWhatIsMissingIsNotAskedAbout() {
		Call refused = one(Dial.of(PHONE, "c-400", "d-1", ""));
		assertThat(refused.status()).isEqualTo("400");
		assertThat(refused.error()).isEqualTo("http-400");

		Map<Dial, String> unasked = Map.of(Dial.of(PHONE, "", "d-1", ""), "missing-x-consumer-id",
				Dial.of(PHONE, "c-allow", "", ""), "missing-x-debt-ids", Dial.of(PHONE, "c-allow", "d-1,,d-2", ""),
				"missing-x-debt-ids", Dial.of("13125550100", "c-allow", "d-1", ""), "request-uri-user-not-e164");
		for (Map.Entry<Dial, String> e : unasked.entrySet()) {
			Call call = one(e.getKey());
			assertThat(call.status()).as("%s: %s", e.getKey(), call).isEqualTo("400");
			assertThat(call.error()).as("%s: %s", e.getKey(), call).isEqualTo(e.getValue());
			assertThat(RECEIVED).as("the service was not asked").doesNotContainKey(call.callId());
			assertThat(carrier.relayed(call.callId())).isEmpty();
		}
	}

	// ---------------------------------------------------------------------------------------------

	static Call one(Dial dial) {
		return Sipp.dial(gate, dial, 1, Sipp.callIds("answers")).get(0);
	}

	static void answer(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] in = exchange.getRequestBody().readAllBytes();
			JsonNode body;
			try {
				body = JSON.readTree(in);
			}
			catch (RuntimeException e) {
				body = JSON.createObjectNode().put("unparsable", new String(in, StandardCharsets.UTF_8));
			}
			RECEIVED.put(body.path("requestId").asString(""),
					new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
							exchange.getRequestHeaders().getFirst("X-Api-Key"),
							exchange.getRequestHeaders().getFirst("Content-Type"), body));
			Answer a = ANSWERS.getOrDefault(body.path("consumerId").asString(""), new Answer(500, ""));
			if (a.delayMillis() > 0) {
				SipGate.sleep(a.delayMillis());
			}
			if (a.status() < 0) {
				// Longer than the gate's 1 s budget, shorter than anything that could
				// hang the test.
				SipGate.sleep(3000);
				return;
			}
			byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders()
				.set("Content-Type", a.status() == 200 ? "application/json" : "application/problem+json");
			if (a.status() == 503) {
				exchange.getResponseHeaders().set("Retry-After", "1");
			}
			exchange.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
			if (out.length > 0) {
				try (OutputStream os = exchange.getResponseBody()) {
					os.write(out);
				}
			}
		}
	}

	static String decision(String id, String outcome, String consumer, String reasons, String obligations,
			String next) {
		return "{\"decisionId\":\"" + id + "\",\"outcome\":\"" + outcome + "\",\"reasons\":" + reasons
				+ ",\"obligations\":" + obligations + ",\"nextEligibleAt\":" + next
				+ ",\"timeZones\":[\"America/Chicago\"],\"reserved\":" + outcome.equals("ALLOW")
				+ ",\"ruleSetVersion\":\"sha256:test\",\"at\":\"2026-11-23T15:00:00Z\",\"requestId\":\"x\",\"consumerId\":\""
				+ consumer + "\",\"mode\":\"RESERVE\"}";
	}

}
