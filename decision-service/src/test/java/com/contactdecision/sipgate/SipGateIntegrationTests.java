package com.contactdecision.sipgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.contactdecision.redis.RedisTestServer;
import com.contactdecision.sipgate.Sipp.Call;
import com.contactdecision.sipgate.Sipp.Carrier;
import com.contactdecision.sipgate.Sipp.Dial;
import com.contactdecision.sipgate.Sipp.Relayed;

/**
 * The SIP gate of {@code integrations/kamailio/} in front of the service on a Redis of
 * its own, driven by sipp on 127.0.0.1: a dialler (UAC) calls through kamailio to a
 * carrier (UAS). What is checked is what the dialler was answered and what reached the
 * carrier:
 * <ul>
 * <li>Regulation F's 7 calls in 7 days per debt: exactly 7 relayed, the 8th refused 403
 * with the reason and when the call may be made again;</li>
 * <li>a Call-ID reused for another consumer is not relayed;</li>
 * <li>an INVITE dressed as an in-dialog request of a dialog the gate never relayed is not
 * relayed;</li>
 * <li>Redis stopped: 503 with Retry-After and nothing relayed; Redis back: calls are
 * relayed again, without restarting kamailio or the service.</li>
 * </ul>
 * The service is started with {@code DECISIONING_BOOTSTRAP_ADMIN_KEY} (as property and as
 * its relaxed form) and the gate sends that key in {@code X-Api-Key}, as it will have to
 * once the API requires keys. The dialled number is one whose local time is mid-day now
 * (see {@link #daytimeNumber}), so permitted-hours rules never decide these calls.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "rules.dir=${user.dir}/../rules", "rules.watch=false", "decisioning.redis-timeout=1s" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SipGateIntegrationTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	/** A test value, new on every run: no secret is kept in the repository. */
	static final String API_KEY = "sip-gate-test-" + UUID.randomUUID();

	static final String PREFIX = RedisTestServer.randomPrefix();

	static final String COLLECTOR = "sipgate-collector";

	/**
	 * How long Redis may take to be usable again after it is back (as
	 * RedisOutageIntegrationTests).
	 */
	static final Duration RECOVERY = Duration.ofSeconds(15);

	/**
	 * The gate's wait for an answer here (1 s in production): the service's first
	 * decisions after start, and any on a busy 2-core CI machine, can take longer, and a
	 * call the gate stopped waiting for is answered 503 although the service went on to
	 * reserve it, which would throw the count off. The 1 s timeout itself is
	 * SipGateAnswersIntegrationTests' subject. For the same reason Redis may take 1 s
	 * here before the service fails closed; a stopped Redis refuses at once.
	 */
	static final int GATE_TIMEOUT_SECONDS = 3;

	static RedisTestServer redis;

	static Carrier carrier;

	static SipGate gate;

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

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
		registry.add("decisioning.bootstrap-admin-key", () -> API_KEY);
		registry.add("DECISIONING_BOOTSTRAP_ADMIN_KEY", () -> API_KEY);
	}

	/**
	 * Before Spring starts anything: without kamailio or sipp this fails, saying what to
	 * install.
	 */
	@BeforeAll
	static void binaries() {
		SipGate.requireBinaries();
	}

	@BeforeEach
	void gateAndCollector() throws Exception {
		synchronized (SipGateIntegrationTests.class) {
			if (gate == null) {
				carrier = Carrier.start();
				gate = SipGate.start("http://127.0.0.1:" + port + "/v1/decisions", API_KEY, carrier.port(),
						GATE_TIMEOUT_SECONDS);
				putCollector();
				warmUp();
			}
		}
		// Again before each test: a restarted Redis is empty.
		putCollector();
	}

	/**
	 * A debt collector, so Regulation F binds; retried while a Redis just back answers
	 * 503.
	 */
	void putCollector() throws Exception {
		long deadline = System.nanoTime() + RECOVERY.toNanos();
		HttpResponse<String> r;
		while (true) {
			r = send(HttpRequest.newBuilder(uri("/v1/collectors/" + COLLECTOR))
				.header("Content-Type", "application/json")
				.PUT(HttpRequest.BodyPublishers.ofString(
						"{\"legalName\": \"SIP Gate Recovery LLC\", \"businessName\": \"SIP Gate\", \"type\": \"DEBT_COLLECTOR\"}")));
			if (r.statusCode() != 503 || System.nanoTime() > deadline) {
				break;
			}
			SipGate.sleep(200);
		}
		assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
	}

	/**
	 * The service's first decisions are slow (rule sessions, Redis connections): not in a
	 * test's count.
	 */
	void warmUp() {
		Call call = null;
		for (int i = 0; i < 5 && (call == null || !call.status().equals("200")); i++) {
			String consumer = "c-warm-up-" + UUID.randomUUID();
			call = Sipp
				.dial(gate, Dial.of(daytimeNumber(), consumer, "d-" + consumer, COLLECTOR), 1, Sipp.callIds("warm"))
				.get(0);
		}
		assertThat(call.status()).as("a warm-up call through the gate: %s\nkamailio:\n%s", call, gate.log())
			.isEqualTo("200");
	}

	/** Whatever a test did to Redis, the next one starts with Redis answering. */
	@AfterEach
	void redisBack() {
		redis().resume();
		redis().restart();
	}

	@AfterAll
	static synchronized void stopAll() {
		if (gate != null) {
			gate.close();
			gate = null;
		}
		if (carrier != null) {
			carrier.close();
			carrier = null;
		}
		if (redis != null) {
			redis.close();
			redis = null;
		}
	}

	@Test
	void exactlyTheCapIsRelayedAndTheEighthCallIsRefusedWithTheReasonAndWhenItMayBeMade() throws Exception {
		String consumer = "c-cap-" + UUID.randomUUID();
		String callIds = Sipp.callIds("cap");
		// Two debts: each call counts for both, so both reach the cap on the 7th.
		Dial dial = Dial.of(daytimeNumber(), consumer, "d-1-" + consumer + ", d-2-" + consumer, COLLECTOR);

		List<Call> calls = Sipp.dial(gate, dial, 8, callIds);

		assertThat(calls).extracting(Call::status)
			.as("%s\nkamailio:\n%s", calls, gate.log())
			.containsExactly("200", "200", "200", "200", "200", "200", "200", "403");
		Call refused = calls.get(7);
		assertThat(refused.reason()).as(refused.toString()).isEqualTo("CALL_FREQUENCY_CAP");
		assertThat(refused.decision()).startsWith("dec-");
		Instant next = Instant.parse(refused.next());
		assertThat(next).as("7 in 7 days: the first call leaves the window within 7 days")
			.isAfter(Instant.now())
			.isBefore(Instant.now().plus(Duration.ofDays(8)));
		assertThat(refused.retry()).isEmpty();

		List<Relayed> relayed = carrier.relayed(Sipp.prefixOf(callIds));
		assertThat(relayed).as("relayed to the carrier").hasSize(7);
		assertThat(relayed).extracting(Relayed::callId)
			.containsExactlyElementsOf(calls.subList(0, 7).stream().map(Call::callId).toList());
		for (int i = 0; i < 7; i++) {
			// The dialler gets on the 200 what the carrier got on the INVITE, and not the
			// carrier's own.
			assertThat(calls.get(i).decision()).as("%s", calls.get(i)).isEqualTo(relayed.get(i).decision());
			assertThat(calls.get(i).obligations()).as("%s", calls.get(i)).isEqualTo(relayed.get(i).obligations());
		}
		for (Relayed r : relayed) {
			assertThat(r.spoofed()).as("a dialler's X-Decision-* header reached the carrier: %s", r).isEmpty();
			assertThat(r.accountHeaders()).as("the service's account headers reached the carrier: %s", r).isEmpty();
			// The relayed decision is the service's own: a reserved ALLOW for this
			// consumer and Call-ID,
			// whose obligations are the header's.
			JsonNode d = decision(r.decision());
			assertThat(d.get("outcome").asString()).isEqualTo("ALLOW");
			assertThat(d.get("reserved").asBoolean()).isTrue();
			assertThat(d.get("consumerId").asString()).isEqualTo(consumer);
			assertThat(d.get("requestId").asString()).isEqualTo(r.callId());
			List<String> obligations = new ArrayList<>();
			d.get("obligations").forEach(o -> obligations.add(o.asString()));
			assertThat(r.obligations()).isEqualTo(String.join(",", obligations));
		}
		JsonNode denied = decision(refused.decision());
		assertThat(denied.get("outcome").asString()).isEqualTo("DENY");
		assertThat(denied.get("reserved").asBoolean()).isFalse();
		assertThat(Instant.parse(denied.get("nextEligibleAt").asString())).isEqualTo(next);
	}

	@Test
	void aCallIdReusedForAnotherConsumerIsNotRelayed() {
		String callId = Sipp.callIds("reuse").replace("%u", "1");
		String phone = daytimeNumber();
		String first = "c-first-" + UUID.randomUUID();
		String second = "c-second-" + UUID.randomUUID();

		Call allowed = Sipp.dial(gate, Dial.of(phone, first, "d-" + first, COLLECTOR), 1, callId).get(0);
		assertThat(allowed.status()).as("%s\nkamailio:\n%s", allowed, gate.log()).isEqualTo("200");

		Call reused = Sipp.dial(gate, Dial.of(phone, second, "d-" + second, COLLECTOR), 1, callId).get(0);
		// Until the service answers 409 for a reused requestId it answers the first
		// consumer's decision;
		// the gate sees the consumer differ. Either way: 503, not relayed.
		assertThat(reused.status()).as("%s\nkamailio:\n%s", reused, gate.log()).isEqualTo("503");
		assertThat(reused.error()).isIn("consumer-mismatch", "http-409");
		assertThat(reused.retry()).isEqualTo("5");
		assertThat(carrier.relayed(callId)).as("INVITEs with Call-ID %s relayed", callId).hasSize(1);
	}

	@Test
	void anInviteDressedAsPartOfADialogTheGateNeverRelayedIsRefused() {
		String callId = Sipp.callIds("forged").replace("%u", "1");
		Call forged = Sipp.forgedInDialog(gate, carrier.port(), daytimeNumber(), callId).get(0);
		assertThat(forged.status()).isEqualTo("403");
		assertThat(carrier.relayed(callId)).isEmpty();
	}

	@Test
	void withRedisStoppedCallsAre503AndNothingIsRelayedThenCallsFlowAgainWithoutARestart() throws Exception {
		long kamailio = gate.pid();
		String phone = daytimeNumber();
		String before = Sipp.callIds("before");
		String consumer = "c-outage-" + UUID.randomUUID();
		assertThat(Sipp.dial(gate, Dial.of(phone, consumer, "d-" + consumer, COLLECTOR), 1, before))
			.extracting(Call::status)
			.containsExactly("200");

		redis().stop();
		String during = Sipp.callIds("outage");
		List<Call> calls = Sipp.dial(gate, Dial.of(phone, consumer, "d-" + consumer, COLLECTOR), 3, during);
		for (Call c : calls) {
			assertThat(c.status()).as("%s\nkamailio:\n%s", c, gate.log()).isEqualTo("503");
			assertThat(c.retry()).isEqualTo("5");
			// Today the service answers 200 DENY COUNTER_STORE_UNAVAILABLE; the contract
			// says 503.
			assertThat(c.error()).isIn("counter-store-unavailable", "http-503");
		}
		assertThat(carrier.relayed(Sipp.prefixOf(during))).as("relayed while Redis was stopped").isEmpty();

		redis().restart();
		putCollector(); // Redis came back empty
		String after = Sipp.callIds("after");
		String other = "c-recovered-" + UUID.randomUUID();
		Dial recovered = Dial.of(phone, other, "d-" + other, COLLECTOR);
		long deadline = System.nanoTime() + RECOVERY.toNanos();
		Call call;
		int attempt = 0;
		while (true) {
			call = Sipp.dial(gate, recovered, 1, after.replace("%u", "r" + (++attempt) + "-%u")).get(0);
			if (call.status().equals("200") || System.nanoTime() > deadline) {
				break;
			}
			Thread.sleep(200);
		}
		assertThat(call.status()).as("a call %s after Redis came back: %s\nkamailio:\n%s", RECOVERY, call, gate.log())
			.isEqualTo("200");
		assertThat(carrier.relayed(call.callId())).hasSize(1);
		assertThat(gate.isAlive()).isTrue();
		assertThat(gate.pid()).as("the same kamailio, never restarted").isEqualTo(kamailio);
	}

	// ---------------------------------------------------------------------------------------------

	/**
	 * A number whose local time is between 09:00 and 20:00 now, so a call to it is inside
	 * the permitted hours (08:00 to 21:00) for the whole test, whenever it runs: US
	 * numbers first, then London and Tokyo, which between them cover every hour of the
	 * day.
	 */
	static String daytimeNumber() {
		String[][] candidates = { { "+13125550100", "America/Chicago" }, { "+14155550100", "America/Los_Angeles" },
				{ "+18085550100", "Pacific/Honolulu" }, { "+442079460000", "Europe/London" },
				{ "+81312345678", "Asia/Tokyo" } };
		for (String[] c : candidates) {
			int hour = ZonedDateTime.now(ZoneId.of(c[1])).getHour();
			if (hour >= 9 && hour < 20) {
				return c[0];
			}
		}
		throw new IllegalStateException("no candidate number is in its day time now");
	}

	JsonNode decision(String decisionId) throws Exception {
		HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/v1/decisions/" + decisionId)).GET());
		assertThat(r.statusCode()).as("GET decision %s: %s", decisionId, r.body()).isEqualTo(200);
		return JSON.readTree(r.body());
	}

	HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return http.send(request.header("X-Api-Key", API_KEY).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

}
