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
import com.contactdecision.decision.DecisionRecords;
import com.contactdecision.decision.DecisionListener;
import com.contactdecision.decision.BatchDecisions;
import com.contactdecision.decision.DecisionService;
import com.contactdecision.decision.FactReader;
import com.contactdecision.decision.SituationFactory;
import com.contactdecision.facts.Collector;
import com.contactdecision.facts.OptOutReply;
import com.contactdecision.history.ContactEvents;
import com.contactdecision.history.ContactHistory;
import com.contactdecision.profiles.ConsumerRecords;
import com.contactdecision.privacy.Pseudonymiser;
import com.contactdecision.profiles.ProfileStore;
import com.contactdecision.rules.ActiveRules;
import com.contactdecision.rules.DroolsRuleEngine;
import com.contactdecision.rules.RuleSetLoader;
import com.contactdecision.scenarios.ScenarioResult;
import com.contactdecision.scenarios.ScenarioCoverage;
import com.contactdecision.scenarios.ScenarioRunner;
import com.contactdecision.zones.TimeZoneResolver;

/** Assembles the plain-Java core. The stores come from {@link StoreConfiguration}. */
@Configuration(proxyBeanMethods = false)
class CoreConfiguration {

	private static final Logger log = LoggerFactory.getLogger(CoreConfiguration.class);

	/**
	 * The one Jackson configuration (core {@code Json}) answers HTTP too; Boot adds its
	 * own parts (the problem+json mix-in) to the same builder.
	 */
	@Bean
	JsonMapperBuilderCustomizer sharedJsonSettings() {
		return b -> Json.strict(Json.configure(b));
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
	 * The first load happens here, so a rule file that does not compile stops start-up
	 * with its file, line and message.
	 */
	@Bean
	ActiveRules activeRules(RulesProperties properties, Clock clock, TimeZoneResolver zones)
			throws ActiveRules.RejectedException {
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
	 * Every scenario must pass against a candidate rule set before it answers, and every
	 * dated row needs a scenario on each side of its date; without a scenario directory
	 * there is nothing to gate on, which is logged.
	 */
	static ActiveRules.Gate scenarioGate(RulesProperties properties, TimeZoneResolver zones) {
		Path dir = properties.scenariosDirectory();
		if (!Files.isDirectory(dir)) {
			log.warn("no scenario directory at {}: rule changes go live without the scenario gate", dir);
			return ActiveRules.Gate.NONE;
		}
		ScenarioRunner runner = new ScenarioRunner(zones);
		// A change of law without a scenario on each side of it is refused like a failing
		// scenario.
		return candidate -> java.util.stream.Stream
			.concat(runner.runAll(candidate, dir).stream().filter(ScenarioResult::failed).map(ScenarioResult::report),
					ScenarioCoverage.unpinned(candidate, dir).stream().map(u -> "FAIL coverage: " + u))
			.toList();
	}

	@Bean
	SituationFactory situationFactory(ProfileStore profiles, TimeZoneResolver zones, DecisioningProperties properties,
			Pseudonymiser pseudonyms) {
		return new SituationFactory(profiles, zones, properties.defaultCollectorId(), pseudonyms);
	}

	/**
	 * Every phone number and email address in an audit record goes through this one
	 * function; keyed pseudonyms replace it here alone.
	 */
	@Bean
	DecisionService decisionService(ActiveRules rules, DroolsRuleEngine engine, SituationFactory situations,
			FactReader reader, ContactHistory history, DecisionLog decisions, DecisionRecords records,
			Pseudonymiser pseudonyms, Clock clock, DecisionListener listener) {
		return new DecisionService(rules, engine, situations, reader, history, decisions, records,
				pseudonyms::pseudonym, clock, listener);
	}

	/**
	 * Batches (POST /v1/decisions:batch): their consumers' facts read in pipelines,
	 * decided on one thread per core.
	 */
	@Bean(destroyMethod = "close")
	BatchDecisions batchDecisions(DecisionService decisions) {
		return new BatchDecisions(decisions, BatchDecisions.cores(), BatchDecisions.DEFAULT_CHUNK);
	}

	/**
	 * The console's explanations and calendars: the same reader and engine as a CHECK,
	 * recording nothing.
	 */
	@Bean
	Explainer explainer(ActiveRules rules, DroolsRuleEngine engine, SituationFactory situations, FactReader reader,
			Clock clock) {
		return new Explainer(rules, engine, situations, reader, clock);
	}

	@Bean
	ContactEvents contactEvents(ContactHistory history, Clock clock, DecisioningProperties properties) {
		return new ContactEvents(history, clock, properties.defaultCollectorId(), properties.reservationSettleTime());
	}

	/**
	 * Inbound replies are read with the opt-out reply table of the rule set active when
	 * they arrive.
	 */
	@Bean
	ConsumerRecords consumerRecords(ProfileStore profiles, ContactHistory history, Clock clock,
			DecisioningProperties properties, ObjectMapper json, ActiveRules rules, Pseudonymiser pseudonyms,
			DecisionLog decisions) throws IOException {
		seedCollectors(profiles, properties, json);
		return new ConsumerRecords(profiles, history, clock,
				at -> rules.current().map(r -> r.parametersAt(at, OptOutReply.class)).orElse(List.of()), pseudonyms,
				List.of(decisions));
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
