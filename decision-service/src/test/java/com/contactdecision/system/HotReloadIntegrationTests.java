package com.contactdecision.system;

import com.contactdecision.support.TestKeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A running service picks up rule changes by itself: a change that compiles and passes
 * every scenario goes live without a restart; a broken table or a change that breaks a
 * scenario is refused while the previous rule set keeps answering. Runs on a copy of
 * rules/ and the scenarios.
 */
@org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HotReloadIntegrationTests {

	static final Path WORK = tempCopy();

	static final Path RULES = WORK.resolve("rules");

	static final Path SCENARIOS = WORK.resolve("scenarios");

	static final Path HOURS = RULES.resolve("hours/permitted-hours.csv");

	/**
	 * A test-only state cap (state ZZ does not exist), so changing it touches no real
	 * rule.
	 */
	static final Path ZZ_CAPS = RULES.resolve("frequency/zz-test-caps.csv");

	static final Path ZZ_SCENARIO = SCENARIOS.resolve("frequency/frequency-caps/zz-second-call-in-a-week.yaml");

	// A bound to wait for, not a performance claim (bench/reload-latency.sh measures
	// that): generous, so a
	// busy machine does not fail the build.
	static final Duration LIVE_WITHIN = Duration.ofSeconds(30);

	@Autowired
	TestRestTemplate http;

	String hoursBefore;

	@DynamicPropertySource
	static void rules(DynamicPropertyRegistry registry) {
		registry.add("rules.dir", RULES::toString);
		registry.add("rules.scenarios-dir", SCENARIOS::toString);
		registry.add("rules.watch", () -> "true");
	}

	@BeforeEach
	void remember() throws IOException {
		hoursBefore = Files.readString(HOURS);
		if (!http.getRestTemplate().getInterceptors().contains(ADMIN)) {
			http.getRestTemplate().getInterceptors().add(ADMIN);
		}
	}

	static final org.springframework.http.client.ClientHttpRequestInterceptor ADMIN = TestKeys.adminInterceptor();

	@AfterEach
	void restore() throws IOException {
		String before = version();
		Files.writeString(HOURS, hoursBefore);
		Files.deleteIfExists(ZZ_CAPS);
		Files.deleteIfExists(ZZ_SCENARIO);
		http.postForEntity("/v1/rules:reload", null, Map.class);
		assertThat(version()).isNotNull();
		assertThat(before).isNotNull();
	}

	@Test
	void aChangedCapWithItsScenarioGoesLiveWithoutARestart() throws Exception {
		String before = version();
		writeZzCap(1, "DENY", "[STATE_FREQUENCY_CAP]");
		awaitRules(r -> !before.equals(r.get("version")) && r.get("lastError") == null);
		assertThat(decideSecondZzCall()).containsEntry("outcome", "DENY");

		String withCapOfOne = version();
		long saved = System.nanoTime();
		writeZzCap(2, "ALLOW", "[]");
		Map<String, Object> live = awaitRules(r -> !withCapOfOne.equals(r.get("version")));
		Duration took = Duration.ofNanos(System.nanoTime() - saved);

		assertThat(live.get("lastError")).isNull();
		Map<String, Object> decision = decideSecondZzCall();
		assertThat(decision).containsEntry("outcome", "ALLOW").containsEntry("ruleSetVersion", live.get("version"));
		System.out.println("rule change live " + took.toMillis() + " ms after the file was saved");
	}

	@Test
	void aCapChangeRefusedByItsScenarioGoesLiveOnceTheScenarioIsFixed() throws Exception {
		String before = version();
		writeZzCap(1, "DENY", "[STATE_FREQUENCY_CAP]");
		String withCapOfOne = (String) awaitRules(r -> !before.equals(r.get("version")) && r.get("lastError") == null)
			.get("version");

		Files.writeString(ZZ_CAPS, Files.readString(ZZ_CAPS).replace(",DEBT,7,1,", ",DEBT,7,2,"));
		Map<String, Object> refused = awaitRules(r -> r.get("lastError") != null);
		assertThat(refused.get("version")).isEqualTo(withCapOfOne);
		assertThat(refused.get("lastError").toString()).contains("frequency-caps/zz-second-call-in-a-week");

		// Only the scenario changes now: the watcher sees it and the waiting rule change
		// goes live.
		Files.writeString(ZZ_SCENARIO,
				Files.readString(ZZ_SCENARIO)
					.replace("outcome: DENY", "outcome: ALLOW")
					.replace("reasons: [STATE_FREQUENCY_CAP]", "reasons: []"));
		Map<String, Object> live = awaitRules(
				r -> !withCapOfOne.equals(r.get("version")) && r.get("lastError") == null);
		assertThat(decideSecondZzCall()).containsEntry("outcome", "ALLOW")
			.containsEntry("ruleSetVersion", live.get("version"));
	}

	@Test
	void aBrokenTableIsRefusedWithItsLineWhileDecisionsGoOn() throws Exception {
		String before = version();
		Files.writeString(ZZ_CAPS, zzCapsHeader()
				+ "zz-test-cap,true,US-ZZ,DEBT_COLLECTOR,CALL|VOICEMAIL,,,PLACED_CALLS,DEBT,7,two,STATE_FREQUENCY_CAP,test only,\n");
		Map<String, Object> rules = awaitRules(r -> r.get("lastError") != null);

		assertThat(rules.get("version")).isEqualTo(before);
		@SuppressWarnings("unchecked")
		Map<String, Object> error = (Map<String, Object>) rules.get("lastError");
		assertThat(error.get("file")).isEqualTo("frequency/zz-test-caps.csv");
		assertThat(error.get("line")).isEqualTo(3);
		assertThat((String) error.get("message")).contains("limit");
		assertThat(decideSecondZzCall()).containsEntry("ruleSetVersion", before);

		ResponseEntity<Map> reload = http.postForEntity("/v1/rules:reload", null, Map.class);
		assertThat(reload.getStatusCode().value()).isEqualTo(422);
	}

	@Test
	void aChangeThatBreaksAScenarioIsRefusedAndTheScenarioIsNamed() throws Exception {
		String before = version();
		Files.writeString(HOURS, hoursBefore.replace(",08:00,21:00,", ",09:00,21:00,"));
		Map<String, Object> rules = awaitRules(r -> r.get("lastError") != null);

		assertThat(rules.get("version")).isEqualTo(before);
		@SuppressWarnings("unchecked")
		List<String> failing = (List<String>) ((Map<String, Object>) rules.get("lastError")).get("failingScenarios");
		assertThat(failing).anyMatch(s -> s.contains("hours/permitted-hours/call-at-0800-local-is-allowed"));
		assertThat(http.postForEntity("/v1/rules:reload", null, Map.class).getStatusCode().value()).isEqualTo(422);
	}

	private void writeZzCap(int limit, String expected, String reasons) throws IOException {
		Files.writeString(ZZ_SCENARIO, """
				description: test only - the second call in a week to a consumer in state ZZ
				given:
				  profile:
				    addresses: [ { country: US, state: ZZ } ]
				    timeZone: America/Chicago
				  events:
				    - { channel: CALL, outcome: NO_ANSWER, debtIds: [d-zz], at: "2026-06-09T10:00:00-05:00" }
				when:
				  debtIds: [d-zz]
				  channel: CALL
				  destination: { phone: "+13125550100", type: LANDLINE }
				  at: "2026-06-10T10:00:00-05:00"
				then:
				  outcome: %s
				  reasons: %s
				""".formatted(expected, reasons));
		Files.writeString(ZZ_CAPS,
				zzCapsHeader() + "zz-test-cap,true,US-ZZ,DEBT_COLLECTOR,CALL|VOICEMAIL,,,PLACED_CALLS,DEBT,7," + limit
						+ ",STATE_FREQUENCY_CAP,test only,\n");
	}

	private static String zzCapsHeader() throws IOException {
		try (Stream<String> lines = Files.lines(RULES.resolve("frequency/frequency-caps.csv"))) {
			String header = lines.filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst().orElseThrow();
			// the test's rows are undated: without the optional date columns the federal
			// table may carry
			return "# test only\n" + header.replace(",effectiveFrom", "").replace(",effectiveUntil", "") + "\n";
		}
	}

	private Map<String, Object> decideSecondZzCall() {
		String body = """
				{ "consumerId": "c-zz-%d", "debtIds": ["d-zz"], "channel": "CALL", "mode": "RESERVE",
				  "destination": { "phone": "+13125550100", "type": "LANDLINE" },
				  "consumer": { "addresses": [ { "country": "US", "state": "ZZ" } ], "timeZone": "America/Chicago" },
				  "at": "2026-06-10T10:00:00-05:00" }""";
		String consumer = body.formatted(System.nanoTime());
		String first = consumer.replace("2026-06-10T10:00:00", "2026-06-09T10:00:00");
		post(first);
		return post(consumer);
	}

	private Map<String, Object> post(String json) {
		var headers = new org.springframework.http.HttpHeaders();
		headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
		ResponseEntity<Map<String, Object>> r = http.exchange("/v1/decisions", HttpMethod.POST,
				new org.springframework.http.HttpEntity<>(json, headers), new ParameterizedTypeReference<>() {
				});
		assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
		return r.getBody();
	}

	private String version() {
		return (String) rules().get("version");
	}

	private Map<String, Object> rules() {
		ResponseEntity<Map<String, Object>> r = http.exchange("/v1/rules", HttpMethod.GET, null,
				new ParameterizedTypeReference<>() {
				});
		return r.getBody();
	}

	private Map<String, Object> awaitRules(Predicate<Map<String, Object>> condition) throws InterruptedException {
		long deadline = System.nanoTime() + LIVE_WITHIN.toNanos();
		Map<String, Object> r = rules();
		while (!condition.test(r) && System.nanoTime() < deadline) {
			Thread.sleep(20);
			r = rules();
		}
		assertThat(condition).as("rules within %s: %s", LIVE_WITHIN, r).accepts(r);
		return r;
	}

	private static Path tempCopy() {
		try {
			Path work = Files.createTempDirectory("hot-reload");
			copy(Path.of("../rules"), work.resolve("rules"));
			copy(Path.of("../rule-tests/scenarios"), work.resolve("scenarios"));
			return work;
		}
		catch (IOException e) {
			throw new IllegalStateException("cannot copy the rules for the hot-reload test", e);
		}
	}

	private static void copy(Path from, Path to) throws IOException {
		try (Stream<Path> s = Files.walk(from)) {
			for (Path p : s.toList()) {
				Path target = to.resolve(from.relativize(p).toString());
				if (Files.isDirectory(p)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}

}
