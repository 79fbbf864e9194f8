package com.contactdecision.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * A PostgreSQL for integration tests, plain Java. In this order:
 * <ol>
 * <li>the database at {@code AUDIT_JDBC_URL}, if set (used as it is: tests only add
 * records with fresh ids, and never drop anything);</li>
 * <li>a Testcontainers {@code postgres:15} container, if Docker answers;</li>
 * <li>the machine's PostgreSQL at {@code 127.0.0.1:5432} (user {@code postgres}, or
 * {@code AUDIT_TEST_PG_ADMIN_URL}), in which each call of {@link #scratch()} creates a
 * database with a random name, dropped when the JVM exits;</li>
 * <li>otherwise an {@link IllegalStateException} saying how to get one. Tests never
 * skip.</li>
 * </ol>
 */
public final class AuditTestDatabase {

	private static final String HOW_TO = "Audit tests need PostgreSQL: install and start it (apt-get install "
			+ "postgresql; pg_ctlcluster <version> main start; .ci/run does both), start Docker, or set "
			+ "AUDIT_JDBC_URL=jdbc:postgresql://host:port/db?user=...";

	private static final String LOCAL_ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

	private static String shared;

	private static GenericContainer<?> container;

	private AuditTestDatabase() {
	}

	/** The database the Spring tests of this JVM share, created on first use. */
	public static synchronized String url() {
		if (shared == null) {
			String env = System.getenv("AUDIT_JDBC_URL");
			shared = env != null && !env.isBlank() ? env.trim() : scratch();
		}
		return shared;
	}

	/** A fresh, empty database (on the same server), dropped when the JVM exits. */
	public static synchronized String scratch() {
		String admin = adminUrl();
		String name = "audit_test_"
				+ UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
		try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
			s.execute("CREATE DATABASE " + name);
		}
		catch (SQLException e) {
			throw new IllegalStateException(HOW_TO + " (" + e.getMessage() + ")", e);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(admin, name), "audit-test-db-drop"));
		return admin.replaceFirst("/postgres\\?", "/" + name + "?");
	}

	private static void drop(String admin, String name) {
		try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
			s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
		}
		catch (SQLException e) {
			System.err.println("could not drop the test database " + name + ": " + e.getMessage());
		}
	}

	private static String adminUrl() {
		String env = System.getenv("AUDIT_TEST_PG_ADMIN_URL");
		if (env != null && !env.isBlank()) {
			return env.trim();
		}
		if (answers(LOCAL_ADMIN)) {
			return LOCAL_ADMIN;
		}
		if (dockerAnswers()) {
			if (container == null) {
				container = new GenericContainer<>("postgres:15-alpine").withEnv("POSTGRES_HOST_AUTH_METHOD", "trust")
					.withExposedPorts(5432)
					.waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*", 2));
				container.start();
				Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "audit-test-pg-stop"));
			}
			return "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(5432)
					+ "/postgres?user=postgres";
		}
		throw new IllegalStateException(HOW_TO);
	}

	private static boolean answers(String url) {
		try (Connection c = DriverManager.getConnection(url)) {
			return c.isValid(2);
		}
		catch (SQLException e) {
			return false;
		}
	}

	private static boolean dockerAnswers() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException e) {
			return false;
		}
	}

}
