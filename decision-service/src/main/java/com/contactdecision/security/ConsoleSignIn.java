package com.contactdecision.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.core.user.OAuth2UserAuthority;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/**
 * What happens once a console sign-in has proved who it is (an API key pasted into the
 * form, or a provider's id token): a role that may not use the console is refused there
 * and then, its session dropped, rather than let in to meet a 403 on every page; a
 * permitted one goes on to the page it asked for, or the rules in force.
 */
final class ConsoleSignIn extends SavedRequestAwareAuthenticationSuccessHandler {

	private static final Logger log = LoggerFactory.getLogger(ConsoleSignIn.class);

	private final Set<String> allowed;

	private final String signIn;

	ConsoleSignIn(Set<Role> allowed, String signIn, String home) {
		this.allowed = allowed.stream().map(Role::authority).collect(java.util.stream.Collectors.toSet());
		this.signIn = signIn;
		setDefaultTargetUrl(home);
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		boolean permitted = authentication.getAuthorities().stream().anyMatch(a -> allowed.contains(a.getAuthority()));
		if (!permitted) {
			// The name only: a key's id or a token's subject, never the key.
			log.info("console sign-in refused for {}: no console role", authentication.getName());
			SecurityContextHolder.clearContext();
			HttpSession session = request.getSession(false);
			if (session != null) {
				session.invalidate();
			}
			getRedirectStrategy().sendRedirect(request, response, signIn + "?refused");
			return;
		}
		super.onAuthenticationSuccess(request, response, authentication);
	}

	/**
	 * An OAuth2/OIDC sign-in's authorities with the roles its role claim names (in the id
	 * token or the user info), read as {@link SecurityConfiguration#roles} reads a bearer
	 * token's.
	 */
	static Collection<GrantedAuthority> oidcRoles(Collection<? extends GrantedAuthority> authorities,
			String rolesClaim) {
		Set<GrantedAuthority> mapped = new LinkedHashSet<>(authorities);
		for (GrantedAuthority a : authorities) {
			List<Map<String, Object>> claims = new ArrayList<>();
			if (a instanceof OidcUserAuthority oidc) {
				claims.add(oidc.getIdToken().getClaims());
				if (oidc.getUserInfo() != null) {
					claims.add(oidc.getUserInfo().getClaims());
				}
			}
			else if (a instanceof OAuth2UserAuthority user) {
				claims.add(user.getAttributes());
			}
			for (Map<String, Object> c : claims) {
				SecurityConfiguration.roles(c.get(rolesClaim))
					.forEach(r -> mapped.add(new SimpleGrantedAuthority(r.authority())));
			}
		}
		return mapped;
	}

}
