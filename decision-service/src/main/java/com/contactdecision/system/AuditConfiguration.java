package com.contactdecision.system;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.contactdecision.audit.AuditDatabase;
import com.contactdecision.audit.JdbcDecisionRecords;
import com.contactdecision.decision.SituationFactory;
import com.contactdecision.profiles.InMemoryProfileStore;
import com.contactdecision.replay.Simulation;
import com.contactdecision.rules.DroolsRuleEngine;
import com.contactdecision.zones.TimeZoneResolver;

/**
 * The audit store ({@code decisioning.audit.*}): the database, its records, the daily
 * retention purge and the simulation. With Redis, {@link StoreConfiguration} puts the
 * audit stream in front.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

	private static final Logger log = LoggerFactory.getLogger(AuditConfiguration.class);

	@Bean(destroyMethod = "close")
	AuditDatabase auditDatabase(AuditProperties properties) {
		return new AuditDatabase(properties.jdbcUrl(), properties.username(), properties.password(),
				properties.poolSize(), properties.connectionTimeout().toMillis());
	}

	@Bean
	JdbcDecisionRecords jdbcDecisionRecords(AuditDatabase database, Clock clock) {
		return new JdbcDecisionRecords(database, clock);
	}

	/**
	 * At start, then daily: records past the retention go (whole months on PostgreSQL).
	 */
	@Bean(destroyMethod = "shutdownNow")
	ScheduledExecutorService auditPurge(AuditDatabase database, AuditProperties properties, Clock clock) {
		ScheduledExecutorService purge = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread t = new Thread(r, "audit-purge");
			t.setDaemon(true);
			return t;
		});
		purge.scheduleWithFixedDelay(() -> {
			try {
				database.purge(clock.instant().minus(properties.retention()));
			}
			catch (SQLException | RuntimeException e) {
				log.error("audit retention purge failed; it runs again in a day", e);
			}
		}, 1, Duration.ofDays(1).toMinutes(), TimeUnit.MINUTES);
		return purge;
	}

	/** Replays read no store: a recorded situation is rebuilt from its record alone. */
	@Bean
	Simulation simulation(DroolsRuleEngine engine, TimeZoneResolver zones, AuditProperties properties,
			DecisioningProperties decisioning) {
		return new Simulation(engine,
				new SituationFactory(new InMemoryProfileStore(), zones, decisioning.defaultCollectorId()),
				properties.simulationThreads());
	}

}
