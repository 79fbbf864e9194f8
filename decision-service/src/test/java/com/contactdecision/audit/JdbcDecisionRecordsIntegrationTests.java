package com.contactdecision.audit;

import static com.contactdecision.audit.AuditFixtures.allow;
import static com.contactdecision.audit.AuditFixtures.deny;
import static com.contactdecision.audit.AuditFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.contactdecision.decision.DecisionRecord;
import com.contactdecision.decision.DecisionRecords;
import com.contactdecision.decision.Outcome;
import com.contactdecision.facts.ReasonCode;

/**
 * The audit store on a real PostgreSQL: writes, reads, filters, paging, partitions, the
 * purge.
 */
class JdbcDecisionRecordsIntegrationTests {

	static final Instant T0 = Instant.parse("2026-11-23T15:00:00.123456789Z");

	static AuditDatabase db;

	static JdbcDecisionRecords records;

	@BeforeAll
	static void connect() {
		db = new AuditDatabase(AuditTestDatabase.scratch(), null, null, 4, 5000);
		records = new JdbcDecisionRecords(db, Clock.systemUTC());
	}

	@AfterAll
	static void close() {
		db.close();
	}

	@Test
	void aRecordReadsBackAsKeptWithItsFacts() {
		DecisionRecord r = allow(unique("c"), unique("d"), T0);
		records.keep(r);
		DecisionRecord back = records.find(r.decisionId()).orElseThrow();
		assertThat(back).isEqualTo(r);
		assertThat(records.find(unique("dec"))).isEmpty();
	}

	@Test
	void writingARecordTwiceKeepsItOnce() {
		DecisionRecord r = allow(unique("c"), unique("d"), T0);
		records.keepAll(List.of(r));
		records.keepAll(List.of(r, r));
		assertThat(records
			.query(new DecisionRecords.Query(r.decision().consumerId(), null, null, null, null, null, null, 10, null))
			.records()).hasSize(1);
	}

	@Test
	void queriesFilterByConsumerDebtOutcomeReasonAndTime() {
		String consumer = unique("c");
		String debt = unique("d");
		records.keepAll(List.of(allow(consumer, debt, T0), deny(consumer, debt, T0.plusSeconds(60), ReasonCode.HOLIDAY),
				deny(consumer, unique("d"), T0.plusSeconds(120), ReasonCode.CALL_FREQUENCY_CAP),
				allow(unique("c"), debt, T0.plusSeconds(180))));
		assertThat(query(consumer, null, null, null, null, null)).hasSize(3);
		assertThat(query(null, debt, null, null, null, null)).hasSize(3);
		assertThat(query(consumer, debt, null, null, null, null)).hasSize(2);
		assertThat(query(consumer, null, Outcome.DENY, null, null, null)).hasSize(2);
		assertThat(query(consumer, null, null, ReasonCode.HOLIDAY, null, null)).hasSize(1);
		assertThat(query(consumer, null, null, null, T0.plusSeconds(60), T0.plusSeconds(120))).hasSize(1)
			.allSatisfy(r -> assertThat(r.decision().reasons().get(0).code()).isEqualTo(ReasonCode.HOLIDAY));
		// Newest first.
		assertThat(query(consumer, null, null, null, null, null)).extracting(r -> r.decision().at())
			.isSortedAccordingTo(java.util.Comparator.reverseOrder());
	}

	@Test
	void pagesFollowTheCursorWithoutGapsOrRepeats() {
		String consumer = unique("c");
		List<DecisionRecord> all = new ArrayList<>();
		for (int i = 0; i < 25; i++) {
			// Some share an instant: the cursor breaks ties on the id.
			all.add(allow(consumer, unique("d"), T0.plusSeconds(i / 3)));
		}
		records.keepAll(all);
		List<String> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			DecisionRecords.Page page = records
				.query(new DecisionRecords.Query(consumer, null, null, null, null, null, null, 10, cursor));
			page.records().forEach(r -> seen.add(r.decisionId()));
			cursor = page.nextCursor();
			pages++;
		}
		while (cursor != null);
		assertThat(pages).isEqualTo(3);
		assertThat(seen).doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(all.stream().map(DecisionRecord::decisionId).toList());
	}

	@Test
	void eachMonthHasItsPartitionAndThePurgeDropsWholeMonthsPastTheRetention() throws Exception {
		String consumer = unique("c");
		Instant old = Instant.parse("2023-01-15T12:00:00Z");
		records.keepAll(List.of(allow(consumer, unique("d"), old), allow(consumer, unique("d"), T0)));
		assertThat(partitions()).contains("decision_record_p202301", "decision_record_p202611");
		assertThat(db.purge(Instant.parse("2023-02-01T00:00:00Z"))).isEqualTo(1);
		assertThat(partitions()).doesNotContain("decision_record_p202301").contains("decision_record_p202611");
		assertThat(query(consumer, null, null, null, null, null)).hasSize(1);
		// Writing into a purged month again recreates its partition.
		records.keep(allow(consumer, unique("d"), old));
		assertThat(query(consumer, null, null, null, null, null)).hasSize(2);
	}

	static List<String> partitions() throws Exception {
		List<String> names = new ArrayList<>();
		try (Connection c = db.dataSource().getConnection();
				Statement s = c.createStatement();
				ResultSet rs = s
					.executeQuery("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
							+ " JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'decision_record'")) {
			while (rs.next()) {
				names.add(rs.getString(1));
			}
		}
		return names;
	}

	static List<DecisionRecord> query(String consumer, String debt, Outcome outcome, ReasonCode reason, Instant from,
			Instant to) {
		List<DecisionRecord> out = new ArrayList<>();
		records.forEach(new DecisionRecords.Query(consumer, debt, null, outcome, reason, from, to, 0, null), out::add);
		return out;
	}

}
