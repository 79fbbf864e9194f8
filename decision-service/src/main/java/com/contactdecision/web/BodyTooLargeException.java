package com.contactdecision.web;

import java.io.IOException;

/**
 * A request body over its limit; thrown while reading, so nothing past the limit is
 * buffered.
 */
class BodyTooLargeException extends IOException {

	static final String MESSAGE = "the body is larger than the limit (1 MiB; 16 MiB for a batch)";

	BodyTooLargeException() {
		super(MESSAGE);
	}

}
