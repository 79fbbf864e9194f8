package com.contactdecision.facts;

import java.time.Instant;

/** What the collection system knows of a debt (CONTRACT section 3). */
public record Debt(String debtId, String consumerId, String servicingAccount, Instant validationPeriodEndsAt,
		Instant disputeReceivedAt, Instant verificationSentAt, boolean timeBarred, String creditor) {

	public static Debt unknown(String debtId) {
		return new Debt(debtId, null, null, null, null, null, false, null);
	}

	/**
	 * Student loans serviced under one account number are one "particular debt" for the
	 * call caps (1006.14(b)(4)); every other debt counts on its own.
	 */
	public String countingKey() {
		return servicingAccount == null || servicingAccount.isBlank() ? debtId : "acct:" + servicingAccount;
	}

	public Debt withId(String id) {
		return new Debt(id, consumerId, servicingAccount, validationPeriodEndsAt, disputeReceivedAt, verificationSentAt,
				timeBarred, creditor);
	}

}
