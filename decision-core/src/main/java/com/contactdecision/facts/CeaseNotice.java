package com.contactdecision.facts;

import java.time.Instant;
import java.util.List;

/**
 * A written refusal to pay or request to stop (1006.6(c)); {@code debtIds} empty means
 * every debt.
 */
public record CeaseNotice(Instant receivedAt, List<String> debtIds) {

	public CeaseNotice {
		debtIds = Lists.of(debtIds);
	}

	public boolean covers(String debtId, Instant at) {
		return (receivedAt == null || !at.isBefore(receivedAt)) && (debtIds.isEmpty() || debtIds.contains(debtId));
	}

}
