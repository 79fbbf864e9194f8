package com.contactdecision.scenarios;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.node.ObjectNode;
import com.contactdecision.json.Json;

import com.contactdecision.decision.InMemoryDecisionLog;
import com.contactdecision.decision.ContactRequest;
import com.contactdecision.decision.Decision;
import com.contactdecision.decision.DecisionListener;
import com.contactdecision.decision.DecisionService;
import com.contactdecision.decision.Reason;
import com.contactdecision.decision.SituationFactory;
import com.contactdecision.facts.Collector;
import com.contactdecision.facts.Consent;
import com.contactdecision.facts.ConsumerProfile;
import com.contactdecision.facts.Debt;
import com.contactdecision.history.ContactEvent;
import com.contactdecision.history.ContactEvents;
import com.contactdecision.history.InMemoryContactHistory;
import com.contactdecision.profiles.ConsumerRecords;
import com.contactdecision.profiles.InMemoryProfileStore;
import com.contactdecision.rules.ActiveRules;
import com.contactdecision.rules.DroolsRuleEngine;
import com.contactdecision.rules.RuleSet;
import com.contactdecision.zones.TimeZoneResolver;

/**
 * Runs scenario files against a rule set, each on fresh in-memory stores with the clock fixed at
 * the scenario's instant, through the server's own decision path. Thread-safe.
 */
public final class ScenarioRunner {

	public static final String DEFAULT_CONSUMER = "c-1";

	private static final ObjectMapper JSON = Json.mapper();

	private static final ObjectMapper YAML = Json.yaml();

	private final TimeZoneResolver zones;

	private final DroolsRuleEngine engine = new DroolsRuleEngine();

	public ScenarioRunner(TimeZoneResolver zones) {
		this.zones = zones;
	}

	/** Every scenario file under the directory ({@code *.yaml}, {@code *.yml}), in a stable order. */
	public static List<Path> discover(Path dir) {
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		try (Stream<Path> s = Files.walk(dir)) {
			return s.filter(Files::isRegularFile)
				.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
				.sorted()
				.toList();
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot list scenarios in " + dir, e);
		}
	}

	/** Reads one scenario file; its name is its path under {@code dir} without extension. */
	public static Scenario read(Path dir, Path file) throws IOException {
		String name = dir.relativize(file).toString().replace('\\', '/').replaceFirst("\\.ya?ml$", "");
		JsonNode node = YAML.readTree(file.toFile());
		if (node == null || !node.isObject()) {
			throw new IOException("not a YAML mapping");
		}
		((ObjectNode) node).put("name", name);
		return YAML.treeToValue(node, Scenario.class);
	}

	/**
	 * Runs every scenario under {@code dir}, in file order; a file that cannot be read is a failure,
	 * not an exception. Scenarios share nothing (each has its own stores and clock), so they run in
	 * parallel: this is the gate a changed rule set passes before it goes live, and it should take
	 * well under a second.
	 */
	public List<ScenarioResult> runAll(RuleSet ruleSet, Path dir) {
		List<Path> files = discover(dir);
		int threads = Math.max(1, Math.min(files.size(), Runtime.getRuntime().availableProcessors()));
		// Our own threads, not the common pool: inside the Boot jar only threads that carry this
		// class loader can load the engine's classes.
		ClassLoader loader = ScenarioRunner.class.getClassLoader();
		ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
			Thread t = new Thread(task, "scenario-runner");
			t.setContextClassLoader(loader);
			t.setDaemon(true);
			return t;
		});
		try {
			List<Future<ScenarioResult>> running = new ArrayList<>();
			for (Path file : files) {
				running.add(pool.submit(() -> runFile(ruleSet, dir, file)));
			}
			List<ScenarioResult> results = new ArrayList<>();
			for (Future<ScenarioResult> f : running) {
				results.add(f.get());
			}
			return results;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while running the scenarios", e);
		}
		catch (ExecutionException e) {
			throw new IllegalStateException("a scenario run failed outside its own checks", e.getCause());
		}
		finally {
			pool.shutdownNow();
		}
	}

	private ScenarioResult runFile(RuleSet ruleSet, Path dir, Path file) {
		Scenario scenario;
		try {
			scenario = read(dir, file);
		}
		catch (IOException | RuntimeException e) {
			return new ScenarioResult(dir.relativize(file).toString(), ScenarioResult.Status.FAIL,
					List.of("cannot read the scenario: " + e.getMessage()));
		}
		return run(ruleSet, scenario);
	}

	public ScenarioResult run(RuleSet ruleSet, Scenario s) {
		if (s.isTodo()) {
			return new ScenarioResult(s.name(), ScenarioResult.Status.SKIP, List.of("status: todo"));
		}
		try {
			Decision d = decide(ruleSet, s);
			List<String> differences = compare(s.then(), d);
			return new ScenarioResult(s.name(), differences.isEmpty() ? ScenarioResult.Status.PASS
					: ScenarioResult.Status.FAIL, differences);
		}
		catch (RuntimeException | IOException e) {
			return new ScenarioResult(s.name(), ScenarioResult.Status.FAIL,
					List.of("cannot run: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
		}
	}

	private Decision decide(RuleSet ruleSet, Scenario s) throws IOException {
		if (s.when() == null || !s.when().isObject()) {
			throw new IllegalArgumentException("the scenario has no 'when' request");
		}
		if (s.then() == null || s.then().outcome() == null) {
			throw new IllegalArgumentException("the scenario has no 'then.outcome'");
		}
		Arranged a = arrange(s);
		DecisionService service = new DecisionService(ActiveRules.of(ruleSet, a.clock()), engine, a.situations(),
				a.history(), new InMemoryDecisionLog(a.clock(), Duration.ofDays(8)), a.clock(), DecisionListener.NONE);
		for (ContactRequest earlier : a.earlier()) {
			service.decide(earlier);
		}
		return service.decide(a.request());
	}

	/**
	 * A scenario's given facts loaded into fresh in-memory stores, through the same paths the HTTP API
	 * uses, with the clock fixed at the request's instant.
	 *
	 * @param earlier the given earlier decisions, to be decided before the request
	 */
	public record Arranged(ContactRequest request, Clock clock, InMemoryProfileStore profiles,
			InMemoryContactHistory history, SituationFactory situations, List<ContactRequest> earlier) {
	}

	/** Loads the scenario's given facts; the scenario must have a {@code when} request with an {@code at}. */
	public Arranged arrange(Scenario s) throws IOException {
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
		ConsumerRecords records = new ConsumerRecords(profiles, history, clock);
		ContactEvents events = new ContactEvents(history, clock);
		Scenario.Given given = s.given() == null ? new Scenario.Given(null, null, null, null, null, null) : s.given();

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
		int n = 0;
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
				new SituationFactory(profiles, zones, "default"), List.copyOf(earlier));
	}

	static List<String> compare(Scenario.Then then, Decision d) {
		List<String> diffs = new ArrayList<>();
		Set<String> got = new TreeSet<>(d.reasons().stream().map(r -> r.code().name()).toList());
		if (!then.outcome().equalsIgnoreCase(d.outcome().name())) {
			diffs.add("outcome: expected " + then.outcome() + ", got " + d.outcome());
		}
		List<String> expectedReasons = then.reasons() != null ? then.reasons()
				: "ALLOW".equalsIgnoreCase(then.outcome()) ? List.of() : null;
		if (expectedReasons != null) {
			Set<String> want = new TreeSet<>(expectedReasons);
			if (!want.equals(got)) {
				Set<String> missing = new TreeSet<>(want);
				missing.removeAll(got);
				Set<String> extra = new TreeSet<>(got);
				extra.removeAll(want);
				diffs.add("reasons: expected " + want + ", got " + got + (missing.isEmpty() ? "" : "; missing " + missing)
						+ (extra.isEmpty() ? "" : "; unexpected " + extra));
			}
		}
		if (then.obligations() != null) {
			Set<String> want = new TreeSet<>(then.obligations());
			Set<String> have = new TreeSet<>(d.obligations().stream().map(Enum::name).toList());
			if (!want.equals(have)) {
				diffs.add("obligations: expected " + want + ", got " + have);
			}
		}
		if (then.nextEligibleAt() != null) {
			Instant want = then.nextEligibleAt().isNull() ? null
					: OffsetDateTime.parse(then.nextEligibleAt().asText()).toInstant();
			if (want == null ? d.nextEligibleAt() != null : !want.equals(d.nextEligibleAt())) {
				diffs.add("nextEligibleAt: expected " + want + ", got " + d.nextEligibleAt());
			}
		}
		if (then.timeZones() != null && !new TreeSet<>(then.timeZones()).equals(new TreeSet<>(d.timeZones()))) {
			diffs.add("timeZones: expected " + new TreeSet<>(then.timeZones()) + ", got " + d.timeZones());
		}
		if (then.reserved() != null && then.reserved() != d.reserved()) {
			diffs.add("reserved: expected " + then.reserved() + ", got " + d.reserved());
		}
		if (!diffs.isEmpty()) {
			for (Reason r : d.reasons()) {
				diffs.add("  got " + r.code() + " (" + r.rule() + "): " + r.message());
			}
		}
		return diffs;
	}

	/**
	 * Rule files without a scenario folder: every {@code rules/<area>/<name>.drl} (or table) must have
	 * {@code scenarios/<area>/<name>/} with at least one scenario.
	 */
	public static List<String> uncovered(Path rulesDir, Path scenariosDir) {
		List<String> missing = new ArrayList<>();
		try (Stream<Path> s = Files.walk(rulesDir)) {
			for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
				String rel = rulesDir.relativize(p).toString().replace('\\', '/');
				if (!rel.endsWith(".drl") && !rel.endsWith(".drl.csv") && !rel.endsWith(".drl.xlsx")) {
					continue;
				}
				String folder = rel.replaceFirst("\\.drl(\\.csv|\\.xlsx)?$", "");
				if (discover(scenariosDir.resolve(folder)).isEmpty()) {
					missing.add(rel + " has no scenario in " + folder + "/");
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot list rules in " + rulesDir, e);
		}
		return missing;
	}

}
