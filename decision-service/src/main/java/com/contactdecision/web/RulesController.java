package com.contactdecision.web;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import com.contactdecision.rules.ActiveRules;
import com.contactdecision.rules.RuleProblem;
import com.contactdecision.rules.RuleSet;
import com.contactdecision.rules.Schedule;

@Tag(name = "Rules", description = "The active rule set (CONTRACT section 4)")
@RestController
class RulesController {

	private final ActiveRules rules;

	private final Clock clock;

	RulesController(ActiveRules rules, Clock clock) {
		this.rules = rules;
		this.clock = clock;
	}

	@Operation(
			summary = "The active rule set: version, files with their hashes, the changes of law ahead (rows coming into force or ending), and the last failed load")
	@GetMapping("/v1/rules")
	RulesAnswer active() {
		return answer();
	}

	@Operation(summary = "Load the rule directory again: 200 with the new version, or 422 with the errors")
	@PostMapping("/v1/rules:reload")
	ResponseEntity<RulesAnswer> reload() {
		try {
			rules.reload();
			return ResponseEntity.ok(answer());
		}
		catch (ActiveRules.RejectedException e) {
			return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(answer());
		}
	}

	private RulesAnswer answer() {
		RuleSet r = rules.current().orElse(null);
		ActiveRules.LoadFailure f = rules.lastError().orElse(null);
		return new RulesAnswer(r == null ? null : r.version(), r == null ? null : r.loadedAt(),
				r == null ? null : r.ruleCount(), rules.directory().toString(), r == null ? List.of() : r.files(),
				r == null ? List.of() : r.schedule().changesAfter(clock.instant()),
				f == null ? null
						: new LastError(f.at(), f.problems().isEmpty() ? null : f.problems().get(0).file(),
								f.problems().isEmpty() ? null : f.problems().get(0).line(), f.problems().isEmpty()
										? String.join("; ", f.failingScenarios()) : f.problems().get(0).message(),
								f.problems(), f.failingScenarios()));
	}

	/**
	 * @param upcomingChanges the table rows that come into force ({@code IN_FORCE}) or
	 * end ({@code ENDS}) after now, in order: {@code at}, {@code kind}, {@code file},
	 * {@code line}, {@code id}
	 */
	record RulesAnswer(String version, Instant loadedAt, Integer ruleCount, String directory,
			List<RuleSet.RuleFile> files, List<Schedule.Change> upcomingChanges, LastError lastError) {
	}

	/**
	 * The first problem's file, line and message, then all of them, and any failing
	 * scenarios.
	 */
	record LastError(Instant at, String file, Integer line, String message, List<RuleProblem> problems,
			List<String> failingScenarios) {
	}

}
