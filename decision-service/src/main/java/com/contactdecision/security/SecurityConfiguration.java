package com.contactdecision.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import tools.jackson.core.type.TypeReference;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

import com.contactdecision.json.Json;

/**
 * Every endpoint requires credentials but the health probes ({@link EndpointRoles}): an
 * API key in {@code X-Api-Key}, or a bearer JWT when
 * {@code spring.security.oauth2.resourceserver.jwt.*} names an issuer, a JWK set or a
 * public key. Stateless: no session, no cookie, no CSRF token (there is no browser
 * session to forge requests with).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	/**
	 * Spring Security's strict firewall, letting an encoded CR or LF in the path through
	 * to the controllers: an id holding one is then a 400 naming its field (Validation),
	 * like every other id outside the charset, instead of a bare error page. Nothing logs
	 * an id before validation.
	 */
	@Bean
	org.springframework.security.web.firewall.HttpFirewall httpFirewall() {
		org.springframework.security.web.firewall.StrictHttpFirewall firewall = new org.springframework.security.web.firewall.StrictHttpFirewall();
		firewall.setAllowUrlEncodedCarriageReturn(true);
		firewall.setAllowUrlEncodedLineFeed(true);
		return firewall;
	}

	@Bean
	ApiKeyStore apiKeyStore(ObjectProvider<UnifiedJedis> redis, Environment env) {
		UnifiedJedis client = redis.getIfAvailable();
		if (client == null) {
			return new InMemoryApiKeyStore();
		}
		String prefix = env.getProperty("decisioning.redis-key-prefix");
		return new RedisApiKeyStore(client, prefix == null || prefix.isBlank() ? "cds:" : prefix);
	}

	@Bean
	ApiKeys apiKeys(ApiKeyStore store, SecurityProperties properties, Clock clock) throws IOException {
		byte[] secret = Secrets
			.load(properties.apiKeySecret(), Path.of(properties.secretsDir(), "api-key.secret"), 32,
					"API key hash secret (decisioning.security.api-key-secret)")
			.values()
			.iterator()
			.next();
		ApiKeys keys = new ApiKeys(store, secret, clock, properties.keyCacheTtl());
		seed(keys, properties);
		bootstrap(keys, properties);
		return keys;
	}

	/**
	 * Keys from a file (for automation): accepted, not stored, so the file stays their
	 * source of truth.
	 */
	private static void seed(ApiKeys keys, SecurityProperties properties) throws IOException {
		if (SecurityProperties.blank(properties.apiKeysFile())) {
			return;
		}
		List<SeedKey> seeds = Json.mapper()
			.readValue(Files.readAllBytes(Path.of(properties.apiKeysFile())), new TypeReference<List<SeedKey>>() {
			});
		for (SeedKey s : seeds) {
			if (s.id() == null || s.role() == null || (s.key() == null) == (s.keyHash() == null)) {
				throw new IllegalArgumentException(properties.apiKeysFile()
						+ ": every key needs an id, a role, and either key or keyHash (HMAC-SHA256 hex)");
			}
			if (s.key() != null) {
				keys.accept(s.key(), s.id(), s.name(), s.role(), s.collectorId(), s.expiresAt());
			}
			else {
				keys.acceptHash(s.keyHash(), s.id(), s.name(), s.role(), s.collectorId(), s.expiresAt());
			}
		}
		log.info("accepted {} API keys from {}", seeds.size(), properties.apiKeysFile());
	}

	record SeedKey(String id, String name, Role role, String collectorId, String key, String keyHash,
			Instant expiresAt) {
	}

	/**
	 * Secure by default: with no admin key given and none stored, the first start writes
	 * one to a file only its owner can read, and logs where (never the key).
	 */
	private static void bootstrap(ApiKeys keys, SecurityProperties properties) throws IOException {
		if (!SecurityProperties.blank(properties.bootstrapAdminKey())) {
			keys.accept(properties.bootstrapAdminKey().strip(), "bootstrap", "bootstrap admin", Role.ADMIN, null, null);
			log.info("the bootstrap admin key (DECISIONING_BOOTSTRAP_ADMIN_KEY) is accepted");
			return;
		}
		Path file = Path.of(properties.bootstrapKeyFile());
		if (Files.exists(file)) {
			keys.accept(Files.readString(file, StandardCharsets.UTF_8).strip(), "bootstrap", "bootstrap admin",
					Role.ADMIN, null, null);
			log.info("the bootstrap admin key in {} is accepted; delete the file and restart to retire it",
					file.toAbsolutePath());
			return;
		}
		if (!keys.storeIsEmpty()) {
			return;
		}
		String key = keys.newBootstrapKey();
		Secrets.writeOwnerOnly(file, key + "\n");
		keys.accept(key, "bootstrap", "bootstrap admin", Role.ADMIN, null, null);
		log.warn("no API key is configured: wrote a new ADMIN key to {} (readable by this user only). "
				+ "Send it as X-Api-Key; create your own keys with POST /v1/api-keys", file.toAbsolutePath());
	}

	/** A bean, so Boot does not also make a user with a generated password. */
	@Bean
	ApiKeyAuthentication.Provider apiKeyProvider(ApiKeys keys) {
		return new ApiKeyAuthentication.Provider(keys);
	}

	/** Where an officer signs in to the console. */
	static final String SIGN_IN = "/console/sign-in";

	/**
	 * The console is used from a browser, as a product would be: a sign-in page where an
	 * officer pastes an API key (the key is checked once and the officer is then held in
	 * a server-side session, the cookie HttpOnly and SameSite), and, when an OAuth2/OIDC
	 * client registration is configured, "Sign in with" that provider, whose role claim
	 * maps to the roles as for bearer tokens. A session is what a forged cross-site form
	 * would ride on, so CSRF protection is on here: the console's forms carry the token
	 * (Thymeleaf's th:action adds it), and signing out is a POST. Only COMPLIANCE and
	 * ADMIN get in ({@link EndpointRoles}); a key or a token with another role is refused
	 * at sign-in. Scripts may still send X-Api-Key on each request, as to the API.
	 */
	@Bean
	@Order(1)
	SecurityFilterChain consoleFilterChain(HttpSecurity http, ApiKeys keys, ApiKeyAuthentication.Provider provider,
			SecurityProperties properties, ObjectProvider<ClientRegistrationRepository> registrations)
			throws Exception {
		ProblemResponses problems = new ProblemResponses("ApiKey header=\"X-Api-Key\"");
		ProviderManager manager = new ProviderManager(provider, new ApiKeyAuthentication.BasicProvider(keys));
		Set<Role> allowed = EndpointRoles.allowed("GET", "/console/rules").orElseThrow();
		String[] roles = allowed.stream().map(Role::name).toArray(String[]::new);
		ConsoleSignIn signIn = new ConsoleSignIn(allowed, SIGN_IN, "/console/rules");
		// The form's key through the shared manager, beside the providers oauth2Login
		// adds
		// to it (a manager set outright would leave those out).
		http.securityMatcher(consoleMatchers())
			.authenticationProvider(new ApiKeyAuthentication.BasicProvider(keys))
			.formLogin(f -> f.loginPage(SIGN_IN)
				.loginProcessingUrl(SIGN_IN)
				.passwordParameter("apiKey")
				.successHandler(signIn)
				.failureUrl(SIGN_IN + "?error"))
			.logout(l -> l.logoutUrl("/console/sign-out").logoutSuccessUrl(SIGN_IN + "?signed-out"))
			.httpBasic(b -> b.disable())
			.exceptionHandling(e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(SIGN_IN))
				.accessDeniedHandler(problems))
			.addFilterBefore(apiKeyFilter(manager, problems), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests(a -> a.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				.requestMatchers(EndpointRoles.CONSOLE_SIGN_IN.toArray(String[]::new))
				.permitAll()
				.anyRequest()
				.hasAnyRole(roles));
		if (registrations.getIfAvailable() != null) {
			http.oauth2Login(o -> o.loginPage(SIGN_IN)
				.successHandler(signIn)
				.failureUrl(SIGN_IN + "?error")
				.userInfoEndpoint(u -> u.userAuthoritiesMapper(
						authorities -> ConsoleSignIn.oidcRoles(authorities, properties.jwtRolesClaim()))));
			log.info("the console offers OAuth2/OIDC sign-in; the role is read from claim '{}'",
					properties.jwtRolesClaim());
		}
		return http.build();
	}

	private static String[] consoleMatchers() {
		List<String> paths = new ArrayList<>(List.of("/console", "/console/**"));
		paths.addAll(EndpointRoles.CONSOLE_SIGN_IN);
		return paths.toArray(String[]::new);
	}

	private static AuthenticationFilter apiKeyFilter(
			org.springframework.security.authentication.AuthenticationManager manager, ProblemResponses problems) {
		AuthenticationFilter apiKeys = new AuthenticationFilter(manager, new ApiKeyAuthentication.Converter());
		// The request goes on to its endpoint; the default handler would redirect.
		apiKeys.setSuccessHandler((request, response, authentication) -> {
		});
		apiKeys.setFailureHandler(new AuthenticationEntryPointFailureHandler(problems));
		return apiKeys;
	}

	@Bean
	@Order(2)
	SecurityFilterChain securityFilterChain(HttpSecurity http, ApiKeyAuthentication.Provider provider,
			SecurityProperties properties, ObjectProvider<JwtDecoder> jwtDecoder) throws Exception {
		ProblemResponses problems = new ProblemResponses();
		AuthenticationFilter apiKeys = apiKeyFilter(new ProviderManager(provider), problems);
		http.csrf(c -> c.disable())
			.httpBasic(b -> b.disable())
			.formLogin(f -> f.disable())
			.logout(l -> l.disable())
			.requestCache(c -> c.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.addFilterBefore(apiKeys, AnonymousAuthenticationFilter.class)
			.addFilterAfter(new RateLimitFilter(properties.requestsPerSecond(), problems), AuthorizationFilter.class)
			.authorizeHttpRequests(a -> {
				// An error answer is rendered on an ERROR dispatch of a request already
				// authorised.
				a.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
				a.requestMatchers(EndpointRoles.PUBLIC.toArray(String[]::new)).permitAll();
				for (EndpointRoles.Rule r : EndpointRoles.RULES) {
					if (r.method() == null) {
						a.requestMatchers(r.pattern()).hasAnyRole(r.roleNames());
					}
					else {
						a.requestMatchers(r.method(), r.pattern()).hasAnyRole(r.roleNames());
					}
				}
				a.anyRequest().hasRole(Role.ADMIN.name());
			});
		if (jwtDecoder.getIfAvailable() != null) {
			http.oauth2ResourceServer(o -> o
				.jwt(j -> j.jwtAuthenticationConverter(
						jwt -> token(jwt, properties.jwtRolesClaim(), properties.jwtCollectorClaim())))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems));
			log.info("bearer tokens are accepted; the role is read from claim '{}'", properties.jwtRolesClaim());
		}
		return http.build();
	}

	/**
	 * The token's role from the configured claim (a string or a list; unknown names are
	 * ignored).
	 */
	static JwtAuthenticationToken token(Jwt jwt, String rolesClaim, String collectorClaim) {
		List<Role> roles = roles(jwt.getClaims().get(rolesClaim));
		List<GrantedAuthority> authorities = roles.stream()
			.<GrantedAuthority>map(r -> new SimpleGrantedAuthority(r.authority()))
			.toList();
		JwtAuthenticationToken token = new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
		if (!roles.isEmpty()) {
			token.setDetails(new Caller("jwt:" + jwt.getSubject(), roles.get(0), jwt.getClaimAsString(collectorClaim)));
		}
		return token;
	}

	/**
	 * The roles a token's role claim names (a string or a list; unknown names are
	 * ignored), in the claim's order: one reading for bearer tokens and console sign-in.
	 */
	static List<Role> roles(Object claim) {
		Collection<?> names = claim instanceof Collection<?> c ? c : claim == null ? List.of() : List.of(claim);
		List<Role> roles = new ArrayList<>();
		for (Object n : names) {
			for (Role r : Role.values()) {
				if (r.name().equalsIgnoreCase(String.valueOf(n)) && !roles.contains(r)) {
					roles.add(r);
				}
			}
		}
		return roles;
	}

}
