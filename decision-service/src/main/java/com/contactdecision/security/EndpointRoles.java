package com.contactdecision.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import static com.contactdecision.security.Role.ADMIN;
import static com.contactdecision.security.Role.COMPLIANCE;
import static com.contactdecision.security.Role.DIALLER;
import static com.contactdecision.security.Role.INTEGRATION;
import static com.contactdecision.security.Role.MONITORING;

/**
 * Who may call what (CONTRACT section 7): the one map from endpoint to roles. The filter
 * chain is built from it, and a test walks every operation of the OpenAPI document
 * against it, so an endpoint it does not name fails that test, and in production answers
 * ADMIN only. ADMIN may call everything.
 */
public final class EndpointRoles {

	/**
	 * @param method null: every method
	 * @param pattern a Spring path pattern ({@code *} is one segment)
	 */
	public record Rule(HttpMethod method, String pattern, Set<Role> roles) {

		Rule(HttpMethod method, String pattern, Role... roles) {
			this(method, pattern, roles(roles));
		}

		private static Set<Role> roles(Role... roles) {
			Set<Role> all = EnumSet.of(ADMIN, roles);
			return Set.copyOf(all);
		}

		boolean matches(String requestMethod, String path) {
			return (method == null || method.name().equals(requestMethod))
					&& PARSER.parse(pattern).matches(PathContainer.parsePath(path));
		}

		String[] roleNames() {
			return roles.stream().map(Role::name).sorted().toArray(String[]::new);
		}

	}

	private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;

	/** Open to anyone: the probes a load balancer or an orchestrator polls. */
	public static final List<String> PUBLIC = List.of("/actuator/health", "/actuator/health/liveness",
			"/actuator/health/readiness");

	/**
	 * Open to anyone on the console: its sign-in page, the stylesheet that page loads,
	 * and the two OAuth2 login endpoints (the redirect to the provider and the way back
	 * with a code). Every other console page needs COMPLIANCE or ADMIN.
	 */
	public static final List<String> CONSOLE_SIGN_IN = List.of("/console/sign-in", "/console/console.css",
			"/oauth2/authorization/*", "/login/oauth2/code/*");

	/** First match wins. */
	public static final List<Rule> RULES = List.of(
			// 1. Decisions; reads of past decisions are the audit trail
			new Rule(HttpMethod.POST, "/v1/decisions", DIALLER), //
			new Rule(HttpMethod.POST, "/v1/decisions:batch", DIALLER), //
			new Rule(HttpMethod.GET, "/v1/decisions", COMPLIANCE), //
			new Rule(HttpMethod.GET, "/v1/decisions:export", COMPLIANCE), //
			new Rule(HttpMethod.GET, "/v1/decisions/*", COMPLIANCE), //
			// 2. Events and history
			new Rule(HttpMethod.POST, "/v1/contact-events", DIALLER, INTEGRATION), //
			new Rule(HttpMethod.GET, "/v1/consumers/*/history", INTEGRATION), //
			// 3. The person and the debt; erasure is ADMIN's alone
			new Rule(null, "/v1/consumers/*/profile", INTEGRATION), //
			new Rule(null, "/v1/consumers/*/consents", INTEGRATION), //
			new Rule(HttpMethod.DELETE, "/v1/consumers/*"), //
			new Rule(HttpMethod.POST, "/v1/inbound/sms", DIALLER, INTEGRATION), //
			new Rule(null, "/v1/debts/*", INTEGRATION), //
			// 4. Collectors and rules
			new Rule(null, "/v1/collectors/*", INTEGRATION), //
			new Rule(HttpMethod.GET, "/v1/rules", COMPLIANCE), //
			new Rule(HttpMethod.POST, "/v1/rules:reload", COMPLIANCE), //
			new Rule(HttpMethod.POST, "/v1/rules:simulate", COMPLIANCE), //
			// The compliance console (HTML, in a browser: see
			// SecurityConfiguration#consoleFilterChain)
			new Rule(null, "/console", COMPLIANCE), //
			new Rule(null, "/console/**", COMPLIANCE), //
			// 7. Keys
			new Rule(null, "/v1/api-keys", ADMIN), //
			new Rule(null, "/v1/api-keys/*", ADMIN), //
			// 6. Operations: metrics for a scraper's key; the description of the API for
			// any caller
			new Rule(HttpMethod.GET, "/actuator/prometheus", MONITORING), //
			new Rule(HttpMethod.GET, "/actuator/info", MONITORING, DIALLER, INTEGRATION, COMPLIANCE), //
			new Rule(HttpMethod.GET, "/v3/api-docs/**", DIALLER, INTEGRATION, COMPLIANCE, MONITORING), //
			new Rule(HttpMethod.GET, "/v3/api-docs", DIALLER, INTEGRATION, COMPLIANCE, MONITORING), //
			new Rule(HttpMethod.GET, "/swagger-ui/**", DIALLER, INTEGRATION, COMPLIANCE, MONITORING), //
			new Rule(HttpMethod.GET, "/swagger-ui.html", DIALLER, INTEGRATION, COMPLIANCE, MONITORING));

	private EndpointRoles() {
	}

	/**
	 * The roles that may call this method and path, or empty when no rule names it (ADMIN
	 * only).
	 */
	public static Optional<Set<Role>> allowed(String method, String path) {
		return RULES.stream().filter(r -> r.matches(method, path)).findFirst().map(Rule::roles);
	}

}
