package com.contactdecision.facts;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Queries over {@link PastContacts} for the exceptions that let one communication through
 * a block: the single reply to a person's own contact (1006.6(b)(4)/comment 6(b)(1)-2,
 * 1006.14(h)(2)(ii)), the single opt-out confirmation (1006.14(h)(2)(i); 47 CFR
 * 64.1200(a)(12)), and the count of location communications with a third party
 * (1006.10(c)). Built only on {@link PastContacts}'s public methods; stateless.
 */
public final class Replies {

	private Replies() {
	}

	/**
	 * Null-safe "a is after b"; a null instant is unknown and counts as the beginning of
	 * time.
	 */
	public static boolean isAfter(Instant a, Instant b) {
		if (a == null) {
			return false;
		}
		return b == null || a.isAfter(b);
	}

	/** The inbound event the contact answers, if it names one that is recorded. */
	public static Optional<ContactRecord> inbound(PastContacts h, Contact c) {
		return h.event(c.inResponseTo()).filter(e -> !e.isOutbound());
	}

	/**
	 * The one reply, in the same medium, to a contact the person initiated after
	 * {@code since} (e.g. after asking the collector not to use that medium); null
	 * {@code since} means any time. Strictly after: the message that carried the opt-out
	 * itself (a STOP text) is the request, not a contact initiated through the opted-out
	 * medium, and is answered only by the confirmation.
	 */
	public static boolean isSingleReplyAfter(PastContacts h, Contact c, Instant since) {
		return h.isSingleReplyTo(c)
				&& inbound(h, c).map(e -> since == null || (e.at() != null && e.at().isAfter(since))).orElse(false);
	}

	/**
	 * The single electronic confirmation of an opt-out or revocation received at
	 * {@code optedOutAt}: purpose OPT_OUT_CONFIRMATION, SMS or email, sent within
	 * {@code withinMinutes} of the opt-out (inclusive), and no confirmation to the same
	 * address in the same medium since the opt-out.
	 */
	public static boolean isOptOutConfirmation(PastContacts h, Contact c, Instant optedOutAt, int withinMinutes) {
		return c.purpose() == Purpose.OPT_OUT_CONFIRMATION && c.isElectronic() && optedOutAt != null
				&& !c.at().isBefore(optedOutAt) && !c.at().isAfter(optedOutAt.plus(Duration.ofMinutes(withinMinutes)))
				&& confirmationsSent(h, c, optedOutAt) == 0;
	}

	/**
	 * Opt-out confirmations already sent to the contact's address, in its medium, since
	 * an instant.
	 */
	public static long confirmationsSent(PastContacts h, Contact c, Instant since) {
		String address = c.address();
		return address == null ? 0 : h.records()
			.stream()
			.filter(r -> r.isOutbound() && r.purpose() == Purpose.OPT_OUT_CONFIRMATION && r.channel() != null
					&& r.channel().sameMediumAs(c.channel()) && address.equalsIgnoreCase(r.address()) && r.at() != null
					&& !r.at().isBefore(since) && !r.at().isAfter(c.at()) && r.isConnectedAttempt())
			.count();
	}

	/**
	 * Location communications already had with a third party at this address before the
	 * contact: an outbound contact addressed to a third party that conveyed something (a
	 * conversation, a message left, a text, email or letter sent) or is still an
	 * unsettled reservation. An unanswered, busy or dropped call communicated nothing, so
	 * it does not count (1006.10(c) limits communications).
	 */
	public static long locationCommunications(PastContacts h, Contact c) {
		String address = c.address();
		return address == null ? 0
				: h.records()
					.stream()
					.filter(r -> r.isOutbound() && r.recipient() == Recipient.THIRD_PARTY
							&& address.equalsIgnoreCase(r.address()) && r.at() != null && r.at().isBefore(c.at())
							&& conveyed(r.outcome()))
					.count();
	}

	/**
	 * The contact answers a communication this same third party sent (the person asked to
	 * be contacted).
	 */
	public static boolean answersThirdParty(PastContacts h, Contact c) {
		return c.address() != null && inbound(h, c).map(e -> c.address().equalsIgnoreCase(e.address())).orElse(false);
	}

	private static boolean conveyed(EventOutcome outcome) {
		return outcome == null || switch (outcome) {
			case CONVERSATION, VOICEMAIL_LEFT, SENT, DELIVERED -> true;
			default -> false;
		};
	}

}
