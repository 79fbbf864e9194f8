package com.contactdecision.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.contactdecision.json.Json;

/**
 * The console's "Sign in with" an OpenID provider, for real: a tiny provider on 127.0.0.1
 * (discovery document, an authorize endpoint that redirects back with a code, a token
 * endpoint answering an RS256 id token signed with a test key, and the JWKS), configured
 * as an ordinary {@code spring.security.oauth2.client.registration}, and Chromium going
 * through it. The id token's {@code roles} claim decides who gets in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "rules.dir=${user.dir}/../rules", "rules.watch=false", "decisioning.redis-url=" })
class ConsoleOidcBrowserIntegrationTests {

	static final TestProvider PROVIDER = TestProvider.start();

	static WebDriver browser;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void registration(DynamicPropertyRegistry registry) {
		String prefix = "spring.security.oauth2.client.";
		registry.add(prefix + "registration.test-idp.client-id", () -> TestProvider.CLIENT_ID);
		registry.add(prefix + "registration.test-idp.client-secret", () -> TestProvider.CLIENT_SECRET);
		registry.add(prefix + "registration.test-idp.client-name", () -> "Test IdP");
		registry.add(prefix + "registration.test-idp.scope", () -> "openid");
		registry.add(prefix + "provider.test-idp.issuer-uri", PROVIDER::issuer);
	}

	@BeforeAll
	static void startBrowser() {
		browser = ConsoleBrowserIntegrationTests.headlessChromium();
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.quit();
		}
		PROVIDER.server.stop(0);
	}

	@Test
	void anOfficerSignsInThroughTheProviderAndTheRoleClaimLetsThemIn() {
		PROVIDER.roles = List.of("compliance");
		browser.manage().deleteAllCookies();
		browser.get(url("/console/sign-in"));
		assertThat(browser.findElement(By.id("sign-in-with-test-idp")).getText()).isEqualTo("Sign in with Test IdP");
		ConsoleBrowserIntegrationTests.screenshot(browser, "console-sign-in-oidc");

		browser.findElement(By.id("sign-in-with-test-idp")).click();
		waitFor("/console/rules");

		assertThat(browser.getCurrentUrl()).endsWith("/console/rules");
		assertThat(browser.findElement(By.id("rule-version")).getText()).startsWith("sha256:");
		assertThat(PROVIDER.tokensIssued).as("the code was exchanged at the token endpoint").isPositive();
		browser.findElement(By.id("sign-out")).click();
		waitFor("?signed-out");
		assertThat(browser.findElement(By.cssSelector(".notice")).getText()).isEqualTo("Signed out.");
	}

	@Test
	void aProviderAccountWithoutAConsoleRoleIsRefused() {
		PROVIDER.roles = List.of("DIALLER");
		browser.manage().deleteAllCookies();
		browser.get(url("/console/sign-in"));

		browser.findElement(By.id("sign-in-with-test-idp")).click();
		waitFor("/console/sign-in?refused");

		assertThat(browser.getCurrentUrl()).endsWith("/console/sign-in?refused");
		browser.get(url("/console/rules"));
		assertThat(browser.getCurrentUrl()).endsWith("/console/sign-in");
	}

	/** The provider's round trip is redirects the click does not wait for. */
	private static void waitFor(String urlEnd) {
		new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(30))
			.until(d -> d.getCurrentUrl().endsWith(urlEnd));
	}

	private String url(String path) {
		return "http://127.0.0.1:" + port + path;
	}

	/** The smallest OpenID provider Spring Security's client will talk to. */
	static final class TestProvider {

		static final String CLIENT_ID = "console-test";

		static final String CLIENT_SECRET = "console-test-secret";

		final HttpServer server;

		final RSAKey key;

		/** The nonce each code was issued for, so the id token carries it back. */
		final Map<String, String> nonces = new ConcurrentHashMap<>();

		volatile List<String> roles = List.of("COMPLIANCE");

		volatile int tokensIssued;

		private TestProvider(HttpServer server, RSAKey key) {
			this.server = server;
			this.key = key;
		}

		static TestProvider start() {
			try {
				HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
				TestProvider p = new TestProvider(server,
						new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate());
				server.createContext("/.well-known/openid-configuration", p::discovery);
				server.createContext("/authorize", p::authorize);
				server.createContext("/token", p::token);
				server.createContext("/jwks", p::jwks);
				server.start();
				return p;
			}
			catch (Exception e) {
				throw new IllegalStateException("the test OpenID provider did not start", e);
			}
		}

		String issuer() {
			return "http://127.0.0.1:" + server.getAddress().getPort();
		}

		private void discovery(HttpExchange x) throws IOException {
			json(x, 200, Map.of("issuer", issuer(), "authorization_endpoint", issuer() + "/authorize", "token_endpoint",
					issuer() + "/token", "jwks_uri", issuer() + "/jwks", "response_types_supported", List.of("code"),
					"subject_types_supported", List.of("public"), "id_token_signing_alg_values_supported",
					List.of("RS256"), "scopes_supported", List.of("openid"), "token_endpoint_auth_methods_supported",
					List.of("client_secret_basic")));
		}

		/** Signs the user in at once and sends the browser back with a code. */
		private void authorize(HttpExchange x) throws IOException {
			Map<String, String> q = form(x.getRequestURI().getRawQuery());
			if (!CLIENT_ID.equals(q.get("client_id")) || !"code".equals(q.get("response_type"))) {
				json(x, 400, Map.of("error", "invalid_request"));
				return;
			}
			String code = UUID.randomUUID().toString();
			nonces.put(code, q.getOrDefault("nonce", ""));
			x.getResponseHeaders()
				.add("Location", q.get("redirect_uri") + "?code=" + code + "&state="
						+ URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8));
			x.sendResponseHeaders(302, -1);
			x.close();
		}

		private void token(HttpExchange x) throws IOException {
			Map<String, String> f;
			try (InputStream in = x.getRequestBody()) {
				f = form(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
			String basic = "Basic " + java.util.Base64.getEncoder()
				.encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
			String nonce = nonces.remove(String.valueOf(f.get("code")));
			if (!basic.equals(x.getRequestHeaders().getFirst("Authorization")) || nonce == null
					|| !"authorization_code".equals(f.get("grant_type"))) {
				json(x, 400, Map.of("error", "invalid_grant"));
				return;
			}
			try {
				Instant now = Instant.now();
				JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer())
					.subject("officer-" + roles.get(0).toLowerCase(java.util.Locale.ROOT))
					.audience(CLIENT_ID)
					.issueTime(Date.from(now))
					.expirationTime(Date.from(now.plusSeconds(300)))
					.claim("roles", roles);
				if (!nonce.isEmpty()) {
					claims.claim("nonce", nonce);
				}
				SignedJWT idToken = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
					.type(JOSEObjectType.JWT)
					.build(), claims.build());
				idToken.sign(new RSASSASigner(key));
				tokensIssued++;
				json(x, 200, Map.of("access_token", UUID.randomUUID().toString(), "token_type", "Bearer", "expires_in",
						300, "scope", "openid", "id_token", idToken.serialize()));
			}
			catch (com.nimbusds.jose.JOSEException e) {
				throw new IOException("could not sign the id token", e);
			}
		}

		private void jwks(HttpExchange x) throws IOException {
			byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
			x.getResponseHeaders().add("Content-Type", "application/json");
			x.sendResponseHeaders(200, body.length);
			x.getResponseBody().write(body);
			x.close();
		}

		private static void json(HttpExchange x, int status, Object body) throws IOException {
			byte[] bytes = Json.mapper().writeValueAsBytes(body);
			x.getResponseHeaders().add("Content-Type", "application/json");
			x.sendResponseHeaders(status, bytes.length);
			x.getResponseBody().write(bytes);
			x.close();
		}

		private static Map<String, String> form(String raw) {
			Map<String, String> values = new HashMap<>();
			if (raw == null) {
				return values;
			}
			for (String pair : raw.split("&")) {
				int eq = pair.indexOf('=');
				if (eq > 0) {
					values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
							URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
				}
			}
			return values;
		}

	}

}
