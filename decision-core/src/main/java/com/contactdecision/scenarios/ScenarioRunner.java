package com.contactdecision.scenarios;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import com.contactdecision.decision.ContactRequest;
import com.contactdecision.decision.DecisionListener;
import com.contactdecision.decision.DecisionService;
import com.contactdecision.decision.InMemoryDecisionLog;
import com.contactdecision.rules.ActiveRules;
import com.contactdecision.rules.DroolsRuleEngine;
import com.contactdecision.rules.RuleSet;
import com.contactdecision.zones.TimeZoneResolver;

/**
 * Runs scenarios against a rule set, each on the stores {@link ScenarioArranger} fills
 * and its fixed clock, through the server's own decision path, and compares the answer
 * ({@link ScenarioComparison}). Finding ({@link ScenarioFiles}), reading
 * ({@link ScenarioReader}) and coverage ({@link ScenarioCoverage}) are their own classes.
 * Thread-safe.
 */
public final class ScenarioRunner {

	private final ScenarioArranger arranger;

	private final DroolsRuleEngine engine = new DroolsRuleEngine();

	public ScenarioRunner(TimeZoneResolver zones) {
		this.arranger = new ScenarioArranger(zones);
	}

	/**
	 * Runs every scenario under {@code dir}, in file order; a file that cannot be read is
	 * a failure, not an exception. Scenarios share nothing (each has its own stores and
	 * clock), so they run in parallel: this is the gate a changed rule set passes before
	 * it goes live, and it should take well under a second.
	 */
	public List<ScenarioResult> runAll(RuleSet ruleSet, Path dir) {
		List<Path> files = ScenarioFiles.discover(dir);
		int threads = Math.max(1, Math.min(files.size(), Runtime.getRuntime().availableProcessors()));
		// Our own threads, not the common pool: inside the Boot jar only threads that
		// carry this
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
			scenario = ScenarioReader.read(dir, file);
		}
		catch (IOException | RuntimeException e) {
			return new ScenarioResult(dir.relativize(file).toString().replace('\\', '/'), ScenarioResult.Status.FAIL,
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
			return new ScenarioResult(s.name(),
					differences.isEmpty() ? ScenarioResult.Status.PASS : ScenarioResult.Status.FAIL, differences);
		}
		catch (RuntimeException e) {
			return new ScenarioResult(s.name(), ScenarioResult.Status.FAIL,
					List.of("cannot run: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
		}
	}

	/**
	 * Arranges the givens on fresh stores at the request's instant ({@code when.at}),
	 * decides, and compares.
	 */
	private List<String> decideAndCompare(RuleSet ruleSet, Scenario s, JsonNode when, Scenario.Then then) {
		if (when == null || !when.isObject()) {
			throw new IllegalArgumentException("the scenario has no 'when' request");
		}
		if (then == null || then.outcome() == null) {
			throw new IllegalArgumentException("the scenario has no 'then.outcome'");
		}
		Scenario pinned = new Scenario(s.name(), s.description(), s.status(), s.given(), when, then, List.of());
		ScenarioArranger.Arranged a = arranger.arrange(pinned, ruleSet);
		DecisionService service = new DecisionService(ActiveRules.of(ruleSet, a.clock()), engine, a.situations(),
				a.history(), new InMemoryDecisionLog(a.clock(), Duration.ofDays(8)), a.clock(), DecisionListener.NONE);
		for (ContactRequest earlier : a.earlier()) {
			service.decide(earlier);
		}
		List<String> differences = new ArrayList<>(ScenarioComparison.compareInbound(then.inbound(), a.inbound()));
		differences.addAll(ScenarioComparison.compare(then, service.decide(a.request())));
		return differences;
	}

}
