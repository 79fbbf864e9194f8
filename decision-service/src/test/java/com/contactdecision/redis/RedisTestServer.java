package com.contactdecision.redis;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisMovedDataException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * A Redis for integration tests, plain Java. {@link #shared()} gives, in this order:
 * <ol>
 * <li>the server at the environment variable {@code REDIS_URL}, if set (it is only ever
 * used under a random key prefix, never flushed);</li>
 * <li>a Testcontainers {@code redis:7} container, if Docker is available;</li>
 * <li>a {@code redis-server} from the PATH, started on a free loopback port;</li>
 * <li>otherwise an {@link IllegalStateException} saying how to get one. Tests never skip
 * silently.</li>
 * </ol>
 * {@link #startStandalone()} always starts its own {@code redis-server} (it can be
 * stopped and restarted on the same port), and {@link #startCluster(int)} a Redis Cluster
 * of that many masters. Servers this class starts run without persistence in a temporary
 * directory and are stopped by {@link #close()} or, at the latest, by a JVM shutdown
 * hook.
 */
public final class RedisTestServer implements AutoCloseable {

	private static final String HOW_TO = "Integration tests need Redis: install redis-server (apt-get install "
			+ "redis-server) so it is on the PATH, start Docker, or set REDIS_URL=redis://host:port";

	private static RedisTestServer shared;

	private final String url;

	private final String description;

	private final List<Node> nodes = new ArrayList<>();

	private final GenericContainer<?> container;

	private Path dir;

	private RedisTestServer(String url, String description, GenericContainer<?> container) {
		this.url = url;
		this.description = description;
		this.container = container;
	}

	/** The Redis of this test JVM (see the class comment), started on first use. */
	public static synchronized RedisTestServer shared() {
		if (shared == null) {
			shared = create();
			RedisTestServer s = shared;
			Runtime.getRuntime().addShutdownHook(new Thread(s::close, "redis-test-server-stop"));
		}
		return shared;
	}

	private static RedisTestServer create() {
		String env = System.getenv("REDIS_URL");
		if (env != null && !env.isBlank()) {
			return new RedisTestServer(env.trim(), "REDIS_URL", null);
		}
		if (dockerAvailable()) {
			GenericContainer<?> c = new GenericContainer<>("redis:7").withExposedPorts(6379);
			c.start();
			return new RedisTestServer("redis://" + c.getHost() + ":" + c.getMappedPort(6379), "Testcontainers redis:7",
					c);
		}
		if (redisServerBinary() != null) {
			return startStandalone();
		}
		throw new IllegalStateException(HOW_TO);
	}

	private static boolean dockerAvailable() {
		// Asked only when an engine could be there: Testcontainers logs an ERROR when
		// none answers,
		// an alarming line before the working fallback on every machine without Docker.
		if (System.getenv("DOCKER_HOST") == null
				&& !java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))
				&& !java.nio.file.Files.exists(java.nio.file.Path.of(System.getProperty("user.home"), ".docker"))) {
			return false;
		}
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError e) {
			return false;
		}
	}

	/**
	 * A redis-server of its own on a free loopback port: it can be {@link #stop()
	 * stopped} and restarted.
	 */
	public static RedisTestServer startStandalone() {
		requireBinary();
		int port = freePort();
		RedisTestServer s = new RedisTestServer("redis://127.0.0.1:" + port, "redis-server :" + port, null);
		s.dir = tempDir();
		Runtime.getRuntime().addShutdownHook(new Thread(s::close, "redis-test-server-stop"));
		Node n = new Node(port, List.of());
		s.nodes.add(n);
		s.start(n);
		return s;
	}

	/**
	 * A Redis Cluster of {@code masters} redis-server processes on loopback ports, no
	 * replicas, slots assigned by {@code redis-cli --cluster create}; returns once every
	 * node reports {@code cluster_state:ok}. Its URL is
	 * {@code redis-cluster://127.0.0.1:p1,127.0.0.1:p2,...}.
	 */
	public static RedisTestServer startCluster(int masters) {
		requireBinary();
		String cli = onPath("redis-cli");
		if (cli == null) {
			throw new IllegalStateException(
					"A Redis Cluster test needs redis-cli on the PATH (apt-get install redis-tools)");
		}
		List<Integer> ports = new ArrayList<>();
		for (int i = 0; i < masters; i++) {
			ports.add(freePort());
		}
		StringBuilder url = new StringBuilder("redis-cluster://");
		for (int i = 0; i < ports.size(); i++) {
			url.append(i == 0 ? "" : ",").append("127.0.0.1:").append(ports.get(i));
		}
		RedisTestServer s = new RedisTestServer(url.toString(), "redis cluster " + ports, null);
		s.dir = tempDir();
		Runtime.getRuntime().addShutdownHook(new Thread(s::close, "redis-test-cluster-stop"));
		try {
			for (int port : ports) {
				Node n = new Node(port, List.of("--cluster-enabled", "yes", "--cluster-config-file",
						"nodes-" + port + ".conf", "--cluster-node-timeout", "5000"));
				s.nodes.add(n);
				s.start(n);
			}
			List<String> create = new ArrayList<>(List.of(cli, "--cluster", "create"));
			for (int port : ports) {
				create.add("127.0.0.1:" + port);
			}
			create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
			Process p = new ProcessBuilder(create).redirectErrorStream(true)
				.redirectOutput(s.dir.resolve("cluster-create.log").toFile())
				.start();
			if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
				p.destroyForcibly();
				throw new IllegalStateException(
						"redis-cli --cluster create failed: " + Files.readString(s.dir.resolve("cluster-create.log")));
			}
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			for (int port : ports) {
				while (!clusterOk(port)) {
					if (System.nanoTime() > deadline) {
						throw new IllegalStateException("Redis Cluster did not reach cluster_state:ok on port " + port);
					}
					Thread.sleep(50);
				}
			}
			return s;
		}
		catch (IOException | InterruptedException | RuntimeException e) {
			s.close();
			throw new IllegalStateException("Could not start a Redis Cluster: " + e.getMessage(), e);
		}
	}

	private static boolean clusterOk(int port) {
		try (Jedis j = new Jedis("127.0.0.1", port, 1000)) {
			return j.clusterInfo().contains("cluster_state:ok");
		}
		catch (RuntimeException e) {
			return false;
		}
	}

	public String url() {
		return url;
	}

	/** A fresh random key prefix, so runs never see each other's keys. */
	public static String randomPrefix() {
		return "test-" + UUID.randomUUID().toString().substring(0, 8) + ":";
	}

	/** Every key under the prefix, on every node (SCAN, never KEYS). */
	public Set<String> keys(String prefix) {
		Set<String> keys = new TreeSet<>();
		for (HostAndPort node : hosts()) {
			try (Jedis j = jedis(node)) {
				String cursor = ScanParams.SCAN_POINTER_START;
				ScanParams params = new ScanParams().match(prefix + "*").count(1000);
				do {
					ScanResult<String> r = j.scan(cursor, params);
					keys.addAll(r.getResult());
					cursor = r.getCursor();
				}
				while (!ScanParams.SCAN_POINTER_START.equals(cursor));
			}
		}
		return keys;
	}

	/**
	 * The value of a key as text, whatever its type (string, list, set, sorted set, hash,
	 * stream), asked of the node that holds it; empty when it is gone.
	 */
	public String valueOf(String key) {
		for (HostAndPort node : hosts()) {
			try (Jedis j = jedis(node)) {
				return switch (j.type(key)) {
					case "string" -> j.get(key);
					case "list" -> String.join("\n", j.lrange(key, 0, -1));
					case "set" -> String.join("\n", j.smembers(key));
					case "zset" -> String.join("\n", j.zrange(key, 0, -1));
					case "hash" -> j.hgetAll(key).toString();
					// The audit stream: every entry's fields and values.
					case "stream" -> j.xrange(key, (redis.clients.jedis.StreamEntryID) null, null)
						.stream()
						.map(e -> e.getFields().toString())
						.collect(java.util.stream.Collectors.joining("\n"));
					case "none" -> "";
					default -> throw new IllegalStateException("unexpected Redis type of " + key);
				};
			}
			catch (JedisMovedDataException e) {
				// Another node of the Cluster holds it.
			}
		}
		return "";
	}

	/** PTTL of a key, asked of the node that holds it. */
	public long pttl(String key) {
		for (HostAndPort node : hosts()) {
			try (Jedis j = jedis(node)) {
				return j.pttl(key);
			}
			catch (JedisMovedDataException e) {
				// Another node of the Cluster holds it.
			}
		}
		return -2;
	}

	/**
	 * Stops the redis-server of a {@link #startStandalone()} server (SIGTERM, then
	 * SIGKILL).
	 */
	public void stop() {
		requireOwnProcesses();
		for (Node n : nodes) {
			n.stop();
		}
	}

	/**
	 * Freezes the redis-server processes (SIGSTOP): connections stay open but nothing
	 * answers, as with a hung or overloaded server. {@link #resume()} undoes it.
	 */
	public void pause() {
		signal("-STOP");
	}

	public void resume() {
		signal("-CONT");
	}

	private void signal(String signal) {
		requireOwnProcesses();
		for (Node n : nodes) {
			Process p = n.process;
			if (p != null) {
				try {
					new ProcessBuilder("kill", signal, Long.toString(p.pid())).inheritIO()
						.start()
						.waitFor(5, TimeUnit.SECONDS);
				}
				catch (IOException e) {
					throw new IllegalStateException("Could not signal redis-server", e);
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			}
		}
	}

	/** Starts it again on the same port, empty. */
	public void restart() {
		requireOwnProcesses();
		for (Node n : nodes) {
			if (n.process == null || !n.process.isAlive()) {
				start(n);
			}
		}
	}

	@Override
	public synchronized void close() {
		for (Node n : nodes) {
			n.stop();
		}
		if (container != null) {
			container.stop();
		}
		if (dir != null) {
			try (Stream<Path> files = Files.walk(dir)) {
				files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
			}
			catch (IOException e) {
				// A leftover temporary directory is harmless.
			}
		}
	}

	@Override
	public String toString() {
		return description + " (" + url + ")";
	}

	private List<HostAndPort> hosts() {
		if (url.startsWith("redis-cluster://")) {
			List<HostAndPort> hosts = new ArrayList<>();
			for (String hp : url.substring("redis-cluster://".length()).split(",")) {
				hosts.add(HostAndPort.from(hp.substring(hp.indexOf('@') + 1)));
			}
			return hosts;
		}
		java.net.URI u = java.net.URI.create(url);
		return List.of(new HostAndPort(u.getHost(), u.getPort() < 0 ? 6379 : u.getPort()));
	}

	private Jedis jedis(HostAndPort node) {
		java.net.URI u = java.net.URI.create(url.startsWith("redis-cluster://") ? "redis://x" : url);
		Jedis j = new Jedis(node.getHost(), node.getPort(), 2000, u.getScheme().equals("rediss"));
		if (u.getUserInfo() != null) {
			String[] up = u.getUserInfo().split(":", 2);
			if (up.length == 2 && !up[0].isEmpty()) {
				j.auth(up[0], up[1]);
			}
			else {
				j.auth(up[up.length - 1]);
			}
		}
		return j;
	}

	private void requireOwnProcesses() {
		if (nodes.isEmpty()) {
			throw new IllegalStateException(
					"Only a server started by RedisTestServer.startStandalone() can be stopped");
		}
	}

	private void start(Node n) {
		List<String> cmd = new ArrayList<>(List.of(redisServerBinary(), "--port", Integer.toString(n.port), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", dir.toString()));
		cmd.addAll(n.extraArgs);
		try {
			n.process = new ProcessBuilder(cmd).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis-" + n.port + ".log").toFile()))
				.start();
		}
		catch (IOException e) {
			throw new IllegalStateException("Could not start redis-server: " + e.getMessage(), e);
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (true) {
			try (Jedis j = new Jedis("127.0.0.1", n.port, 500)) {
				if ("PONG".equals(j.ping())) {
					return;
				}
			}
			catch (RuntimeException e) {
				if (!n.process.isAlive() || System.nanoTime() > deadline) {
					String log = "";
					try {
						log = Files.readString(dir.resolve("redis-" + n.port + ".log"));
					}
					catch (IOException ignored) {
						// Keep the first error.
					}
					n.stop();
					throw new IllegalStateException("redis-server on port " + n.port + " did not start: " + log, e);
				}
			}
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while starting redis-server", e);
			}
		}
	}

	private static void requireBinary() {
		if (redisServerBinary() == null) {
			throw new IllegalStateException(HOW_TO + " (this test needs a redis-server binary it can stop and start)");
		}
	}

	private static String redisServerBinary() {
		return onPath("redis-server");
	}

	private static String onPath(String name) {
		String path = System.getenv("PATH");
		if (path == null) {
			return null;
		}
		for (String d : path.split(File.pathSeparator)) {
			File f = new File(d, name);
			if (f.isFile() && f.canExecute()) {
				return f.getAbsolutePath();
			}
		}
		return null;
	}

	private static int freePort() {
		try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			s.setReuseAddress(true);
			return s.getLocalPort();
		}
		catch (IOException e) {
			throw new IllegalStateException("No free port", e);
		}
	}

	private static Path tempDir() {
		try {
			return Files.createTempDirectory("redis-test-");
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	private static final class Node {

		private final int port;

		private final List<String> extraArgs;

		private volatile Process process;

		Node(int port, List<String> extraArgs) {
			this.port = port;
			this.extraArgs = extraArgs;
		}

		void stop() {
			Process p = process;
			if (p == null) {
				return;
			}
			try {
				// A paused process ignores SIGTERM until it continues.
				new ProcessBuilder("kill", "-CONT", Long.toString(p.pid())).start().waitFor(5, TimeUnit.SECONDS);
			}
			catch (IOException e) {
				// Destroy it anyway.
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			p.destroy();
			try {
				if (!p.waitFor(5, TimeUnit.SECONDS)) {
					p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException e) {
				p.destroyForcibly();
				Thread.currentThread().interrupt();
			}
			process = null;
		}

	}

}
