package com.contactdecision.audit;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;

import com.contactdecision.decision.DecisionRecords;
import com.contactdecision.decision.SituationFactory;
import com.contactdecision.json.Json;
import com.contactdecision.profiles.InMemoryProfileStore;
import com.contactdecision.replay.Simulation;
import com.contactdecision.rules.DroolsRuleEngine;
import com.contactdecision.rules.RuleSet;
import com.contactdecision.rules.RuleSetException;
import com.contactdecision.rules.RuleSetLoader;
import com.contactdecision.zones.TimeZoneResolver;

/**
 * {@code java -jar decision-service.jar simulate --rules DIR [--from INSTANT] [--to INSTANT]
 * [--limit N] [--jdbc-url URL] [--threads N]}: what {@code POST /v1/rules:simulate}
 * answers, from the command line, against the audit database ({@code AUDIT_JDBC_URL},
 * else the embedded file under {@code DATA_DIR} or {@code ./data}). Prints the report as
 * JSON; exits 0 when nothing flips, 3 when something does, 1 when the candidate does not
 * compile, 2 on bad usage.
 */
public final class SimulateCommand {

	private static final String USAGE = "usage: simulate --rules DIR [--from INSTANT] [--to INSTANT] [--limit N] "
			+ "[--jdbc-url URL] [--user NAME] [--password SECRET] [--threads N]";

	private SimulateCommand() {
	}

	public static int run(String[] args) {
		Path rules = null;
		Instant from = null;
		Instant to = null;
		int limit = 0;
		int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
		String url = env("AUDIT_JDBC_URL", null);
		String user = env("AUDIT_JDBC_USER", null);
		String password = env("AUDIT_JDBC_PASSWORD", null);
		try {
			for (int i = 0; i < args.length; i++) {
				switch (args[i]) {
					case "--rules" -> rules = Path.of(args[++i]);
					case "--from" -> from = OffsetDateTime.parse(args[++i]).toInstant();
					case "--to" -> to = OffsetDateTime.parse(args[++i]).toInstant();
					case "--limit" -> limit = Integer.parseInt(args[++i]);
					case "--jdbc-url" -> url = args[++i];
					case "--user" -> user = args[++i];
					case "--password" -> password = args[++i];
					case "--threads" -> threads = Integer.parseInt(args[++i]);
					default -> throw new IllegalArgumentException("unknown option " + args[i]);
				}
			}
		}
		catch (RuntimeException e) {
			System.err.println(e.getMessage() + "\n" + USAGE);
			return 2;
		}
		if (rules == null || (from == null && to == null && limit == 0)) {
			System.err.println(USAGE + "\n  give a time range or a number of recent decisions");
			return 2;
		}
		if (url == null) {
			url = AuditDatabase.embeddedUrl(env("DATA_DIR", "./data"));
			user = user == null ? "sa" : user;
		}
		RuleSet candidate;
		try {
			candidate = new RuleSetLoader(Clock.systemUTC()).load(rules);
		}
		catch (RuleSetException e) {
			System.out.println("the candidate rule directory " + rules + " does not compile:");
			e.problems().forEach(p -> System.out.println("    " + p));
			return 1;
		}
		try (AuditDatabase db = new AuditDatabase(url, user, password, threads + 1, 10_000)) {
			Simulation simulation = new Simulation(new DroolsRuleEngine(),
					new SituationFactory(new InMemoryProfileStore(), new TimeZoneResolver(), "default"), threads);
			long started = System.nanoTime();
			Simulation.Report report = simulation.run(candidate, null, new JdbcDecisionRecords(db, Clock.systemUTC()),
					DecisionRecords.Query.between(from, to, limit));
			System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
			System.err.printf("replayed %d recorded decisions in %.1f s: %d flip%n", report.replayed(),
					(System.nanoTime() - started) / 1e9, report.flipped());
			return report.flipped() == 0 ? 0 : 3;
		}
	}

	private static String env(String name, String fallback) {
		String v = System.getenv(name);
		return v == null || v.isBlank() ? fallback : v;
	}

}
