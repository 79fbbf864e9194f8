package com.contactdecision.redis;

import com.contactdecision.history.StoreUnavailableException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.contactdecision.json.Json;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;

import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * Creates the Redis clients of the stores, in plain Java (no Spring).
 *
 * <p>
 * URL schemes:
 * <ul>
 * <li>{@code redis://[user:password@]host:port[/db]} - a standalone server
 * ({@link JedisPooled}); {@code rediss://} the same over TLS.</li>
 * <li>{@code redis-cluster://[user:password@]host1:port1,host2:port2,...} - a Redis
 * Cluster ({@link JedisCluster}); the listed nodes are seeds, the rest of the topology is
 * discovered. {@code rediss-cluster://} the same over TLS. A database number is not
 * allowed in Cluster.</li>
 * </ul>
 *
 * <p>
 * Every call is bounded by the timeout (the latency budget, {@link #DEFAULT_TIMEOUT} by
 * default): connect and socket timeouts are the budget, borrowing a pooled connection
 * waits at most the budget, and Cluster retries stop at the budget. Nothing retries
 * beyond it: a slow or absent Redis makes the store throw
 * {@link StoreUnavailableException} and decisions fail closed.
 */
public final class RedisClients {

	/**
	 * The default latency budget of one Redis call: chosen from a measurement at 100
	 * decisions/s on a busy 2-core host (BENCHMARKS.md, "Redis timeout"), where 50 ms
	 * failed 74 % of decisions closed, 250 ms 22 % and 500 ms none. A frozen Redis still
	 * fails a decision closed within about this budget (its first call times out).
	 */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);

	/** Connections per pool (per node in Cluster). */
	public static final int DEFAULT_POOL_SIZE = 64;

	private RedisClients() {
	}

	public static UnifiedJedis connect(String redisUrl) {
		return connect(redisUrl, DEFAULT_TIMEOUT);
	}

	public static UnifiedJedis connect(String redisUrl, Duration timeout) {
		return connect(redisUrl, timeout, DEFAULT_POOL_SIZE);
	}

	/**
	 * Connects to {@code redisUrl} (see the class comment for the schemes). Cluster seeds
	 * are contacted at once to learn the slot map, so a Cluster client fails here if none
	 * answers; a standalone client connects lazily.
	 */
	public static UnifiedJedis connect(String redisUrl, Duration timeout, int poolSize) {
		if (redisUrl == null || redisUrl.isBlank()) {
			throw new IllegalArgumentException("A Redis URL is required");
		}
		if (timeout == null || timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("The Redis timeout must be positive");
		}
		int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
		String url = redisUrl.trim();
		int schemeEnd = url.indexOf("://");
		if (schemeEnd < 0) {
			throw new IllegalArgumentException("Not a Redis URL (redis://, rediss://, redis-cluster://): " + safe(url));
		}
		String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
		ConnectionPoolConfig pool = new ConnectionPoolConfig();
		pool.setMaxTotal(poolSize);
		pool.setMaxIdle(poolSize);
		pool.setMinIdle(0);
		pool.setBlockWhenExhausted(true);
		// The default waits forever for a free connection: bound it by the budget.
		pool.setMaxWait(Duration.ofMillis(millis));
		pool.setTestOnBorrow(false);
		// Idle connections are checked in the background, not on borrow (that would cost
		// a round trip).
		pool.setTestWhileIdle(true);
		pool.setTimeBetweenEvictionRuns(Duration.ofSeconds(30));
		switch (scheme) {
			case "redis", "rediss" -> {
				URI uri = URI.create(url);
				if (uri.getHost() == null) {
					throw new IllegalArgumentException("A Redis URL needs a host: " + safe(url));
				}
				HostAndPort node = new HostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
				DefaultJedisClientConfig.Builder config = config(millis, uri.getRawUserInfo(), "rediss".equals(scheme));
				String path = uri.getPath();
				if (path != null && path.length() > 1) {
					config.database(Integer.parseInt(path.substring(1)));
				}
				return RedisClient.builder().hostAndPort(node).clientConfig(config.build()).poolConfig(pool).build();
			}
			case "redis-cluster", "rediss-cluster" -> {
				String rest = url.substring(schemeEnd + 3);
				String userInfo = null;
				int at = rest.lastIndexOf('@');
				if (at >= 0) {
					userInfo = rest.substring(0, at);
					rest = rest.substring(at + 1);
				}
				int slash = rest.indexOf('/');
				if (slash >= 0) {
					String db = rest.substring(slash + 1);
					if (!db.isEmpty() && !"0".equals(db)) {
						throw new IllegalArgumentException("Redis Cluster has only database 0");
					}
					rest = rest.substring(0, slash);
				}
				Set<HostAndPort> seeds = new LinkedHashSet<>();
				for (String hostPort : rest.split(",")) {
					if (!hostPort.isBlank()) {
						seeds.add(hostAndPort(hostPort.trim()));
					}
				}
				if (seeds.isEmpty()) {
					throw new IllegalArgumentException("redis-cluster:// needs at least one host:port");
				}
				JedisClientConfig config = config(millis, userInfo, "rediss-cluster".equals(scheme)).build();
				// Two attempts (one MOVED/ASK redirection or one reconnect), all within
				// the budget.
				return RedisClusterClient.builder()
					.nodes(seeds)
					.clientConfig(config)
					.maxAttempts(2)
					.maxTotalRetriesDuration(Duration.ofMillis(millis))
					.poolConfig(pool)
					.build();
			}
			default -> throw new IllegalArgumentException("Unknown Redis URL scheme '" + scheme
					+ "' (redis://, rediss://, redis-cluster://, rediss-cluster://)");
		}
	}

	/** Readiness: whether Redis answers a PING (every node in Cluster). Never throws. */
	public static boolean ping(UnifiedJedis redis) {
		try {
			return "PONG".equalsIgnoreCase(redis.ping());
		}
		catch (RuntimeException e) {
			return false;
		}
	}

	private static DefaultJedisClientConfig.Builder config(int millis, String rawUserInfo, boolean ssl) {
		DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder()
			.connectionTimeoutMillis(millis)
			.socketTimeoutMillis(millis)
			.ssl(ssl)
			// CLIENT SETINFO costs a round trip per new connection and Redis 7.0 rejects
			// it anyway.
			.clientSetInfoConfig(ClientSetInfoConfig.DISABLED);
		if (rawUserInfo != null && !rawUserInfo.isEmpty()) {
			int colon = rawUserInfo.indexOf(':');
			if (colon < 0) {
				b.password(decode(rawUserInfo));
			}
			else {
				String user = decode(rawUserInfo.substring(0, colon));
				if (!user.isEmpty()) {
					b.user(user);
				}
				b.password(decode(rawUserInfo.substring(colon + 1)));
			}
		}
		return b;
	}

	private static HostAndPort hostAndPort(String s) {
		int colon = s.lastIndexOf(':');
		if (colon < 0) {
			return new HostAndPort(s, 6379);
		}
		String host = s.substring(0, colon);
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		return new HostAndPort(host, Integer.parseInt(s.substring(colon + 1)));
	}

	private static String decode(String s) {
		return URLDecoder.decode(s, StandardCharsets.UTF_8);
	}

	/** The URL without its credentials, for messages. */
	static String safe(String url) {
		return url.replaceAll("//[^@/]*@", "//***@");
	}

	/**
	 * Runs {@code call}, turning every Redis failure (connection refused, timeout,
	 * exhausted pool, Cluster down, error reply) into a
	 * {@link StoreUnavailableException}. {@code what} names the operation; it must never
	 * carry a phone number or an email address.
	 */
	public static <T> T call(String what, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (JedisException e) {
			throw new StoreUnavailableException("Redis " + what + " failed: " + e.getClass().getSimpleName(), e);
		}
	}

	/**
	 * A Lua script run by EVALSHA, falling back to EVAL (which also caches it on that
	 * node) when the node answers NOSCRIPT (after a restart, a failover or SCRIPT FLUSH).
	 * All keys of one call must hash to one Cluster slot.
	 */
	public static final class Script {

		/** Where the scripts live on the classpath. */
		static final String SCRIPTS = "/redis/";

		private final String source;

		private final String sha1;

		public Script(String source) {
			this.source = source;
			this.sha1 = sha1(source);
		}

		/**
		 * A script from the resource files {@code redis/<name>}
		 * (src/main/resources/redis), joined in order: a library of local functions
		 * first, then the script that calls them.
		 * @throws IllegalStateException when a file is missing (a packaging error)
		 */
		public static Script load(String... names) {
			StringBuilder source = new StringBuilder();
			for (String name : names) {
				try (InputStream in = RedisClients.class.getResourceAsStream(SCRIPTS + name)) {
					if (in == null) {
						throw new IllegalStateException("missing Redis script " + SCRIPTS + name);
					}
					source.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
				}
				catch (IOException e) {
					throw new UncheckedIOException("cannot read Redis script " + SCRIPTS + name, e);
				}
			}
			return new Script(source.toString());
		}

		/** The Lua source, for EVAL in a pipeline. */
		public String source() {
			return source;
		}

		public Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
			try {
				return redis.evalsha(sha1, keys, args);
			}
			catch (JedisNoScriptException e) {
				return redis.eval(source, keys, args);
			}
		}

		public String sha1() {
			return sha1;
		}

		private static String sha1(String s) {
			try {
				return HexFormat.of()
					.formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
			}
			catch (NoSuchAlgorithmException e) {
				throw new IllegalStateException("SHA-1 is required of every JVM", e);
			}
		}

	}

	/**
	 * The mapper of the JSON the Redis stores keep: Java time as ISO strings, and only
	 * the record components (the {@code isReservation()}-style helpers are not
	 * properties).
	 */
	public static ObjectMapper json() {
		return Json.store();
	}

}
