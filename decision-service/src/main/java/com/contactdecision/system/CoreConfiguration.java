package com.contactdecision.system;

import com.contactdecision.explain.Explainer;
import com.contactdecision.json.Json;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.contactdecision.decision.DecisionLog;
import com.contactdecision.decision.DecisionListener;
import com.contactdecision.decision.DecisionService;
import com.contactdecision.decision.FactReader;
import com.contactdecision.decision.SituationFactory;
import com.contactdecision.facts.Collector;
import com.contactdecision.history.ContactEvents;
import com.contactdecision.history.ContactHistory;
import com.contactdecision.profiles.ConsumerRecords;
import com.contactdecision.profiles.ProfileStore;
import com.contactdecision.rules.ActiveRules;
import com.contactdecision.rules.DroolsRuleEngine;
import com.contactdecision.rules.RuleSetLoader;
import com.contactdecision.scenarios.ScenarioResult;
import com.contactdecision.scenarios.ScenarioRunner;
import com.contactdecision.zones.TimeZoneResolver;

/** Assembles the plain-Java core. The stores come from {@link StoreConfiguration}. */
@Configuration(proxyBeanMethods = false)
class CoreConfiguration {

	private static final Logger log = LoggerFactory.getLogger(CoreConfiguration.class);

	/**
	 * The one Jackson configuration (core {@code Json}) answers HTTP too; Boot adds its own parts
	 * (the problem+json mix-in) to the same builder.
	 */
	@Bean
	JsonMapperBuilderCustomizer sharedJsonSettings() {
		return Json::configure;
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	TimeZoneResolver timeZoneResolver() {
		return new TimeZoneResolver();
	}

	@Bean
	DroolsRuleEngine droolsRuleEngine() {
		return new DroolsRuleEngine();
	}

	/**
	 * The first load happens here, so a rule file that does not compile stops start-up with its file,
	 * line and message.
	 */
	@Bean
	ActiveRules activeRules(RulesProperties properties, Clock clock, TimeZoneResolver zones) throws ActiveRules.RejectedException {
		Path dir = properties.directory();
		ActiveRules rules = new ActiveRules(new RuleSetLoader(clock), dir, clock, scenarioGate(properties, zones));
		try {
			rules.reload();
		}
		catch (ActiveRules.RejectedException e) {
			log.error("the rule directory {} cannot be loaded: {}", dir, e.failure());
			throw e;
		}
		return rules;
	}

	/**
	 * Every scenario must pass against a candidate rule set before it answers; without a scenario
	 * directory there is nothing to gate on, which is logged.
	 */
	static ActiveRules.Gate scenarioGate(RulesProperties properties, TimeZoneResolver zones) {
		Path dir = properties.scenariosDirectory();
		if (!Files.isDirectory(dir)) {
			log.warn("no scenario directory at {}: rule changes go live without the scenario gate", dir);
			return ActiveRules.Gate.NONE;
		}
		ScenarioRunner runner = new ScenarioRunner(zones);
		return candidate -> runner.runAll(candidate, dir)
			.stream()
			.filter(ScenarioResult::failed)
			.map(ScenarioResult::report)
			.toList();
	}

	@Bean
	SituationFactory situationFactory(ProfileStore profiles, TimeZoneResolver zones, DecisioningProperties properties) {
		return new SituationFactory(profiles, zones, properties.defaultCollectorId());
	}

	@Bean
	DecisionService decisionService(ActiveRules rules, DroolsRuleEngine engine, SituationFactory situations,
			FactReader reader, ContactHistory history, DecisionLog decisions, Clock clock, DecisionListener listener) {
		return new DecisionService(rules, engine, situations, reader, history, decisions, clock, listener);
	}

	/** The console's explanations and calendars: the same reader and engine as a CHECK, recording nothing. */
	@Bean
	Explainer explainer(ActiveRules rules, DroolsRuleEngine engine, SituationFactory situations, FactReader reader,
			Clock clock) {
		return new Explainer(rules, engine, situations, reader, clock);
	}

	@Bean
	ContactEvents contactEvents(ContactHistory history, Clock clock, DecisioningProperties properties) {
		return new ContactEvents(history, clock, properties.defaultCollectorId(), properties.reservationSettleTime());
	}

	@Bean
	ConsumerRecords consumerRecords(ProfileStore profiles, ContactHistory history, Clock clock,
			DecisioningProperties properties, ObjectMapper json) throws IOException {
		seedCollectors(profiles, properties, json);
		return new ConsumerRecords(profiles, history, clock);
	}

	private static void seedCollectors(ProfileStore profiles, DecisioningProperties properties, ObjectMapper json)
			throws IOException {
		if (properties.collectorsFile() == null || properties.collectorsFile().isBlank()) {
			return;
		}
		List<Collector> collectors = json.readValue(Files.readAllBytes(Path.of(properties.collectorsFile())),
				new TypeReference<List<Collector>>() {
				});
		collectors.forEach(profiles::putCollector);
		log.info("seeded {} collectors from {}", collectors.size(), properties.collectorsFile());
	}

}
