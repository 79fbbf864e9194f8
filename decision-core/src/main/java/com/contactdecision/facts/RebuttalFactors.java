package com.contactdecision.facts;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The Reg F rebuttal factors (REGF-REBUT, 12 CFR 1006.14(b)(2)(ii)) over
 * {@link PastContacts}: advisory only, they become a {@link Warning}, never a DENY. Rules
 * call {@code RebuttalFactors.isRapidSuccession(history, this)}. Stateless.
 */
public final class RebuttalFactors {

	/** Two attempts to the same number within this are "rapid succession". */
	static final Duration RAPID_SUCCESSION = Duration.ofMinutes(5);

	/** This many calls to the same number in one local day are "concentrated". */
	static final int CONCENTRATED_CALLS_PER_DAY = 7;

	private RebuttalFactors() {
	}

	/**
	 * Whether the last attempt to the same number was less than five minutes before this
	 * call.
	 */
	public static boolean isRapidSuccession(PastContacts h, Contact c) {
		return c.isCall() && c.phone() != null
				&& h.records()
					.stream()
					.filter(r -> r.isOutbound() && r.channel().isCall() && c.phone().equalsIgnoreCase(r.phone())
							&& PastContacts.sameCollector(r, c) && r.outcome() != EventOutcome.NOT_PLACED
							&& !r.at().isAfter(h.at()))
					.anyMatch(r -> Duration.between(r.at(), h.at()).compareTo(RAPID_SUCCESSION) < 0);
	}

	/**
	 * Whether this call would be the 7th (or later) call to the same number on one local
	 * day, in any zone.
	 */
	public static boolean isConcentrated(PastContacts h, Contact c) {
		if (!c.isCall() || c.phone() == null) {
			return false;
		}
		for (ZoneId z : h.zones().zones()) {
			LocalDate day = LocalDate.ofInstant(h.at(), z);
			long calls = h.records()
				.stream()
				.filter(r -> r.isOutbound() && r.channel().isCall() && c.phone().equalsIgnoreCase(r.phone())
						&& PastContacts.sameCollector(r, c) && r.isConnectedAttempt()
						&& LocalDate.ofInstant(r.at(), z).equals(day))
				.count();
			if (calls + 1 >= CONCENTRATED_CALLS_PER_DAY) {
				return true;
			}
		}
		return false;
	}

}
