package com.contactdecision.system;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import com.contactdecision.rules.ActiveRules;

/** Ready only when a rule set is active; shows its version and the last failed load. */
@Component("rules")
class RulesHealthIndicator implements HealthIndicator {

	private final ActiveRules rules;

	RulesHealthIndicator(ActiveRules rules) {
		this.rules = rules;
	}

	@Override
	public Health health() {
		Health.Builder b = rules.current().isPresent() ? Health.up() : Health.down();
		rules.current().ifPresent(r -> b.withDetail("version", r.version()).withDetail("rules", r.ruleCount()));
		rules.lastError().ifPresent(e -> b.withDetail("lastError", e.toString()));
		return b.build();
	}

}
