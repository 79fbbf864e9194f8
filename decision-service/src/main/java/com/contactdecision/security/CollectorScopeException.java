package com.contactdecision.security;

import org.springframework.security.access.AccessDeniedException;

/** A caller scoped to one collector asked to act for another: 403. */
public final class CollectorScopeException extends AccessDeniedException {

	CollectorScopeException(String message) {
		super(message);
	}

}
