package com.contactdecision.support;

import java.net.http.HttpRequest;

import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

/**
 * The credentials HTTP tests send. {@link #ADMIN} is the bootstrap admin key set for
 * every test context in {@code src/test/resources/application.properties}; a test that
 * needs another role creates a key with {@code POST /v1/api-keys}.
 */
public final class TestKeys {

	public static final String HEADER = "X-Api-Key";

	/**
	 * Must equal {@code DECISIONING_BOOTSTRAP_ADMIN_KEY} in the test
	 * application.properties.
	 */
	public static final String ADMIN = "test-admin-key-0123456789abcdef0123456789abcdef";

	private TestKeys() {
	}

	/** A java.net.http request builder that sends the admin key. */
	public static HttpRequest.Builder admin(HttpRequest.Builder request) {
		return request.header(HEADER, ADMIN);
	}

	/** A RestClient builder whose every request sends the admin key. */
	public static RestClient.Builder admin(RestClient.Builder client) {
		return client.defaultHeader(HEADER, ADMIN);
	}

	/** For a RestTemplate (TestRestTemplate): adds the admin key to every request. */
	public static ClientHttpRequestInterceptor adminInterceptor() {
		return (request, body, execution) -> {
			request.getHeaders().set(HEADER, ADMIN);
			return execution.execute(request, body);
		};
	}

}
