package com.contactdecision.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import com.contactdecision.decision.ContactRequest;
import com.contactdecision.decision.Decision;
import com.contactdecision.rules.Situation;
import com.contactdecision.facts.Verdict;
import com.contactdecision.zones.TimeZoneResolver;

/**
 * (a) One rule evaluation, {@code DroolsRuleEngine.evaluate(ruleSet, situation)}: a pooled session
 * that already holds the parameter rows, the situation's facts inserted, fireAllRules, the facts
 * deleted (the engine's default; {@code -Dcontactdecision.rules.sessions=fresh} measures a new
 * session per evaluation, the behaviour before 2026-11-23).
 * (b) A whole {@code DecisionService.decide(request)} in CHECK mode on the in-memory stores:
 * validation, profile and history reads, situation building, the evaluation and, for a DENY, the
 * next-eligible search (which evaluates again at candidate instants).
 */
@State(Scope.Benchmark)
@BenchmarkMode({ Mode.Throughput, Mode.SampleTime })
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class EngineBenchmark {

	@Param({ "ALLOW_CALL", "DENY_0759", "SMS_CONTENT" })
	public Fixtures.Kind kind;

	private Fixtures fixtures;

	private Situation situation;

	private ContactRequest request;

	@Setup(Level.Trial)
	public void setUp() {
		fixtures = new Fixtures(Fixtures.loadRules(), new TimeZoneResolver());
		situation = fixtures.situation(kind);
		request = fixtures.request(kind);
		Fixtures.describe(fixtures);
	}

	@Benchmark
	public Verdict evaluate() {
		return fixtures.engine.evaluate(fixtures.ruleSet, situation);
	}

	@Benchmark
	public Decision decideCheck() {
		return fixtures.service.decide(request);
	}

}
