package com.contactdecision.history;

/**
 * A store could not be read or written in time. Decisions fail closed on it (DENY with
 * COUNTER_STORE_UNAVAILABLE); writes answer 503 so the caller retries and nothing
 * accepted is lost.
 */
public class StoreUnavailableException extends RuntimeException {

	public StoreUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
