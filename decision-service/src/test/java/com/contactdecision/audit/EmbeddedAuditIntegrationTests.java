package com.contactdecision.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.contactdecision.decision.DecisionRecord;
import com.contactdecision.decision.DecisionRecords;
import com.contactdecision.facts.ReasonCode;

/**
 * The embedded default (H2 in PostgreSQL mode, a file under the data directory), the same
 * migrations.
 */
class EmbeddedAuditIntegrationTests {

	static final Instant T0 = Instant.parse("2026-11-23T15:00:00Z");

	@Test
	void aRestartKeepsTheRecords(@TempDir Path data) throws Exception {
		String url = AuditDatabase.embeddedUrl(data.toString());
		String consumer = AuditFixtures.unique("c");
		DecisionRecord allowed = AuditFixtures.allow(consumer, "d-1", T0);
		DecisionRecord denied = AuditFixtures.deny(consumer, "d-2", T0.plusSeconds(1), ReasonCode.HOLIDAY);
		try (AuditDatabase db = new AuditDatabase(url, "sa", null, 2, 5000)) {
			new JdbcDecisionRecords(db, Clock.systemUTC()).keepAll(List.of(allowed, denied));
		}
		assertThat(Files.exists(data.resolve("audit.mv.db"))).isTrue();
		try (AuditDatabase db = new AuditDatabase(url, "sa", null, 2, 5000)) {
			JdbcDecisionRecords records = new JdbcDecisionRecords(db, Clock.systemUTC());
			assertThat(records.find(allowed.decisionId())).contains(allowed);
			List<DecisionRecord> all = new ArrayList<>();
			records.forEach(
					new DecisionRecords.Query(consumer, "d-2", null, null, ReasonCode.HOLIDAY, null, null, 0, null),
					all::add);
			assertThat(all).containsExactly(denied);
			// Writing a record again is harmless, on H2 as on PostgreSQL.
			records.keep(allowed);
			assertThat(records.query(new DecisionRecords.Query(consumer, null, null, null, null, null, null, 10, null))
				.records()).hasSize(2);
			assertThat(db.purge(T0.plusSeconds(1))).isEqualTo(2);
			assertThat(records.find(allowed.decisionId())).isEmpty();
			assertThat(records.find(denied.decisionId())).contains(denied);
		}
	}

}
