package com.contactdecision.facts;

import java.time.Instant;
import java.util.List;

/**
 * Bankruptcy, death or another hold on collection; {@code debtIds} empty means every
 * debt.
 */
public record Hold(HoldType type, Instant since, Instant until, List<String> debtIds) {

	public Hold {
		debtIds = Lists.of(debtIds);
	}

	public boolean activeAt(Instant at) {
		return (since == null || !at.isBefore(since)) && (until == null || at.isBefore(until));
	}

	public boolean covers(String debtId) {
		return debtIds.isEmpty() || debtIds.contains(debtId);
	}

}
