package com.contactdecision.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import com.contactdecision.decision.ContactRequest;
import com.contactdecision.decision.DecisionListener;
import com.contactdecision.decision.DecisionRecord;
import com.contactdecision.decision.DecisionRecords;
import com.contactdecision.decision.DecisionService;
import com.contactdecision.decision.InMemoryDecisionLog;
import com.contactdecision.decision.Mode;
import com.contactdecision.decision.SituationFactory;
import com.contactdecision.decision.StoreFactReader;
import com.contactdecision.facts.Address;
import com.contactdecision.facts.Channel;
import com.contactdecision.facts.Collector;
import com.contactdecision.facts.CollectorType;
import com.contactdecision.facts.ConsentAction;
import com.contactdecision.facts.ConsentKind;
import com.contactdecision.facts.ConsentScope;
import com.contactdecision.facts.ConsumerProfile;
import com.contactdecision.facts.Destination;
import com.contactdecision.facts.LineType;
import com.contactdecision.facts.Message;
import com.contactdecision.facts.PhoneNumber;
import com.contactdecision.history.InMemoryContactHistory;
import com.contactdecision.profiles.ConsumerRecords;
import com.contactdecision.profiles.InMemoryProfileStore;
import com.contactdecision.replay.Simulation;
import com.contactdecision.rules.ActiveRules;
import com.contactdecision.rules.DroolsRuleEngine;
import com.contactdecision.rules.RuleSet;
import com.contactdecision.rules.RuleSetLoader;
import com.contactdecision.zones.TimeZoneResolver;

/**
 * Not a test: the replay measurement of BENCHMARKS.md "Audit: replaying recorded
 * decisions", run by {@code bench/audit-replay.sh}. Records {@code --records} real
 * decisions (calls and texts about {@code --consumers} consumers over a week, RESERVE, so
 * histories grow and caps start to deny) through the server's decision path into the
 * audit database at {@code --jdbc-url}, then replays every one of them under the same
 * rule set (must flip nothing) and under a stricter one (the federal call cap at 3), on
 * {@code --threads} threads, timing each.
 */
public final class AuditReplayBench {

	public static void main(String[] args) throws Exception {
		String url = null;
		int records = 100_000;
		int consumers = 5_000;
		int threads = 2;
		Path rules = Path.of("rules");
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--jdbc-url" -> url = args[++i];
				case "--records" -> records = Integer.parseInt(args[++i]);
				case "--consumers" -> consumers = Integer.parseInt(args[++i]);
				case "--threads" -> threads = Integer.parseInt(args[++i]);
				case "--rules" -> rules = Path.of(args[++i]);
				default -> throw new IllegalArgumentException("unknown option " + args[i]);
			}
		}
		url = url != null ? url : AuditTestDatabase.scratch();
		RuleSet ruleSet = new RuleSetLoader(Clock.systemUTC()).load(rules);
		try (AuditDatabase db = new AuditDatabase(url, null, null, threads + 2, 10_000)) {
			JdbcDecisionRecords database = new JdbcDecisionRecords(db, Clock.systemUTC());
			long t0 = System.nanoTime();
			record(ruleSet, database, records, consumers);
			System.out.printf("# recorded %d decisions in %.1f s (decide + batched insert)%n", records,
					(System.nanoTime() - t0) / 1e9);
			Simulation simulation = new Simulation(new DroolsRuleEngine(),
					new SituationFactory(new InMemoryProfileStore(), new TimeZoneResolver(), "default"), threads);
			for (int run = 1; run <= 2; run++) {
				long t = System.nanoTime();
				long cpu = processCpuNanos();
				Simulation.Report same = simulation.run(ruleSet, ruleSet.version(), database,
						DecisionRecords.Query.between(null, null, 0));
				double wall = (System.nanoTime() - t) / 1e9;
				System.out.printf(
						"# replay %d, active rules: %d replayed in %.1f s wall (%.0f /s), %.1f s CPU of this"
								+ " JVM (%.0f us per decision), %d flipped%n",
						run, same.replayed(), wall, same.replayed() / wall, (processCpuNanos() - cpu) / 1e9,
						(processCpuNanos() - cpu) / 1e3 / same.replayed(), same.flipped());
			}
			Path candidate = Files.createTempDirectory("candidate");
			copy(rules, candidate);
			Path caps = candidate.resolve("frequency/frequency-caps.csv");
			Files.writeString(caps, Files.readString(caps)
				.replace("PLACED_CALLS,DEBT,7,7,CALL_FREQUENCY_CAP", "PLACED_CALLS,DEBT,7,3,CALL_FREQUENCY_CAP"));
			RuleSet stricter = new RuleSetLoader(Clock.systemUTC()).load(candidate);
			long t = System.nanoTime();
			Simulation.Report report = simulation.run(stricter, ruleSet.version(), database,
					DecisionRecords.Query.between(null, null, 0));
			System.out.printf("# replay, federal call cap 7 -> 3: %d replayed in %.1f s, %d flipped: %s%n",
					report.replayed(), (System.nanoTime() - t) / 1e9, report.flipped(),
					report.flips()
						.stream()
						.map(f -> f.from() + "->" + f.to() + " " + f.reason() + " " + f.rule() + " x" + f.count())
						.toList());
		}
	}

	static void record(RuleSet ruleSet, JdbcDecisionRecords database, int n, int consumers) throws Exception {
		Instant start = Instant.parse("2026-11-16T14:00:00Z");
		Clock clock = Clock.fixed(start, ZoneOffset.UTC);
		InMemoryProfileStore profiles = new InMemoryProfileStore();
		InMemoryContactHistory history = new InMemoryContactHistory(Duration.ofDays(400), clock);
		ConsumerRecords people = new ConsumerRecords(profiles, history, clock);
		profiles.putCollector(new Collector("default", "Northwind Recovery LLC", "Northwind Recovery",
				CollectorType.DEBT_COLLECTOR, java.util.Map.of()));
		for (int c = 0; c < consumers; c++) {
			people.putProfile("c-" + c,
					new ConsumerProfile(null, List.of(new Address("US", "OH", "43215")), null,
							List.of(new PhoneNumber(phone(c), LineType.MOBILE, false)), null, null, null, null, null,
							null, null, false));
			if (c % 2 == 0) {
				people.addConsent("c-" + c,
						new com.contactdecision.facts.Consent(ConsentKind.TCPA, ConsentAction.GRANTED, Channel.SMS,
								phone(c), ConsentScope.ALL, "application", Instant.parse("2026-01-05T12:00:00Z"), null,
								null, null));
			}
		}
		List<DecisionRecord> buffer = new ArrayList<>();
		DecisionRecords batching = new DecisionRecords() {

			@Override
			public void keep(DecisionRecord record) {
				buffer.add(record);
				if (buffer.size() == 1000) {
					database.keepAll(buffer);
					buffer.clear();
				}
			}

			@Override
			public Optional<DecisionRecord> find(String decisionId) {
				return Optional.empty();
			}

			@Override
			public Page query(Query query) {
				throw new UnsupportedOperationException();
			}

			@Override
			public void forEach(Query query, Consumer<DecisionRecord> each) {
				throw new UnsupportedOperationException();
			}

		};
		DecisionService service = new DecisionService(ActiveRules.of(ruleSet, clock), new DroolsRuleEngine(),
				new SituationFactory(profiles, new TimeZoneResolver(), "default"),
				new StoreFactReader(profiles, history), history,
				new InMemoryDecisionLog(clock, Duration.ofDays(8), 1000), batching,
				com.contactdecision.privacy.HmacPseudonymiser.ephemeral()::pseudonym, Clock.systemUTC(),
				DecisionListener.NONE);
		// A week of working hours in Ohio (14:00-22:00 UTC is 09:00-17:00 EST), spread
		// evenly.
		long span = Duration.ofHours(8).toMillis();
		for (int i = 0; i < n; i++) {
			int c = i % consumers;
			int day = (int) ((long) i * 7 / n);
			Instant at = start.plus(Duration.ofDays(day)).plusMillis((long) i * 7919 % span);
			boolean sms = i % 3 == 0;
			service.decide(new ContactRequest(null, null, "c-" + c, List.of("d-" + c), sms ? Channel.SMS : Channel.CALL,
					new Destination(phone(c), null, null, null, null), null, null, null,
					sms ? new Message("Northwind Recovery: this is a debt collector. Reply STOP to opt out.", null)
							: null,
					null, null, Mode.RESERVE, at));
		}
		database.keepAll(buffer);
	}

	/**
	 * CPU time of this JVM, every thread (the replay's readers, evaluators, GC, JIT):
	 * other processes excluded.
	 */
	static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	static String phone(int c) {
		return "+1614" + String.format("%07d", 2_000_000 + c);
	}

	static void copy(Path from, Path to) throws Exception {
		try (var all = Files.walk(from)) {
			for (Path p : all.toList()) {
				Path target = to.resolve(from.relativize(p).toString());
				if (Files.isDirectory(p)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(p, target);
				}
			}
		}
	}

}
