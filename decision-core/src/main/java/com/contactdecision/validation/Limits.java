package com.contactdecision.validation;

import java.time.Duration;

/**
 * The documented bounds on what one request may ask of the service (README "Limits",
 * OpenAPI {@code maxItems}/{@code maxLength}): each keeps the work of one request
 * bounded, so no client, careless or hostile, can keep a core busy after it has gone.
 * Changing one is an API change.
 */
public final class Limits {

	/** Debts named in one decision request, event, consent, attorney or cease notice. */
	public static final int MAX_DEBT_IDS = 100;

	/** Requests in one batch (CONTRACT section 1). */
	public static final int MAX_BATCH = 10_000;

	/**
	 * Characters of a message's text: far above an SMS (1 600) or a collection letter.
	 */
	public static final int MAX_MESSAGE_TEXT = 20_000;

	/** Characters of an email subject (RFC 5322 line length). */
	public static final int MAX_MESSAGE_SUBJECT = 998;

	/** Characters of free text elsewhere (names, creditor, source, an inbound text). */
	public static final int MAX_TEXT = 1_000;

	/**
	 * Records one decision reads from a consumer's history (its 32-day look-back). A
	 * consumer with more is not decided on a partial history: the decision fails closed.
	 */
	public static final int MAX_HISTORY_RECORDS = 10_000;

	/**
	 * How long one decision may work before it stops and fails closed. A decision takes
	 * milliseconds; this is a backstop against runaway work on an overloaded host, not a
	 * latency target.
	 */
	public static final Duration DECISION_BUDGET = Duration.ofSeconds(10);

	/** How long one batch may work; items not reached by then fail closed. */
	public static final Duration BATCH_BUDGET = Duration.ofSeconds(60);

	private Limits() {
	}

}
