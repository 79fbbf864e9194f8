package com.contactdecision.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import com.contactdecision.rules.RuleSet;
import com.contactdecision.rules.RuleSetException;
import com.contactdecision.rules.RuleSetLoader;

/**
 * (c) Building the rule set from the directory, {@code RuleSetLoader.load(dir)}: read, hash, compile
 * with the KIE builder, make the KieBase. SingleShotTime, one build per iteration. With
 * {@code -wi 0 -i 1 -f N} every sample is the first build in a fresh JVM ("cold": what a start pays,
 * class loading included); with warm-up iterations it is a reload in a warm JVM.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 5, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class RuleSetLoadBenchmark {

	private Path dir;

	private RuleSetLoader loader;

	@Setup
	public void setUp() {
		dir = Fixtures.rulesDir();
		loader = new RuleSetLoader(Clock.systemUTC());
	}

	@Benchmark
	public RuleSet load() throws RuleSetException {
		RuleSet rs = loader.load(dir);
		if (rs.ruleCount() == 0) {
			throw new IllegalStateException("0 rules");
		}
		return rs;
	}

}
