package com.contactdecision.facts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The seven-day block after a telephone conversation about a debt (12 CFR
 * 1006.14(b)(2)(i)(B)), over {@link PastContacts}. Rules call
 * {@code Conversations.blocking(history, $contact, 7)}. Stateless.
 */
public final class Conversations {

	private Conversations() {
	}

	/**
	 * The most recent telephone conversation about each debt of the contact, inbound or
	 * outbound, whose block of {@code days} local days (the conversation's day being the
	 * first, dated per C3) still covers the contact's instant; the block ends when day
	 * C+days-1 has ended in every zone.
	 */
	public static List<Conversation> recent(PastContacts h, Contact c, int days) {
		List<Conversation> result = new ArrayList<>();
		ConsumerZones zones = h.zones();
		for (String key : h.unitKeys(CapUnit.DEBT, c)) {
			java.util.stream.IntStream.range(0, h.records().size()).filter(i -> {
				ContactRecord r = h.records().get(i);
				return r.isConversation() && r.channel().isCall() && r.recipient() == Recipient.CONSUMER
						&& PastContacts.sameCollector(r, c) && !r.at().isAfter(h.at()) && h.keysOf(i).contains(key);
			})
				.mapToObj(h::eventDate)
				.max(Comparator.naturalOrder())
				.map(d -> new Conversation(key, d, zones.startOfDayEverywhere(d.plusDays(days))))
				.filter(conv -> h.at().isBefore(conv.blockEndsAt()))
				.ifPresent(result::add);
		}
		return result;
	}

	/**
	 * The conversations that block this call under 1006.14(b)(2)(i)(B): {@link #recent}
	 * less the debts whose call the person asked for directly (the (b)(3)(i) exclusion
	 * qualifies both prongs).
	 */
	public static List<Conversation> blocking(PastContacts h, Contact c, int days) {
		return recent(h, c, days).stream()
			.filter(conv -> !DirectConsent.coversKey(h, c, conv.debtKey()))
			.map(conv -> new Conversation(conv.debtKey(), conv.date(), conv.blockEndsAt(),
					PastContacts.earlier(conv.blockEndsAt(), DirectConsent.nextStart(h, c, conv.debtKey()))))
			.toList();
	}

}
