package com.contactdecision.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.contactdecision.json.Json;
import com.contactdecision.support.TestKeys;

/**
 * OAuth2 bearer tokens (a resource server checking RS256 signatures against a configured
 * public key; an issuer or JWK set URI works the same way) with the role in a claim, and
 * per-key rate limits.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "rules.dir=${user.dir}/../rules", "rules.watch=false", "decisioning.redis-url=",
				"decisioning.security.requests-per-second=5" })
class BearerTokenAndRateLimitIntegrationTests {

	static final RSAKey SIGNER = generate();

	static final RSAKey STRANGER = generate();

	static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void issuerKey(DynamicPropertyRegistry registry) {
		try {
			Path pem = Files.createTempFile("issuer", ".pem");
			pem.toFile().deleteOnExit();
			Files.writeString(pem,
					"-----BEGIN PUBLIC KEY-----\n"
							+ Base64.getMimeEncoder().encodeToString(SIGNER.toRSAPublicKey().getEncoded())
							+ "\n-----END PUBLIC KEY-----\n");
			registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + pem);
		}
		catch (IOException | JOSEException e) {
			throw new IllegalStateException(e);
		}
	}

	@Test
	void aTokenSignedByTheIssuerActsWithTheRoleInItsClaim() throws Exception {
		String compliance = token(SIGNER, "auditor-1", List.of("COMPLIANCE"), null);

		assertThat(send("GET", "/v1/rules", null, "Bearer " + compliance).statusCode()).isEqualTo(200);
		HttpResponse<String> denied = send("POST", "/v1/decisions", "{}", "Bearer " + compliance);
		assertThat(denied.statusCode()).isEqualTo(403);
		assertThat(denied.headers().firstValue("Content-Type"))
			.hasValueSatisfying(c -> assertThat(c).startsWith("application/problem+json"));
	}

	@Test
	void aTokenNotSignedByTheIssuerOrWithoutAKnownRoleIsRefused() throws Exception {
		assertThat(
				send("GET", "/v1/rules", null, "Bearer " + token(STRANGER, "x", List.of("ADMIN"), null)).statusCode())
			.isEqualTo(401);
		assertThat(send("GET", "/v1/rules", null, "Bearer not-a-token").statusCode()).isEqualTo(401);
		assertThat(send("GET", "/v1/rules", null, "Bearer " + token(SIGNER, "y", List.of("ROOT"), null)).statusCode())
			.isEqualTo(403);
	}

	@Test
	void aDiallerTokenIsHeldToTheCollectorInItsClaim() throws Exception {
		String dialler = token(SIGNER, "dialler-1", List.of("DIALLER"), "northwind-" + System.nanoTime());
		HttpResponse<String> r = send("POST", "/v1/decisions", """
				{"collectorId":"someone-else","consumerId":"c-1","debtIds":["d-1"],"channel":"CALL",
				 "destination":{"phone":"+16145550100"},"mode":"CHECK"}""", "Bearer " + dialler);

		assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
	}

	@Test
	void aKeyOverItsRateIsAnswered429WithRetryAfter() throws Exception {
		HttpResponse<String> created = send("POST", "/v1/api-keys", "{\"name\":\"busy\",\"role\":\"COMPLIANCE\"}",
				null);
		String key = Json.mapper().readTree(created.body()).get("key").asText();

		List<HttpResponse<String>> answers = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			answers.add(sendKey("GET", "/v1/rules", key));
		}

		HttpResponse<String> limited = answers.stream()
			.filter(a -> a.statusCode() == 429)
			.findFirst()
			.orElseThrow(
					() -> new AssertionError("no 429 in " + answers.stream().map(HttpResponse::statusCode).toList()));
		assertThat(answers.stream().filter(a -> a.statusCode() == 200).count()).isBetween(5L, 10L);
		assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
		JsonNode problem = Json.mapper().readTree(limited.body());
		assertThat(problem.get("status").asInt()).isEqualTo(429);
		assertThat(sendKey("GET", "/v1/rules", TestKeys.ADMIN).statusCode()).as("another key's budget is its own")
			.isEqualTo(200);
	}

	static String token(RSAKey key, String subject, List<String> roles, String collector) throws JOSEException {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject)
			.claim("roles", roles)
			.expirationTime(Date.from(Instant.now().plusSeconds(300)));
		if (collector != null) {
			claims.claim("collector_id", collector);
		}
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	static RSAKey generate() {
		try {
			return new RSAKeyGenerator(2048).generate();
		}
		catch (JOSEException e) {
			throw new IllegalStateException(e);
		}
	}

	HttpResponse<String> sendKey(String method, String path, String key) throws Exception {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.header(TestKeys.HEADER, key);
		return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * With {@code authorization} as the Authorization header, or the admin key when null.
	 */
	HttpResponse<String> send(String method, String path, String body, String authorization) {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (body != null) {
			b.header("Content-Type", "application/json");
		}
		if (authorization == null) {
			b.header(TestKeys.HEADER, TestKeys.ADMIN);
		}
		else {
			b.header("Authorization", authorization);
		}
		try {
			return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

}
