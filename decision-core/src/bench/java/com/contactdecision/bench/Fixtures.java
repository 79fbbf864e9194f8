package com.contactdecision.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;

import com.contactdecision.decision.DecisionLog;
import com.contactdecision.decision.ContactRequest;
import com.contactdecision.decision.Decision;
import com.contactdecision.decision.DecisionListener;
import com.contactdecision.decision.DecisionService;
import com.contactdecision.decision.SituationFactory;
import com.contactdecision.decision.StoreFactReader;
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
import com.contactdecision.rules.RuleSetException;
import com.contactdecision.rules.RuleSetLoader;
import com.contactdecision.rules.Situation;
import com.contactdecision.zones.TimeZoneResolver;

/**
 * The world the benchmarks decide in: the real rule directory, one consumer on in-memory stores with
 * a profile, a TCPA consent for texts and ten past contact events, and three typical requests. All
 * built through the service's own types (JSON in, like the scenario runner), so it follows the
 * records as they grow. Plain Java, no Spring.
 */
public final class Fixtures {

	/** The typical requests; every one is decided at a fixed instant, so outcomes never drift. */
	public enum Kind {

		/** A manual call at 10:00 local (Ohio): allowed. */
		ALLOW_CALL("""
				{"consumerId":"c-bench","debtIds":["d-bench"],"channel":"CALL",
				 "destination":{"phone":"+16145550100","type":"MOBILE"},"mode":"CHECK",
				 "at":"2026-06-10T10:00:00-04:00"}"""),

		/** The same call at 07:59 local: denied INCONVENIENT_TIME, next eligible 08:00. */
		DENY_0759("""
				{"consumerId":"c-bench","debtIds":["d-bench"],"channel":"CALL",
				 "destination":{"phone":"+16145550100","type":"MOBILE"},"mode":"CHECK",
				 "at":"2026-06-10T07:59:00-04:00"}"""),

		/** An autodialed text with content checked by the content rules. */
		SMS_CONTENT("""
				{"consumerId":"c-bench","debtIds":["d-bench"],"channel":"SMS",
				 "destination":{"phone":"+16145550100","type":"MOBILE"},"mode":"CHECK",
				 "message":{"text":"Northwind Recovery: this is a communication from a debt collector about your account. Call 800-555-0100. Reply STOP to opt out."},
				 "at":"2026-06-10T14:00:00-04:00"}""");

		final String json;

		Kind(String json) {
			this.json = json;
		}

	}

	static final ObjectMapper JSON = com.contactdecision.json.Json.mapper();

	static final String CONSUMER = "c-bench";

	/** The instant the stores are seeded at (the requests' day). */
	static final Instant NOW = Instant.parse("2026-06-10T12:00:00Z");

	public final RuleSet ruleSet;

	public final DroolsRuleEngine engine = new DroolsRuleEngine();

	public final InMemoryProfileStore profiles = new InMemoryProfileStore();

	public final InMemoryContactHistory history = new InMemoryContactHistory(Duration.ofDays(400), java.time.Clock.systemUTC());

	public final SituationFactory situations;

	public final DecisionService service;

	public Fixtures(RuleSet ruleSet, TimeZoneResolver zones) {
		this.ruleSet = ruleSet;
		Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
		ConsumerRecords records = new ConsumerRecords(profiles, history, clock);
		ContactEvents events = new ContactEvents(history, clock);
		profiles.putCollector(read("""
				{"collectorId":"default","legalName":"Northwind Recovery LLC","businessName":"Northwind Recovery",
				 "type":"DEBT_COLLECTOR"}""", Collector.class));
		records.putProfile(CONSUMER, read("""
				{"addresses":[{"country":"US","state":"OH","postalCode":"43215"}],
				 "phones":[{"number":"+16145550100","type":"MOBILE"}]}""", ConsumerProfile.class));
		profiles.putDebt(read("""
				{"debtId":"d-bench","consumerId":"c-bench","creditor":"Acme Bank"}""", Debt.class));
		records.addConsent(CONSUMER, read("""
				{"kind":"TCPA","action":"GRANTED","channel":"SMS","destination":"+16145550100","scope":"ALL",
				 "source":"application","at":"2026-01-05T12:00:00Z"}""", Consent.class));
		for (ContactEvent e : pastEvents()) {
			events.record(e);
		}
		this.situations = new SituationFactory(profiles, zones, "default");
		this.service = new DecisionService(ActiveRules.of(ruleSet, clock), engine, situations, history,
				new DiscardingDecisionLog(), Clock.systemUTC(), DecisionListener.NONE);
	}

	/**
	 * Ten events over the last 30 days: four calls in the last week (under the 7-in-7 cap), texts, an
	 * email and an old conversation (outside the 7-day block), so every history rule has rows to scan.
	 */
	static List<ContactEvent> pastEvents() {
		String[][] rows = { { "CALL", "NO_ANSWER", "P1D" }, { "CALL", "VOICEMAIL_NO_MESSAGE", "P2D" },
				{ "SMS", "DELIVERED", "P2DT3H" }, { "CALL", "NO_ANSWER", "P4D" }, { "CALL", "BUSY", "P6D" },
				{ "EMAIL", "DELIVERED", "P9D" }, { "CALL", "NO_ANSWER", "P12D" }, { "SMS", "DELIVERED", "P15D" },
				{ "CALL", "CONVERSATION", "P20D" }, { "CALL", "NO_ANSWER", "P27D" } };
		List<ContactEvent> events = new ArrayList<>();
		int n = 0;
		for (String[] r : rows) {
			String dest = r[0].equals("EMAIL") ? "\"email\":\"pat@example.com\"" : "\"phone\":\"+16145550100\"";
			Instant at = NOW.minus(Duration.parse(r[2]));
			events.add(read("{\"eventId\":\"evt-bench-" + ++n + "\",\"consumerId\":\"c-bench\",\"debtIds\":[\"d-bench\"],"
					+ "\"channel\":\"" + r[0] + "\",\"direction\":\"OUTBOUND\",\"destination\":{" + dest + "},"
					+ "\"outcome\":\"" + r[1] + "\",\"at\":\"" + at + "\"}", ContactEvent.class));
		}
		return events;
	}

	public ContactRequest request(Kind kind) {
		return read(kind.json, ContactRequest.class);
	}

	/** The situation {@link DecisionService} would build for the request (same lookback). */
	public Situation situation(Kind kind) {
		ContactRequest req = request(kind);
		return situations.build(req, req.at(), new StoreFactReader(profiles, history).read(req.consumerId(),
				req.debtIds(), situations.collectorIdFor(req), req.at().minus(DecisionService.LOOKBACK)));
	}

	static <T> T read(String json, Class<T> type) {
		try {
			return JSON.readValue(json, type);
		}
		catch (tools.jackson.core.JacksonException e) {
			throw new IllegalStateException("bad fixture " + type.getSimpleName() + ": " + json, e);
		}
	}

	/**
	 * {@code -Drules.dir=...}, else {@code rules}, {@code ../rules} or {@code ../../rules}: the first
	 * that is a directory, so it runs from the repository root or from decision-service/.
	 */
	public static Path rulesDir() {
		String prop = System.getProperty("rules.dir");
		if (prop != null) {
			return Path.of(prop).toAbsolutePath().normalize();
		}
		for (String candidate : List.of("rules", "../rules", "../../rules")) {
			Path p = Path.of(candidate);
			if (Files.isDirectory(p)) {
				return p.toAbsolutePath().normalize();
			}
		}
		throw new IllegalStateException("no rule directory: pass -Drules.dir=/path/to/rules (cwd "
				+ Path.of("").toAbsolutePath() + ")");
	}

	public static RuleSet loadRules() {
		try {
			return new RuleSetLoader(Clock.systemUTC()).load(rulesDir());
		}
		catch (RuleSetException e) {
			throw new IllegalStateException("the rule directory " + rulesDir() + " does not compile: " + e.getMessage(), e);
		}
	}

	/**
	 * Keeps nothing: the in-memory log keeps every decision for the retention (8 days), which over
	 * millions of benchmark invocations would measure the heap, not the decision.
	 */
	static final class DiscardingDecisionLog implements DecisionLog {

		@Override
		public void save(Decision decision) {
		}

		@Override
		public Optional<Decision> find(String decisionId) {
			return Optional.empty();
		}

		@Override
		public void pseudonymise(String consumerId, java.util.function.UnaryOperator<String> pseudonym) {
			// keeps nothing, so nothing to pseudonymise
		}

		@Override
		public Decision once(String scope, String requestId, String fingerprint, Supplier<Decision> decide) {
			return decide.get();
		}

	}

	/** Preflight for bench/jmh.sh: loads the rule directory and prints what each request decides. */
	public static void main(String[] args) throws InterruptedException {
		Fixtures f = new Fixtures(loadRules(), new TimeZoneResolver());
		Fixtures.describe(f);
		if (args.length > 0 && args[0].equals("--cpu-threads")) {
			cpuPerOpConcurrent(f, Integer.parseInt(args[1]), Integer.parseInt(args[2]));
			return;
		}
		if (args.length > 0 && args[0].equals("--cpu")) {
			cpuPerOp(f, args.length > 1 ? Integer.parseInt(args[1]) : 20_000);
		}
		if (args.length > 0 && args[0].equals("--compare")) {
			printDecisions(f, args.length > 1 ? Integer.parseInt(args[1]) : 72, args.length > 2 && args[2].equals("busy"));
		}
		if (args.length > 0 && args[0].equals("--per-file")) {
			cpuPerRuleFile(f, args.length > 1 ? Integer.parseInt(args[1]) : 5_000);
		}
	}

	/**
	 * Which rule files cost most: for each rule file, a rule set of that file alone plus every
	 * parameter table, evaluated against the three situations (CPU time per evaluation, reused and
	 * fresh sessions), then the whole set without that file. Slow (one build per file and variant).
	 */
	static void cpuPerRuleFile(Fixtures f, int n) {
		Path dir = rulesDir();
		List<Path> all;
		try (var s = Files.walk(dir)) {
			all = s.filter(Files::isRegularFile).sorted().toList();
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		List<Path> ruleFiles = all.stream().filter(p -> p.toString().endsWith(".drl") || p.toString().endsWith(".drl.csv")).toList();
		List<Path> tables = all.stream().filter(p -> p.toString().endsWith(".csv") && !p.toString().endsWith(".drl.csv")).toList();
		System.out.printf("# per-file: alone = the file + every parameter table; without = every file but this one (us cpu per evaluation, %s)%n",
				java.util.Arrays.toString(Kind.values()));
		// warm the JIT on the whole set first: otherwise the first files measured pay for compilation
		for (int i = 0; i < 5; i++) {
			cost(f, f.ruleSet, n, DroolsRuleEngine.Mode.POOLED);
			cost(f, f.ruleSet, n, DroolsRuleEngine.Mode.FRESH);
		}
		double[] base = cost(f, f.ruleSet, n, DroolsRuleEngine.Mode.POOLED);
		System.out.printf("# per-file %-52s rules=%3d  fresh  %s%n", "(all)", f.ruleSet.ruleCount(),
				fmt(cost(f, f.ruleSet, n, DroolsRuleEngine.Mode.FRESH)));
		System.out.printf("# per-file %-52s rules=%3d  pooled %s%n", "(all)", f.ruleSet.ruleCount(), fmt(base));
		for (Path rule : ruleFiles) {
			RuleSet alone = subset(dir, tables, List.of(rule));
			List<Path> others = new ArrayList<>(ruleFiles);
			others.remove(rule);
			RuleSet without = subset(dir, tables, others);
			double[] pooled = cost(f, alone, n, DroolsRuleEngine.Mode.POOLED);
			double[] fresh = cost(f, alone, n, DroolsRuleEngine.Mode.FRESH);
			double[] wo = cost(f, without, n, DroolsRuleEngine.Mode.POOLED);
			double[] saved = new double[wo.length];
			for (int i = 0; i < wo.length; i++) {
				saved[i] = base[i] - wo[i];
			}
			System.out.printf("# per-file %-52s rules=%3d  alone pooled %s  alone fresh %s  all-but-this pooled saves %s%n",
					dir.relativize(rule), alone.ruleCount(), fmt(pooled), fmt(fresh), fmt(saved));
		}
	}

	private static String fmt(double[] v) {
		StringBuilder b = new StringBuilder();
		for (double d : v) {
			b.append(b.length() == 0 ? "" : " / ").append(String.format("%5.1f", d));
		}
		return b.toString();
	}

	private static double[] cost(Fixtures f, RuleSet set, int n, DroolsRuleEngine.Mode mode) {
		java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
		DroolsRuleEngine engine = new DroolsRuleEngine(mode);
		Kind[] kinds = Kind.values();
		double[] out = new double[kinds.length];
		for (int k = 0; k < kinds.length; k++) {
			Situation s = f.situation(kinds[k]);
			for (int i = 0; i < n; i++) {
				engine.evaluate(set, s);
			}
			long c0 = mx.getCurrentThreadCpuTime();
			for (int i = 0; i < n; i++) {
				engine.evaluate(set, s);
			}
			out[k] = (mx.getCurrentThreadCpuTime() - c0) / 1e3 / n;
		}
		return out;
	}

	private static RuleSet subset(Path dir, List<Path> tables, List<Path> ruleFiles) {
		try {
			Path tmp = Files.createTempDirectory("rules-subset");
			for (Path p : concat(tables, ruleFiles)) {
				Path to = tmp.resolve(dir.relativize(p).toString());
				Files.createDirectories(to.getParent());
				Files.copy(p, to);
			}
			RuleSet set = new RuleSetLoader(Clock.systemUTC()).load(tmp);
			try (var s = Files.walk(tmp)) {
				s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
			return set;
		}
		catch (java.io.IOException | RuleSetException e) {
			throw new IllegalStateException("cannot build a subset rule set", e);
		}
	}

	private static List<Path> concat(List<Path> a, List<Path> b) {
		List<Path> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

	/**
	 * CPU time per operation on this thread (ThreadMXBean), after a warm-up of the same count: a
	 * figure that time stolen by other processes on a busy machine does not inflate, unlike JMH's
	 * wall-clock scores. GC and JIT threads are not counted.
	 */
	static void cpuPerOp(Fixtures f, int n) {
		java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
		// Warm every kind first: the kind measured first otherwise pays for the JIT of the others' paths.
		for (Kind k : Kind.values()) {
			Situation s = f.situation(k);
			ContactRequest r = f.request(k);
			for (int i = 0; i < n; i++) {
				f.engine.evaluate(f.ruleSet, s);
			}
			for (int i = 0; i < n / 4; i++) {
				f.service.decide(r);
			}
		}
		for (Kind k : Kind.values()) {
			Situation s = f.situation(k);
			ContactRequest r = f.request(k);
			long sink = 0;
			for (int round = 0; round < 2; round++) {
				// bytes allocated by this thread: unlike time, not inflated by other processes
				long a0 = allocated();
				long c0 = mx.getCurrentThreadCpuTime();
				long w0 = System.nanoTime();
				for (int i = 0; i < n; i++) {
					sink += f.engine.evaluate(f.ruleSet, s).findings().size();
				}
				long c1 = mx.getCurrentThreadCpuTime();
				long w1 = System.nanoTime();
				long a1 = allocated();
				for (int i = 0; i < n / 4; i++) {
					sink += f.service.decide(r).reasons().size();
				}
				long c2 = mx.getCurrentThreadCpuTime();
				long w2 = System.nanoTime();
				long a2 = allocated();
				if (round == 1) {
					System.out.printf("# cpu %-12s evaluate %.1f us cpu (%.1f us wall, %.1f KB)  decide(CHECK) %.1f us cpu (%.1f us wall, %.1f KB)  [n=%d/%d, sink %d]%n",
							k, (c1 - c0) / 1e3 / n, (w1 - w0) / 1e3 / n, (a1 - a0) / 1024.0 / n, (c2 - c1) / 1e3 / (n / 4),
							(w2 - w1) / 1e3 / (n / 4), (a2 - a1) / 1024.0 / (n / 4), n, n / 4, sink);
				}
			}
		}
	}

	private static long allocated() {
		return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
			.getThreadAllocatedBytes(Thread.currentThread().getId());
	}

	/**
	 * CPU time per decision(CHECK) with {@code threads} threads deciding at once, as a server's
	 * request threads do: the sum of the workers' thread CPU time over the operations. Shows what
	 * contention (the rule sessions' pool, locks) costs beyond one thread.
	 */
	static void cpuPerOpConcurrent(Fixtures f, int threads, int perThread) throws InterruptedException {
		java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
		// Built once: the measured loop decides, it does not parse fixtures.
		List<ContactRequest> requests = java.util.Arrays.stream(Kind.values()).map(f::request).toList();
		for (int round = 0; round < 2; round++) {
			java.util.concurrent.atomic.AtomicLong cpu = new java.util.concurrent.atomic.AtomicLong();
			java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
			List<Thread> workers = new java.util.ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int id = t;
				Thread w = new Thread(() -> {
					try {
						start.await();
					}
					catch (InterruptedException e) {
						Thread.currentThread().interrupt();
						return;
					}
					long c0 = mx.getCurrentThreadCpuTime();
					for (int i = 0; i < perThread; i++) {
						f.service.decide(requests.get((id + i) % requests.size()));
					}
					cpu.addAndGet(mx.getCurrentThreadCpuTime() - c0);
				});
				w.start();
				workers.add(w);
			}
			long w0 = System.nanoTime();
			start.countDown();
			for (Thread w : workers) {
				w.join();
			}
			long wall = System.nanoTime() - w0;
			if (round == 1) {
				System.out.printf("# cpu-threads %d: decide(CHECK) %.1f us cpu per op, %.0f ops/s wall [%d ops]%n", threads,
						cpu.get() / 1e3 / (threads * (long) perThread), threads * (long) perThread / (wall / 1e9),
						threads * (long) perThread);
			}
		}
	}

	static final List<String> COMPARE_TEXTS = List.of(
			"Northwind Recovery: this is a communication from a debt collector about your account. Reply STOP to opt out.",
			"Northwind Recovery: please call us at 800-555-0100.",
			"This is a communication from a debt collector. To stop texts, visit https://x.example/unsub",
			"We are attempting to collect a debt and any information obtained will be used for that purpose. Text back with the word \u201CQUIT\u201D to end.",
			"This is a communication from a debt collector. We will take you to court and garnish your wages. Reply STOP to opt out.",
			"This is a communication from a debt collector. We will not sue you for it. Reply STOP to opt out.",
			"Hi Pat, this is Sam from Northwind. Please call 800-555-0100. Click here to unsubscribe.",
			"<a href=\"https://x.example/o\">Opt out</a> This is a communication from a debt collector.");

	/**
	 * What the service decides for a grid of requests (every 20 minutes over {@code hours} hours from
	 * the fixtures' day; a call, a prerecorded call, and a text with each of {@link #COMPARE_TEXTS}),
	 * one line each, so two builds can be compared with diff: a change that must not change any
	 * decision prints the same lines.
	 */
	static void printDecisions(Fixtures f, int hours, boolean busy) {
		Instant start = NOW.minus(Duration.ofHours(12));
		List<String> bodies = new ArrayList<>();
		bodies.add("\"channel\":\"CALL\",\"destination\":{\"phone\":\"+16145550100\",\"type\":\"MOBILE\"}");
		bodies.add("\"channel\":\"CALL\",\"dialMode\":\"PRERECORDED\",\"destination\":{\"phone\":\"+16145550100\",\"type\":\"LANDLINE\"}");
		for (String text : COMPARE_TEXTS) {
			bodies.add("\"channel\":\"SMS\",\"destination\":{\"phone\":\"+16145550100\",\"type\":\"MOBILE\"},\"message\":{\"text\":\""
					+ text.replace("\"", "\\\"") + "\"}");
		}
		if (busy) {
			// More history, so the caps, the conversation block and the TCPA prerecorded limit decide too.
			ContactEvents events = new ContactEvents(f.history, Clock.fixed(NOW, ZoneOffset.UTC));
			String[][] rows = { { "CALL", "NO_ANSWER", "PT5H", "MOBILE", "MANUAL" }, { "CALL", "NO_ANSWER", "P1DT2H", "MOBILE", "MANUAL" },
					{ "CALL", "DROPPED", "P3DT1H", "MOBILE", "MANUAL" }, { "CALL", "VOICEMAIL_LEFT", "P1DT6H", "LANDLINE", "PRERECORDED" },
					{ "CALL", "VOICEMAIL_LEFT", "P5D", "LANDLINE", "PRERECORDED" }, { "CALL", "VOICEMAIL_LEFT", "P9D", "LANDLINE", "PRERECORDED" },
					{ "CALL", "CONVERSATION", "P8D", "MOBILE", "MANUAL" } };
			int k = 100;
			for (String[] r : rows) {
				events.record(read("{\"eventId\":\"evt-bench-" + ++k + "\",\"consumerId\":\"c-bench\",\"debtIds\":[\"d-bench\"],"
						+ "\"channel\":\"" + r[0] + "\",\"direction\":\"OUTBOUND\",\"dialMode\":\"" + r[4] + "\","
						+ "\"destination\":{\"phone\":\"+16145550100\",\"type\":\"" + r[3] + "\"},\"outcome\":\"" + r[1]
						+ "\",\"at\":\"" + NOW.minus(Duration.parse(r[2])) + "\"}", ContactEvent.class));
			}
		}
		int n = 0;
		for (int step = 0; step < hours * 3; step++) {
			Instant at = start.plus(Duration.ofMinutes(20L * step));
			for (int b = 0; b < bodies.size(); b++) {
				ContactRequest r = read("{\"consumerId\":\"c-bench\",\"debtIds\":[\"d-bench\"]," + bodies.get(b)
						+ ",\"mode\":\"CHECK\",\"at\":\"" + at + "\"}", ContactRequest.class);
				Decision d = f.service.decide(r);
				System.out.println("# compare " + at + " " + b + " -> " + d.outcome() + " "
						+ d.reasons().stream().map(x -> x.code().name() + "/" + x.rule() + "/" + x.message()).toList() + " next="
						+ d.nextEligibleAt() + " obligations=" + d.obligations() + " warnings=" + d.warnings());
				n++;
			}
		}
		System.out.println("# compare: " + n + " decisions");
	}

	/** Prints what the fixtures decide, once per fork, so a run records its rule set and outcomes. */
	static void describe(Fixtures f) {
		System.out.println("# rules.dir=" + rulesDir() + " ruleCount=" + f.ruleSet.ruleCount() + " files="
				+ f.ruleSet.files().size() + " parameterRows=" + f.ruleSet.parameters().size() + " version="
				+ f.ruleSet.version());
		for (Kind k : Kind.values()) {
			Decision d = f.service.decide(f.request(k));
			System.out.println("# " + k + " -> " + d.outcome() + " " + d.reasons().stream().map(r -> r.code().name()).toList()
					+ " next=" + d.nextEligibleAt() + " zones=" + d.timeZones() + " facts="
					+ f.situation(k).facts().size() + " history=" + f.situation(k).history().records().size());
		}
	}

}
