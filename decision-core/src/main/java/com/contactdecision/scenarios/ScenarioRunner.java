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
import java.util.Locale;
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
import com.contactdecision.facts.OptOutReply;
import com.contactdecision.profiles.ConsumerRecords;
import com.contactdecision.profiles.InboundResult;
import com.contactdecision.profiles.InboundSms;
import com.contactdecision.profiles.InMemoryProfileStore;
import com.contactdecision.rules.ActiveRules;
import com.contactdecision.rules.DroolsRuleEngine;
import com.contactdecision.rules.ParameterRow;
import com.contactdecision.rules.RuleSet;
import com.contactdecision.zones.TimeZoneResolver;

/**
 * Runs scenario files against a rule set, each on fresh in-memory stores with the clock fixed at
 * the scenario's instant, through the server's own decision path. Thread-safe.
 */
public final class ScenarioRunner {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ScenarioRunner.class);

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
			List<String> differences = new ArrayList<>(decideAndCompare(ruleSet, s, s.when(), s.then()));
			for (Scenario.AlsoAt also : s.alsoAt()) {
				if (also.at() == null || also.then() == null || also.then().outcome() == null) {
					throw new IllegalArgumentException("every 'alsoAt' entry needs 'at' and 'then.outcome'");
				}
				ObjectNode when = ((ObjectNode) s.when()).deepCopy();
				when.set("at", also.at());
				decideAndCompare(ruleSet, s, when, also.then())
					.forEach(d -> differences.add("at " + also.at().asText() + ": " + d));
			}
			return new ScenarioResult(s.name(), differences.isEmpty() ? ScenarioResult.Status.PASS
					: ScenarioResult.Status.FAIL, differences);
		}
		catch (RuntimeException | IOException e) {
			return new ScenarioResult(s.name(), ScenarioResult.Status.FAIL,
					List.of("cannot run: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
		}
	}

	/** Arranges the givens on fresh stores at the request's instant, decides, and compares. */
	private List<String> decideAndCompare(RuleSet ruleSet, Scenario s, JsonNode when, Scenario.Then then)
			throws IOException {
		if (when == null || !when.isObject()) {
			throw new IllegalArgumentException("the scenario has no 'when' request");
		}
		if (then == null || then.outcome() == null) {
			throw new IllegalArgumentException("the scenario has no 'then.outcome'");
		}
		Scenario pinned = new Scenario(s.name(), s.description(), s.status(), s.given(), when, then, List.of());
		Arranged a = arrange(pinned, ruleSet);
		DecisionService service = new DecisionService(ActiveRules.of(ruleSet, a.clock()), engine, a.situations(),
				a.history(), new InMemoryDecisionLog(a.clock(), Duration.ofDays(8)), a.clock(), DecisionListener.NONE);
		for (ContactRequest earlier : a.earlier()) {
			service.decide(earlier);
		}
		List<String> differences = new ArrayList<>(compareInbound(then.inbound(), a.inbound()));
		differences.addAll(compare(then, service.decide(a.request())));
		return differences;
	}

	/**
	 * A scenario's given facts loaded into fresh in-memory stores, through the same paths the HTTP API
	 * uses, with the clock fixed at the request's instant.
	 *
	 * @param earlier the given earlier decisions, to be decided before the request
	 */
	public record Arranged(ContactRequest request, Clock clock, InMemoryProfileStore profiles,
			InMemoryContactHistory history, SituationFactory situations, List<ContactRequest> earlier,
			List<InboundResult> inbound) {
	}

	/**
	 * Loads the scenario's given facts, reading given inbound texts with the statutory opt-out words
	 * only; the scenario must have a {@code when} request with an {@code at}.
	 */
	public Arranged arrange(Scenario s) throws IOException {
		return arrange(s, null);
	}

	/** Loads the scenario's given facts, reading given inbound texts with the rule set's opt-out reply table. */
	public Arranged arrange(Scenario s, RuleSet ruleSet) throws IOException {
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
		Scenario.Given given = s.given() == null ? new Scenario.Given(null, null, null, null, null, null, null) : s.given();

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

	static List<String> compareInbound(List<Scenario.InboundReading> expected, List<InboundResult> got) {
		if (expected == null) {
			return List.of();
		}
		if (expected.size() != got.size()) {
			return List.of("inbound: expected " + expected.size() + " readings, " + got.size() + " texts were given");
		}
		List<String> diffs = new ArrayList<>();
		for (int i = 0; i < expected.size(); i++) {
			Scenario.InboundReading want = expected.get(i);
			InboundResult r = got.get(i);
			if (want.reading() != null && !want.reading().equalsIgnoreCase(r.reading().name())) {
				diffs.add("inbound[" + i + "].reading: expected " + want.reading() + ", got " + r.reading() + " (matched "
						+ r.matched() + ", rows " + r.rules() + ")");
			}
			Set<String> words = want.matched() == null ? null
					: new TreeSet<>(want.matched().stream().map(w -> w.toUpperCase(Locale.ROOT)).toList());
			if (words != null && !words.equals(new TreeSet<>(r.matched()))) {
				diffs.add("inbound[" + i + "].matched: expected " + words + ", got " + r.matched());
			}
			if (want.rules() != null && !new TreeSet<>(want.rules()).equals(new TreeSet<>(r.rules()))) {
				diffs.add("inbound[" + i + "].rules: expected " + new TreeSet<>(want.rules()) + ", got " + r.rules());
			}
		}
		return diffs;
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

	/**
	 * Changes of law without a scenario on each side: for every row of a table that comes into force or
	 * ends at an instant, the table's scenario folder ({@code frequency/frequency-caps.csv} →
	 * {@code frequency/frequency-caps/}) must decide at least once before that instant and once at or
	 * after it ({@code when.at} or an {@code alsoAt} instant).
	 */
	public static List<String> unpinned(RuleSet ruleSet, Path scenariosDir) {
		List<String> missing = new ArrayList<>();
		for (ParameterRow row : ruleSet.rows()) {
			for (Instant boundary : Stream.of(row.effectiveFrom(), row.effectiveUntil()).filter(java.util.Objects::nonNull).toList()) {
				String folder = row.file().replaceFirst("\\.csv$", "");
				List<Instant> instants = instants(scenariosDir, scenariosDir.resolve(folder));
				boolean before = instants.stream().anyMatch(t -> t.isBefore(boundary));
				boolean after = instants.stream().anyMatch(t -> !t.isBefore(boundary));
				if (!before || !after) {
					missing.add(row.file() + ":" + row.line() + " (" + row.id() + ") changes at " + boundary
							+ " but no scenario in " + folder + "/ decides " + (before ? "at or after" : after ? "before" : "on either side of")
							+ " it");
				}
			}
		}
		return missing;
	}

	/** Every instant the scenarios under a folder decide at; a file that cannot be read adds none. */
	private static List<Instant> instants(Path scenariosDir, Path folder) {
		List<Instant> instants = new ArrayList<>();
		for (Path file : discover(folder)) {
			try {
				Scenario s = read(scenariosDir, file);
				if (s.when() != null && s.when().hasNonNull("at")) {
					instants.add(JSON.treeToValue(s.when().get("at"), Instant.class));
				}
				for (Scenario.AlsoAt also : s.alsoAt()) {
					if (also.at() != null) {
						instants.add(JSON.treeToValue(also.at(), Instant.class));
					}
				}
			}
			catch (IOException | RuntimeException e) {
				// Not reported twice: the scenario run fails this file with the reason; it pins nothing here.
				log.debug("scenario {} pins no instant: {}", file, e.toString());
			}
		}
		return instants;
	}

}
