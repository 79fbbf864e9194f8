package com.contactdecision.facts;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A telephone conversation about a debt, and when the block it starts ends
 * (1006.14(b)(2)(i)(B)).
 *
 * @param debtKey the debt's counting key (its servicing account for student loans)
 * @param date the conversation's local date (C3: the latest across the consumer's zones),
 * day 1
 * @param blockEndsAt the first instant after day 7 has ended in every zone the consumer
 * may be in
 * @param liftsAt the earliest instant a call about the debt is no longer blocked: the
 * block's end, or earlier when a direct prior consent starts covering the call then
 * (1006.14(b)(3)(i))
 */
public record Conversation(String debtKey, LocalDate date, Instant blockEndsAt, Instant liftsAt) {

	public Conversation(String debtKey, LocalDate date, Instant blockEndsAt) {
		this(debtKey, date, blockEndsAt, blockEndsAt);
	}

}
