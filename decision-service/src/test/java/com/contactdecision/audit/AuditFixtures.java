package com.contactdecision.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.contactdecision.decision.ContactRequest;
import com.contactdecision.decision.Decision;
import com.contactdecision.decision.DecisionRecord;
import com.contactdecision.decision.FactReader;
import com.contactdecision.decision.Mode;
import com.contactdecision.decision.Outcome;
import com.contactdecision.decision.Reason;
import com.contactdecision.facts.Channel;
import com.contactdecision.facts.Destination;
import com.contactdecision.facts.ReasonCode;
import com.contactdecision.history.HistorySnapshot;

/** Small records for the audit store's tests. */
final class AuditFixtures {

	private AuditFixtures() {
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID();
	}

	static DecisionRecord allow(String consumerId, String debtId, Instant at) {
		return record(consumerId, debtId, at, Outcome.ALLOW, List.of());
	}

	static DecisionRecord deny(String consumerId, String debtId, Instant at, ReasonCode code) {
		return record(consumerId, debtId, at, Outcome.DENY,
				List.of(new Reason(code, "rule-" + code.name().toLowerCase(), "why", "12 CFR 1006")));
	}

	static DecisionRecord record(String consumerId, String debtId, Instant at, Outcome outcome, List<Reason> reasons) {
		String id = unique("dec");
		Decision d = new Decision(id, outcome, reasons, List.of(), List.of(), outcome == Outcome.ALLOW ? at : null,
				List.of("America/New_York"), false, "sha256:test", at, null, consumerId, Mode.CHECK);
		ContactRequest req = new ContactRequest(null, "northwind", consumerId, List.of(debtId), Channel.CALL,
				new Destination("erased:0123", null, null, null, null), null, null, null, null, null, null, Mode.CHECK,
				at);
		return new DecisionRecord(d, "northwind", List.of(debtId), Channel.CALL, 1234, req,
				new FactReader.Facts(null, List.of(), Map.of(), null, new HistorySnapshot(List.of(), 0)));
	}

}
