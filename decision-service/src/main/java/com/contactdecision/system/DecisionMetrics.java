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
 * Decisions by outcome and reason, and their latency, for Prometheus; and one line per decision in
 * the {@code decisions} log. A decision holds no phone number or email, so the line needs no masking.
 */
@Component
class DecisionMetrics implements DecisionListener {

	private static final Logger decisions = LoggerFactory.getLogger("decisions");

	private final MeterRegistry registry;

	private final Timer latency;

	DecisionMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.latency = Timer.builder("decision.latency")
			.description("Time to decide one contact request, store round trips included")
			.register(registry);
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
			decisions.info("decision id={} outcome={} reasons={} consumer={} reserved={} ruleSet={} at={} tookMicros={}",
					d.decisionId(), d.outcome(), d.reasons().stream().map(r -> r.code().name()).toList(), d.consumerId(),
					d.reserved(), d.ruleSetVersion(), d.at(), took.toNanos() / 1000);
		}
	}

}
