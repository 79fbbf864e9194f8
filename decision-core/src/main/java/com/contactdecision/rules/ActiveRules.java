package com.contactdecision.rules;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.contactdecision.privacy.Pii;

/**
 * The rule set that answers now, and the last load that failed. A load compiles the
 * directory into a candidate, runs the gate over it, and only then swaps it in with one
 * atomic write: a decision in flight keeps the rule set it started with, and no decision
 * waits for a load. Thread-safe.
 */
public final class ActiveRules {

	private static final Logger log = LoggerFactory.getLogger(ActiveRules.class);

	/** A failed load, as {@code GET /v1/rules} shows it. */
	public record LoadFailure(Instant at, List<RuleProblem> problems, List<String> failingScenarios) {
	}

	/** A check a candidate must pass before it answers (the rule-test scenarios). */
	@FunctionalInterface
	public interface Gate {

		/** The failures of the candidate; empty when it may go live. */
		List<String> failures(RuleSet candidate);

		Gate NONE = candidate -> List.of();

	}

	/** Why a candidate was refused. */
	public static final class RejectedException extends Exception {

		private final transient LoadFailure failure;

		RejectedException(LoadFailure failure) {
			super(failure.problems().isEmpty() ? failure.failingScenarios().size() + " scenario(s) failed"
					: failure.problems().get(0).toString());
			this.failure = failure;
		}

		public LoadFailure failure() {
			return failure;
		}

	}

	private final AtomicReference<RuleSet> current = new AtomicReference<>();

	private final AtomicReference<LoadFailure> lastError = new AtomicReference<>();

	private final RuleSetLoader loader;

	private final Path directory;

	private final Clock clock;

	private volatile Gate gate;

	public ActiveRules(RuleSetLoader loader, Path directory, Clock clock, Gate gate) {
		this.loader = loader;
		this.directory = directory;
		this.clock = clock;
		this.gate = gate;
	}

	/** A fixed rule set with no directory behind it (scenario runs, benchmarks). */
	public static ActiveRules of(RuleSet ruleSet, Clock clock) {
		ActiveRules rules = new ActiveRules(null, null, clock, Gate.NONE);
		rules.current.set(ruleSet);
		return rules;
	}

	public Path directory() {
		return directory;
	}

	public void gate(Gate gate) {
		this.gate = gate;
	}

	/** The active rule set; empty only before the first successful load. */
	public Optional<RuleSet> current() {
		return Optional.ofNullable(current.get());
	}

	public Optional<LoadFailure> lastError() {
		return Optional.ofNullable(lastError.get());
	}

	/** Loads the directory; on any failure the active rule set stays as it was. */
	public synchronized RuleSet reload() throws RejectedException {
		RuleSet candidate;
		try {
			candidate = loader.load(directory);
		}
		catch (RuleSetException e) {
			throw reject(new LoadFailure(clock.instant(), e.problems(), List.of()));
		}
		List<String> failures = gate.failures(candidate);
		if (!failures.isEmpty()) {
			throw reject(new LoadFailure(clock.instant(), List.of(), failures));
		}
		RuleSet previous = current.getAndSet(candidate);
		lastError.set(null);
		log.info("rule set {} active ({} rules in {} files){}", candidate.version(), candidate.ruleCount(),
				candidate.files().size(), previous == null ? "" : ", replacing " + previous.version());
		return candidate;
	}

	private RejectedException reject(LoadFailure failure) {
		lastError.set(failure);
		RuleSet active = current.get();
		// Scenario reports quote reason messages, which name numbers and addresses.
		log.warn("rule load refused, {} keeps answering: {} {}", active == null ? "no rule set" : active.version(),
				failure.problems(), Pii.mask(String.valueOf(failure.failingScenarios())));
		return new RejectedException(failure);
	}

}
