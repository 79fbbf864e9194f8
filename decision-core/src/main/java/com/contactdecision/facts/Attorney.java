package com.contactdecision.facts;

import java.util.List;

/** Representation by an attorney; {@code debtIds} empty means every debt. */
public record Attorney(List<String> debtIds, String name, String phone) {

	public Attorney {
		debtIds = Lists.of(debtIds);
	}

	public boolean covers(String debtId) {
		return debtIds.isEmpty() || debtIds.contains(debtId);
	}

}
