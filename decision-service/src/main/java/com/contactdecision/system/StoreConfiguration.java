package com.contactdecision.system;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.contactdecision.audit.DecisionLog;
import com.contactdecision.audit.InMemoryDecisionLog;
import com.contactdecision.history.ContactHistory;
import com.contactdecision.history.InMemoryContactHistory;
import com.contactdecision.profiles.InMemoryProfileStore;
import com.contactdecision.profiles.ProfileStore;

/** The stores: in memory unless {@code decisioning.redis-url} is set. */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

	@Bean
	ContactHistory contactHistory(DecisioningProperties properties) {
		return new InMemoryContactHistory(properties.historyRetention());
	}

	@Bean
	ProfileStore profileStore() {
		return new InMemoryProfileStore();
	}

	@Bean
	DecisionLog decisionLog(DecisioningProperties properties, Clock clock) {
		return new InMemoryDecisionLog(clock, properties.idempotencyRetention());
	}

}
