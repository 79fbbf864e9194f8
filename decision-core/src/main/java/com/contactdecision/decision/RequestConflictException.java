package com.contactdecision.decision;

/**
 * A requestId that the collector already used for a different request (CONTRACT section
 * 1): answered {@code 409}, and nothing is decided or counted. Call-IDs and other keys
 * are unique only by convention, so a reused key must never return another request's
 * answer.
 */
public class RequestConflictException extends RuntimeException {

	private final String requestId;

	public RequestConflictException(String requestId) {
		super("requestId was already used for a different request (another consumer, debt, channel, destination, "
				+ "recipient, dial mode, purpose, mode or message); nothing was decided", null, false, false);
		this.requestId = requestId;
	}

	public String requestId() {
		return requestId;
	}

}
