package com.contactdecision.security;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling: an API key's record or a bearer token's subject, its role, and the
 * collector it is scoped to, if any.
 *
 * @param id the key id, or {@code jwt:<subject>}; rate limits are kept per id
 */
public record Caller(String id, Role role, String collectorId) {

	/** The caller of the current request, if authenticated. */
	public static Optional<Caller> current() {
		Authentication a = SecurityContextHolder.getContext().getAuthentication();
		if (a == null || !a.isAuthenticated()) {
			return Optional.empty();
		}
		if (a.getPrincipal() instanceof Caller c) {
			return Optional.of(c);
		}
		if (a instanceof JwtAuthenticationToken jwt && jwt.getDetails() instanceof Caller c) {
			return Optional.of(c);
		}
		return Optional.empty();
	}

	/**
	 * The collector a request acts for: the one it names, else the caller's scope. A
	 * scoped caller naming another collector is refused (403).
	 */
	public static String collectorFor(String requested) {
		Optional<Caller> c = current();
		if (c.isEmpty() || c.get().collectorId() == null) {
			return requested;
		}
		String scope = c.get().collectorId();
		if (requested != null && !requested.equals(scope)) {
			throw new CollectorScopeException("this key acts for collector " + scope + " only");
		}
		return scope;
	}

	/** Whether the caller may read profiles (and so learn who holds a number). */
	public static boolean mayReadProfiles() {
		return current().map(c -> c.role() == Role.INTEGRATION || c.role() == Role.ADMIN).orElse(false);
	}

}
