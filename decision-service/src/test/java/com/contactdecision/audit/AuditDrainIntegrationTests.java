package com.contactdecision.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.contactdecision.decision.ContactRequest;
import com.contactdecision.decision.Decision;
import com.contactdecision.decision.DecisionListener;
import com.contactdecision.decision.DecisionRecord;
import com.contactdecision.decision.DecisionRecords;
import com.contactdecision.decision.DecisionService;
import com.contactdecision.decision.Mode;
import com.contactdecision.decision.SituationFactory;
import com.contactdecision.facts.Channel;
import com.contactdecision.facts.Destination;
import com.contactdecision.facts.LineType;
import com.contactdecision.facts.ReasonCode;
import com.contactdecision.profiles.ConsumerRecords;
import com.contactdecision.redis.RedisAuditStream;
import com.contactdecision.redis.RedisClients;
import com.contactdecision.redis.RedisContactHistory;
import com.contactdecision.redis.RedisDecisionLog;
import com.contactdecision.redis.RedisFactReader;
import com.contactdecision.redis.RedisProfileStore;
import com.contactdecision.redis.RedisTestServer;
import com.contactdecision.rules.ActiveRules;
import com.contactdecision.rules.DroolsRuleEngine;
import com.contactdecision.rules.RuleSet;
import com.contactdecision.rules.RuleSetLoader;
import com.contactdecision.support.Concurrently;
import com.contactdecision.support.TestDays;
import com.contactdecision.zones.TimeZoneResolver;

import redis.clients.jedis.UnifiedJedis;

/**
 * Never dropped: decisions on real Redis and PostgreSQL, through the server's decision
 * path, with the drain crashing between commit and acknowledgement and with PostgreSQL
 * taken away under load.
 */
class AuditDrainIntegrationTests {

	static final Instant AT = TestDays.nextWednesday()
		.atTime(LocalTime.of(10, 0))
		.atZone(TestDays.NEW_YORK)
		.toInstant();

	static RuleSet ruleSet;

	static UnifiedJedis redis;

	static String pgUrl;

	@BeforeAll
	static void start() throws Exception {
		ruleSet = new RuleSetLoader(Clock.systemUTC()).load(java.nio.file.Path.of("../rules"));
		redis = RedisClients.connect(RedisTestServer.shared().url(), Duration.ofSeconds(2));
		pgUrl = AuditTestDatabase.scratch();
	}

	@AfterAll
	static void stop() {
		redis.close();
	}

	/**
	 * The server's decision path on Redis, its records on the stream in front of
	 * {@code database}.
	 */
	record Service(DecisionService decisions, RedisAuditStream stream, StreamedDecisionRecords records,
			RedisContactHistory history) {

		static Service on(JdbcDecisionRecords database, long backlogLimit) {
			String prefix = RedisTestServer.randomPrefix();
			Clock clock = Clock.systemUTC();
			RedisAuditStream stream = new RedisAuditStream(redis, prefix, backlogLimit);
			RedisContactHistory history = new RedisContactHistory(redis, prefix, Duration.ofDays(35),
					Duration.ofDays(8), clock, stream);
			RedisProfileStore profiles = new RedisProfileStore(redis, prefix);
			StreamedDecisionRecords records = new StreamedDecisionRecords(stream, database, true);
			DecisionService service = new DecisionService(ActiveRules.of(ruleSet, clock), new DroolsRuleEngine(),
					new SituationFactory(profiles, new TimeZoneResolver(), "default"),
					new RedisFactReader(redis, history, profiles), history,
					new RedisDecisionLog(redis, prefix, Duration.ofDays(8),
							id -> records.find(id).map(DecisionRecord::decision)),
					records, com.contactdecision.privacy.HmacPseudonymiser.ephemeral()::pseudonym, clock,
					DecisionListener.NONE);
			stream.createGroup();
			return new Service(service, stream, records, history);
		}

	}

	static ContactRequest call(String consumerId, String debtId, Mode mode) {
		return new ContactRequest(null, null, consumerId, List.of(debtId), Channel.CALL,
				new Destination("+16145550123", null, LineType.LANDLINE, null, null), null, null, null, null, null,
				null, mode, AT);
	}

	static boolean failedClosed(Decision d) {
		return d.reasons().stream().anyMatch(r -> r.code() == ReasonCode.COUNTER_STORE_UNAVAILABLE);
	}

	@Test
	void aCrashBetweenTheCommitAndTheAcknowledgementLosesNothingAndWritesNothingTwice() throws Exception {
		try (AuditDatabase db = new AuditDatabase(pgUrl, null, null, 4, 5000)) {
			JdbcDecisionRecords database = new JdbcDecisionRecords(db, Clock.systemUTC());
			Service s = Service.on(database, 1_000_000);
			String consumer = AuditFixtures.unique("c");
			List<String> ids = new ArrayList<>();
			for (int i = 0; i < 30; i++) {
				// Ten RESERVEs (7 ALLOW then DENY at the cap) per debt, and CHECKs: both
				// ways onto the stream.
				Decision d = s.decisions()
					.decide(call(consumer, "d-" + (i % 3), i % 5 == 0 ? Mode.CHECK : Mode.RESERVE));
				assertThat(failedClosed(d)).isFalse();
				ids.add(d.decisionId());
			}
			assertThat(s.stream().backlog()).isEqualTo(30);
			AuditDrain crashing = new AuditDrain(s.stream(), database, 8, 60_000, 10, "drain-a", entryIds -> {
				throw new IllegalStateException("killed after the commit, before the acknowledgement");
			});
			assertThatThrownBy(crashing::drainOnce).hasMessageContaining("killed");
			assertThat(count(database, consumer)).isEqualTo(8);
			assertThat(s.stream().backlog()).as("nothing acknowledged").isEqualTo(30);
			// Another instance takes over once the dead one's lease is up (here at once).
			AuditDrain survivor = new AuditDrain(s.stream(), database, 8, 0, 10, "drain-b",
					AuditDrain.AfterCommit.NONE);
			assertThat(survivor.drainAll()).isEqualTo(30);
			assertThat(s.stream().backlog()).isZero();
			List<String> kept = new ArrayList<>();
			database.forEach(query(consumer), r -> kept.add(r.decisionId()));
			assertThat(kept).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
		}
	}

	@Test
	void whilePostgresIsDownDecisionsKeepTheirRecordsOnTheStreamAndTheyDrainWhenItReturns() throws Exception {
		try (TcpProxy proxy = TcpProxy.before(pgUrl);
				AuditDatabase db = new AuditDatabase(proxy.url(pgUrl), null, null, 4, 500)) {
			JdbcDecisionRecords database = new JdbcDecisionRecords(db, Clock.systemUTC());
			Service s = Service.on(database, 1_000_000);
			AuditDrain drain = new AuditDrain(s.stream(), database, 100, 1000, 20);
			drain.start();
			try {
				String consumer = AuditFixtures.unique("c");
				List<String> ids = new ArrayList<>(decideUnderLoad(s, consumer, 0));
				proxy.stop();
				List<String> duringOutage = decideUnderLoad(s, consumer, 1);
				ids.addAll(duringOutage);
				// Answered while the database is away: found on the stream.
				assertThat(s.records().find(duringOutage.get(0))).isPresent();
				assertThat(s.stream().backlog()).isPositive();
				proxy.start();
				waitFor(() -> s.stream().backlog() == 0 && count(database, consumer) == ids.size());
				List<String> kept = new ArrayList<>();
				database.forEach(query(consumer), r -> kept.add(r.decisionId()));
				assertThat(kept).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
			}
			finally {
				drain.close();
			}
		}
	}

	@Test
	void aFullBacklogFailsClosedAndReservesNothing() {
		try (AuditDatabase db = new AuditDatabase(pgUrl, null, null, 2, 5000)) {
			Service s = Service.on(new JdbcDecisionRecords(db, Clock.systemUTC()), 2);
			String consumer = AuditFixtures.unique("c");
			assertThat(failedClosed(s.decisions().decide(call(consumer, "d-1", Mode.RESERVE)))).isFalse();
			assertThat(failedClosed(s.decisions().decide(call(consumer, "d-1", Mode.CHECK)))).isFalse();
			// The stream holds 2 records nobody drained: the next decision cannot keep
			// its record.
			assertThat(failedClosed(s.decisions().decide(call(consumer, "d-1", Mode.RESERVE)))).isTrue();
			assertThat(failedClosed(s.decisions().decide(call(consumer, "d-1", Mode.CHECK)))).isTrue();
			assertThat(s.history().list(consumer, null, null)).as("only the first reservation").hasSize(1);
			assertThat(s.stream().backlog()).isEqualTo(2);
		}
	}

	/**
	 * 8 callers × 25 decisions over 8 debts, RESERVE and CHECK; every one answered, none
	 * failed closed.
	 */
	static List<String> decideUnderLoad(Service s, String consumer, int round) throws Exception {
		List<List<String>> all = Concurrently.run(8, t -> {
			List<String> ids = new ArrayList<>();
			for (int i = 0; i < 25; i++) {
				Decision d = s.decisions()
					.decide(call(consumer, "d-" + round + "-" + t, i % 2 == 0 ? Mode.RESERVE : Mode.CHECK));
				assertThat(failedClosed(d)).as("answered while the database is away").isFalse();
				ids.add(d.decisionId());
			}
			return ids;
		});
		return all.stream().flatMap(List::stream).toList();
	}

	static DecisionRecords.Query query(String consumer) {
		return new DecisionRecords.Query(consumer, null, null, null, null, null, null, 0, null);
	}

	static long count(JdbcDecisionRecords database, String consumer) {
		long[] n = { 0 };
		database.forEach(query(consumer), r -> n[0]++);
		return n[0];
	}

	static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("not within 30 s");
			}
			Thread.sleep(50);
		}
	}

}
