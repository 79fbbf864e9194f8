package com.contactdecision.security;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.AuthenticationConverter;

import com.contactdecision.history.StoreUnavailableException;

/**
 * The API key scheme on Spring Security's own machinery: a converter reads
 * {@code X-Api-Key}, a provider checks it against {@link ApiKeys}, and Spring Security's
 * {@code AuthenticationFilter} runs them.
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

	static final String HEADER = "X-Api-Key";

	private final transient Object principal;

	private final transient String key;

	private ApiKeyAuthentication(String key) {
		super(List.of());
		this.key = key;
		this.principal = null;
	}

	private ApiKeyAuthentication(Caller caller) {
		super(List.of(new SimpleGrantedAuthority(caller.role().authority())));
		this.key = null;
		this.principal = caller;
		setAuthenticated(true);
	}

	static ApiKeyAuthentication of(ApiKey k) {
		return new ApiKeyAuthentication(new Caller(k.id(), k.role(), k.collectorId()));
	}

	@Override
	public Object getCredentials() {
		return key;
	}

	@Override
	public Object getPrincipal() {
		return principal;
	}

	/**
	 * Reads the header; no header means this scheme does not apply (a bearer token may).
	 */
	static final class Converter implements AuthenticationConverter {

		@Override
		public Authentication convert(HttpServletRequest request) {
			String key = request.getHeader(HEADER);
			return key == null ? null : new ApiKeyAuthentication(key.strip());
		}

	}

	/**
	 * The console in a browser: HTTP Basic whose password is an API key (the user name is
	 * not read), so an officer signs in with the same keys and roles as every other
	 * caller.
	 */
	static final class BasicProvider implements AuthenticationProvider {

		private final ApiKeys keys;

		BasicProvider(ApiKeys keys) {
			this.keys = keys;
		}

		@Override
		public Authentication authenticate(Authentication authentication) {
			Object password = authentication.getCredentials();
			try {
				return keys.authenticate(password == null ? null : password.toString())
					.map(ApiKeyAuthentication::of)
					.orElseThrow(() -> new BadCredentialsException("unknown, expired or revoked API key"));
			}
			catch (StoreUnavailableException e) {
				throw new AuthenticationServiceException("the API key store is unavailable", e);
			}
		}

		@Override
		public boolean supports(Class<?> authentication) {
			return org.springframework.security.authentication.UsernamePasswordAuthenticationToken.class
				.isAssignableFrom(authentication);
		}

	}

	static final class Provider implements AuthenticationProvider {

		private final ApiKeys keys;

		Provider(ApiKeys keys) {
			this.keys = keys;
		}

		@Override
		public Authentication authenticate(Authentication authentication) {
			String presented = (String) authentication.getCredentials();
			try {
				return keys.authenticate(presented)
					.map(ApiKeyAuthentication::of)
					.orElseThrow(() -> new BadCredentialsException("unknown, expired or revoked API key"));
			}
			catch (StoreUnavailableException e) {
				throw new AuthenticationServiceException("the API key store is unavailable", e);
			}
		}

		@Override
		public boolean supports(Class<?> authentication) {
			return ApiKeyAuthentication.class.isAssignableFrom(authentication);
		}

	}

}
