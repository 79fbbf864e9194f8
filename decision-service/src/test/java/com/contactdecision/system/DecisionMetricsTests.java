package com.contactdecision.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import com.contactdecision.decision.Decision;
import com.contactdecision.decision.Mode;
import com.contactdecision.decision.Outcome;
import com.contactdecision.decision.Reason;
import com.contactdecision.facts.ReasonCode;

class DecisionMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final ObjectMapper json = com.contactdecision.json.Json.mapper();

	private final DecisionMetrics metrics = new DecisionMetrics(registry, json);

	private final Decision denied = new Decision("dec-1", Outcome.DENY,
			List.of(new Reason(ReasonCode.TCPA_NO_CONSENT, "tcpa-wireless-consent",
					"no prior express consent is recorded for AUTODIALED SMS to +13125550100", "47 U.S.C. 227(b)")),
			List.of(), List.of(), null, List.of("America/Chicago"), false, "sha256:abc",
			Instant.parse("2026-11-23T15:00:00Z"), "rq-1", "c-1001", Mode.CHECK);

	@Test
	void theDecisionLogLineIsOneJsonObjectWithoutPersonalData() throws Exception {
		String line = metrics.event(denied, Duration.ofNanos(250_000));

		JsonNode event = json.readTree(line);
		assertThat(event.get("decisionId").asText()).isEqualTo("dec-1");
		assertThat(event.get("outcome").asText()).isEqualTo("DENY");
		assertThat(event.get("reasons").get(0).asText()).isEqualTo("TCPA_NO_CONSENT:tcpa-wireless-consent");
		assertThat(event.get("nextEligibleAt").isNull()).isTrue();
		assertThat(event.get("tookMicros").asLong()).isEqualTo(250);
		assertThat(line).doesNotContain("+13125550100").doesNotContain("5550100");
	}

	@Test
	void decisionsAreCountedByOutcomeAndReason() {
		metrics.decided(denied, Duration.ofMillis(1));
		metrics.decided(denied, Duration.ofMillis(1));

		assertThat(registry.get("decisions").tag("outcome", "DENY").counter().count()).isEqualTo(2);
		assertThat(registry.get("decision.reasons").tag("code", "TCPA_NO_CONSENT").counter().count()).isEqualTo(2);
		assertThat(registry.get("decision.latency").timer().count()).isEqualTo(2);
	}

}
