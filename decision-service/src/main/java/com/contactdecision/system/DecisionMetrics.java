package com.contactdecision.system;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import com.contactdecision.decision.Decision;
import com.contactdecision.decision.DecisionListener;
import com.contactdecision.decision.Reason;

/**
 * Decisions by outcome and reason, and their latency, for Prometheus; and one JSON line
 * per decision in the {@code decisions} log, without personal data.
 */
@Component
class DecisionMetrics implements DecisionListener {

	private static final Logger decisions = LoggerFactory.getLogger("decisions");

	private final MeterRegistry registry;

	private final Timer latency;

	private final tools.jackson.databind.ObjectMapper json;

	DecisionMetrics(MeterRegistry registry, tools.jackson.databind.ObjectMapper json) {
		this.registry = registry;
		this.json = json;
		this.latency = Timer.builder("decision.latency")
			.description("Time to decide one contact request, store round trips included")
			.register(registry);
	}

	/**
	 * One JSON object per decision. Reason messages are left out: they may name a phone
	 * number or an email address, and the full record is kept by the decision log.
	 */
	String event(Decision d, Duration took) {
		java.util.Map<String, Object> e = new java.util.LinkedHashMap<>();
		e.put("decisionId", d.decisionId());
		e.put("outcome", d.outcome());
		e.put("reasons", d.reasons().stream().map(r -> r.code().name() + ":" + r.rule()).toList());
		e.put("consumerId", d.consumerId());
		e.put("mode", d.mode());
		e.put("reserved", d.reserved());
		e.put("nextEligibleAt", d.nextEligibleAt() == null ? null : d.nextEligibleAt().toString());
		e.put("ruleSetVersion", d.ruleSetVersion());
		e.put("at", d.at() == null ? null : d.at().toString());
		e.put("tookMicros", took.toNanos() / 1000);
		try {
			return json.writeValueAsString(e);
		}
		catch (tools.jackson.core.JacksonException ex) {
			throw new IllegalStateException("a decision log event is plain data", ex);
		}
	}

	@Override
	public void decided(Decision d, Duration took) {
		latency.record(took);
		Counter.builder("decisions")
			.description("Decisions answered, by outcome")
			.tag("outcome", d.outcome().name())
			.tag("mode", d.mode().name())
			.register(registry)
			.increment();
		for (Reason r : d.reasons()) {
			Counter.builder("decision.reasons")
				.description("Blocking reasons given, by reason code")
				.tag("code", r.code().name())
				.register(registry)
				.increment();
		}
		if (decisions.isInfoEnabled()) {
			decisions.info(event(d, took));
		}
	}

}
