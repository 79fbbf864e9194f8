package com.contactdecision.scenarios;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import com.contactdecision.decision.ContactRequest;
import com.contactdecision.decision.SituationFactory;
import com.contactdecision.facts.Collector;
import com.contactdecision.facts.Consent;
import com.contactdecision.facts.ConsumerProfile;
import com.contactdecision.facts.Debt;
import com.contactdecision.facts.OptOutReply;
import com.contactdecision.history.ContactEvent;
import com.contactdecision.history.ContactEvents;
import com.contactdecision.history.InMemoryContactHistory;
import com.contactdecision.json.Json;
import com.contactdecision.profiles.ConsumerRecords;
import com.contactdecision.profiles.InMemoryProfileStore;
import com.contactdecision.profiles.InboundResult;
import com.contactdecision.profiles.InboundSms;
import com.contactdecision.rules.RuleSet;
import com.contactdecision.zones.TimeZoneResolver;

/**
 * Arranges a scenario's givens: fresh in-memory stores loaded through the same paths the
 * HTTP API uses, and the clock fixed at the request's instant. The one place that does
 * so, for the runner and for the engine tests. Thread-safe.
 */
public final class ScenarioArranger {

	public static final String DEFAULT_CONSUMER = "c-1";

	private static final ObjectMapper JSON = Json.mapper();

	private final TimeZoneResolver zones;

	public ScenarioArranger(TimeZoneResolver zones) {
		this.zones = zones;
	}

	/**
	 * A scenario's given facts in fresh stores, and its request.
	 *
	 * @param earlier the given earlier decisions, to be decided before the request
	 */
	public record Arranged(ContactRequest request, Clock clock, InMemoryProfileStore profiles,
			InMemoryContactHistory history, SituationFactory situations, List<ContactRequest> earlier,
			List<InboundResult> inbound) {
	}

	/**
	 * Loads the scenario's given facts, reading given inbound texts with the statutory
	 * opt-out words only; the scenario must have a {@code when} request with an
	 * {@code at}.
	 */
	public Arranged arrange(Scenario s) {
		return arrange(s, null);
	}

	/**
	 * Loads the scenario's given facts, reading given inbound texts with the rule set's
	 * opt-out reply table.
	 */
	public Arranged arrange(Scenario s, RuleSet ruleSet) {
		if (s.when() == null || !s.when().isObject()) {
			throw new IllegalArgumentException("the scenario has no 'when' request");
		}
		ObjectNode when = (ObjectNode) s.when().deepCopy();
		if (!when.hasNonNull("at")) {
			throw new IllegalArgumentException("'when.at' is required: a scenario decides at a fixed instant");
		}
		when.putIfAbsent("consumerId", JSON.getNodeFactory().textNode(DEFAULT_CONSUMER));
		when.putIfAbsent("mode", JSON.getNodeFactory().textNode("CHECK"));
		String consumerId = when.get("consumerId").asText();
		Instant at = JSON.treeToValue(when.get("at"), Instant.class);
		Clock clock = Clock.fixed(at, ZoneOffset.UTC);

		InMemoryProfileStore profiles = new InMemoryProfileStore();
		InMemoryContactHistory history = new InMemoryContactHistory(Duration.ofDays(400), clock);
		ConsumerRecords records = ruleSet == null ? new ConsumerRecords(profiles, history, clock)
				: new ConsumerRecords(profiles, history, clock, t -> ruleSet.parametersAt(t, OptOutReply.class));
		ContactEvents events = new ContactEvents(history, clock);
		Scenario.Given given = s.given() == null ? new Scenario.Given(null, null, null, null, null, null, null)
				: s.given();

		Collector collector = given.collector() == null ? null : JSON.treeToValue(given.collector(), Collector.class);
		if (collector != null) {
			profiles.putCollector(collector.collectorId() == null ? collector.withId("default") : collector);
		}
		if (given.profile() != null) {
			records.putProfile(consumerId, JSON.treeToValue(given.profile(), ConsumerProfile.class));
		}
		for (JsonNode debt : given.debts()) {
			profiles.putDebt(JSON.treeToValue(debt, Debt.class));
		}
		for (JsonNode consent : given.consents()) {
			records.addConsent(consumerId, JSON.treeToValue(consent, Consent.class));
		}
		List<InboundResult> inbound = new ArrayList<>();
		int n = 0;
		for (JsonNode text : given.inbound()) {
			ObjectNode t = (ObjectNode) text.deepCopy();
			JsonNode dialled = when.path("destination").path("phone");
			if (!t.hasNonNull("from") && dialled.isTextual()) {
				t.set("from", dialled);
			}
			t.putIfAbsent("eventId", JSON.getNodeFactory().textNode("given-inbound-" + ++n));
			inbound.add(records.inboundSms(JSON.treeToValue(t, InboundSms.class)));
		}
		for (JsonNode event : given.events()) {
			ObjectNode e = (ObjectNode) event.deepCopy();
			e.putIfAbsent("consumerId", JSON.getNodeFactory().textNode(consumerId));
			e.putIfAbsent("eventId", JSON.getNodeFactory().textNode("given-event-" + ++n));
			events.record(JSON.treeToValue(e, ContactEvent.class));
		}
		List<ContactRequest> earlier = new ArrayList<>();
		for (JsonNode decision : given.decisions()) {
			ObjectNode r = (ObjectNode) decision.deepCopy();
			r.putIfAbsent("consumerId", JSON.getNodeFactory().textNode(consumerId));
			earlier.add(JSON.treeToValue(r, ContactRequest.class));
		}
		return new Arranged(JSON.treeToValue(when, ContactRequest.class), clock, profiles, history,
				new SituationFactory(profiles, zones, "default"), List.copyOf(earlier), List.copyOf(inbound));
	}

}
