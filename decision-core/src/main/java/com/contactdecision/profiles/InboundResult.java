package com.contactdecision.profiles;

import java.time.Instant;
import java.util.List;

/**
 * What an inbound text did: how it was read, and whose records it changed.
 *
 * @param optOut whether it revoked consent ({@code REVOKED} or
 * {@code REVOKED_NEEDS_REVIEW})
 * @param keyword the first revocation word found, or null
 * @param reading {@code REVOKED}, {@code REVOKED_NEEDS_REVIEW} or {@code NONE}
 * @param matched every revocation word found
 * @param rules the ids of the opt-out reply table rows that decided the reading
 * @param clarifyBefore for a reply to review, the end of the five minutes in which the
 * one confirmation text (purpose {@code OPT_OUT_CONFIRMATION}) may ask the consumer to
 * clarify; else null
 */
public record InboundResult(String eventId, boolean optOut, String keyword, List<String> affectedConsumers,
		OptOutReplies.Reading reading, List<String> matched, List<String> rules, Instant clarifyBefore) {

}
