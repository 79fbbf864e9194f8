package com.contactdecision.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.contactdecision.Application;
import com.contactdecision.support.TestKeys;

/**
 * A first start as an operator would make it: no admin key given, so the service writes
 * one to a file only its owner can read and logs the file's path, never the key; served
 * over TLS from a Spring Boot SSL bundle holding a self-signed certificate made here with
 * the JDK's keytool.
 */
class FirstStartOverTlsIntegrationTests {

	static final String PASSWORD = "changeit-" + Long.toHexString(System.nanoTime());

	@TempDir
	static Path dir;

	static ConfigurableApplicationContext app;

	static Path keyFile;

	static Path keystore;

	static final java.io.ByteArrayOutputStream LOG = new java.io.ByteArrayOutputStream();

	@BeforeAll
	static void start() throws Exception {
		keystore = dir.resolve("server.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname",
				"CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore",
				keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
			.redirectErrorStream(true)
			.start();
		assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();

		keyFile = dir.resolve("keys/bootstrap-admin.key");
		java.io.PrintStream out = System.out;
		// The service's own log lines, as an operator's terminal would show them.
		System.setOut(new java.io.PrintStream(new java.io.OutputStream() {

			@Override
			public void write(int b) {
				out.write(b);
				LOG.write(b);
			}

			@Override
			public void write(byte[] b, int off, int len) {
				out.write(b, off, len);
				LOG.write(b, off, len);
			}

		}, true));
		try {
			app = new SpringApplicationBuilder(Application.class).run("--server.port=0",
					"--rules.dir=" + Path.of("../rules").toAbsolutePath(), "--rules.watch=false",
					"--decisioning.redis-url=", "--decisioning.security.bootstrap-admin-key=",
					"--decisioning.security.bootstrap-key-file=" + keyFile,
					"--spring.ssl.bundle.jks.web.keystore.location=file:" + keystore,
					"--spring.ssl.bundle.jks.web.keystore.password=" + PASSWORD,
					"--spring.ssl.bundle.jks.web.keystore.type=PKCS12", "--server.ssl.bundle=web");
		}
		finally {
			System.setOut(out);
		}
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	@Test
	void theFirstStartWritesAnOwnerOnlyAdminKeyAndLogsItsPathButNeverTheKey() throws Exception {
		String key = Files.readString(keyFile).strip();

		assertThat(key).startsWith("cdk_bootstrap_").hasSizeGreaterThan(40);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
		String log = LOG.toString();
		assertThat(log).contains(keyFile.toString()).doesNotContain(key);
		assertThat(get("/v1/rules", key).statusCode()).isEqualTo(200);
		assertThat(get("/v1/rules", TestKeys.ADMIN).statusCode()).as("the test key is not configured here")
			.isEqualTo(401);
	}

	@Test
	void theServiceAnswersOverTlsFromAnSslBundle() throws Exception {
		assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
		HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		int plainStatus;
		try {
			plainStatus = plain
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port() + "/actuator/health"))
					.timeout(Duration.ofSeconds(5))
					.build(), HttpResponse.BodyHandlers.ofString())
				.statusCode();
		}
		catch (java.io.IOException e) {
			plainStatus = -1; // the connection was refused or dropped: no plain HTTP
								// either
		}
		assertThat(plainStatus).as("plain HTTP on the TLS port (Tomcat answers 400 or drops it)").isIn(400, -1);
	}

	static int port() {
		return ((WebServerApplicationContext) app).getWebServer().getPort();
	}

	static HttpResponse<String> get(String path, String key) throws Exception {
		KeyStore trust = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keystore)) {
			trust.load(in, PASSWORD.toCharArray());
		}
		TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		tmf.init(trust);
		SSLContext tls = SSLContext.getInstance("TLS");
		tls.init(null, tmf.getTrustManagers(), null);
		HttpClient https = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://localhost:" + port() + path))
			.timeout(Duration.ofSeconds(30));
		if (key != null) {
			b.header(TestKeys.HEADER, key);
		}
		return https.send(b.build(), HttpResponse.BodyHandlers.ofString());
	}

}
