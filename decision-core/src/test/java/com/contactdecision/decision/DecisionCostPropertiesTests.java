package com.contactdecision.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.BeforeContainer;

import com.contactdecision.facts.Channel;
import com.contactdecision.facts.ContactRecord;
import com.contactdecision.facts.Destination;
import com.contactdecision.facts.DialMode;
import com.contactdecision.facts.Direction;
import com.contactdecision.facts.EventOutcome;
import com.contactdecision.facts.LineType;
import com.contactdecision.facts.Recipient;
import com.contactdecision.history.InMemoryContactHistory;
import com.contactdecision.profiles.InMemoryProfileStore;
import com.contactdecision.rules.ActiveRules;
import com.contactdecision.rules.DroolsRuleEngine;
import com.contactdecision.rules.RuleSet;
import com.contactdecision.rules.RuleSetLoader;
import com.contactdecision.support.TestDays;
import com.contactdecision.zones.TimeZoneResolver;

/**
 * Cost per decision grows linearly, not worse, in what it reads: the debts it names and
 * the history it counts. Measured as CPU time of the deciding thread (steadier than wall
 * time on a shared host), the median of several runs, with the shipped rules. Four times
 * the input may cost at most eight times as much (linear, with room for noise), where
 * quadratic growth would cost sixteen.
 */
class DecisionCostPropertiesTests {

	static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	static final Instant TEN_AM = TestDays.nextWednesday().atTime(10, 0).atZone(NEW_YORK).toInstant();

	static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

	static RuleSet rules;

	static final Clock CLOCK = Clock.fixed(TEN_AM, ZoneOffset.UTC);

	@BeforeContainer
	static void load() throws Exception {
		rules = new RuleSetLoader(CLOCK).load(Path.of("../rules"));
	}

	@Property(tries = 4)
	void costGrowsAtMostLinearlyInTheDebtsNamed(@ForAll @IntRange(min = 5, max = 25) int debts) {
		long small = medianCpuNanos(debts, 20);
		long large = medianCpuNanos(debts * 4, 20);

		assertThat(large).as("CPU for %d debts: %d us; for %d: %d us", debts, small / 1000, debts * 4, large / 1000)
			.isLessThanOrEqualTo(8 * small + Duration.ofMillis(20).toNanos());
	}

	@Property(tries = 4)
	void costGrowsAtMostLinearlyInTheHistoryRead(@ForAll @IntRange(min = 50, max = 500) int records) {
		long small = medianCpuNanos(2, records);
		long large = medianCpuNanos(2, records * 4);

		assertThat(large)
			.as("CPU for %d records: %d us; for %d: %d us", records, small / 1000, records * 4, large / 1000)
			.isLessThanOrEqualTo(8 * small + Duration.ofMillis(20).toNanos());
	}

	/**
	 * A CHECK for a consumer with this many debts named and history records on file;
	 * median of 5.
	 */
	private static long medianCpuNanos(int debts, int records) {
		InMemoryContactHistory history = new InMemoryContactHistory(Duration.ofDays(35), CLOCK);
		String consumer = "c-" + UUID.randomUUID();
		List<String> debtIds = IntStream.range(0, debts).mapToObj(i -> "d-" + i).toList();
		for (int i = 0; i < records; i++) {
			// Letters and texts spread over the look-back: read and counted, never a cap
			// by themselves.
			history.record(new ContactRecord("e-" + i, consumer, null, List.of(debtIds.get(i % debts)),
					i % 2 == 0 ? Channel.LETTER : Channel.EMAIL, Direction.OUTBOUND, null,
					i % 2 == 0 ? null : "x" + i + "@example.com", null, Recipient.CONSUMER, DialMode.MANUAL, null,
					EventOutcome.SENT, TEN_AM.minus(Duration.ofMinutes(60L * 24 * 30 * i / records + 1)), null,
					"e-" + i, null));
		}
		DecisionService service = new DecisionService(ActiveRules.of(rules, CLOCK), new DroolsRuleEngine(),
				new SituationFactory(new InMemoryProfileStore(), new TimeZoneResolver(), "default"), history,
				new InMemoryDecisionLog(CLOCK, Duration.ofDays(8)), CLOCK, DecisionListener.NONE);
		ContactRequest request = new ContactRequest(null, null, consumer, debtIds, Channel.CALL,
				new Destination("+16145550100", null, LineType.MOBILE, null, null), null, DialMode.MANUAL, null, null,
				null, null, Mode.CHECK, TEN_AM);
		service.decide(request); // warm: sessions, JIT
		long[] runs = new long[5];
		for (int i = 0; i < runs.length; i++) {
			long t0 = CPU.getCurrentThreadCpuTime();
			service.decide(request);
			runs[i] = CPU.getCurrentThreadCpuTime() - t0;
		}
		Arrays.sort(runs);
		return runs[runs.length / 2];
	}

}
