package com.contactdecision.history;

import java.util.List;

import com.contactdecision.facts.ContactRecord;

/**
 * A consumer's history as read at one moment, and the version it was read at: appending
 * succeeds only if nothing was written for the consumer since.
 */
public record HistorySnapshot(List<ContactRecord> records, long version) {

	public HistorySnapshot {
		records = List.copyOf(records);
	}

}
