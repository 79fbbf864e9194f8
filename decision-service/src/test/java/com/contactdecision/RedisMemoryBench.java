package com.contactdecision;

import com.contactdecision.support.TestKeys;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.contactdecision.decision.ContactRequest;
import com.contactdecision.decision.Decision;
import com.contactdecision.decision.DecisionService;
import com.contactdecision.decision.Outcome;
import com.contactdecision.facts.ConsumerProfile;
import com.contactdecision.facts.Debt;
import com.contactdecision.history.ContactEvent;
import com.contactdecision.history.ContactEvents;
import com.contactdecision.profiles.ConsumerRecords;
import com.contactdecision.profiles.ProfileStore;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisMonitor;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Not a test: the Redis measurements of BENCHMARKS.md "## Redis", run by
 * {@code bench/redis-memory.sh} against a fresh, empty redis-server it starts (this
 * refuses a server that holds keys).
 *
 * <ol>
 * <li>Memory per tracked debt: N consumers with one debt each (profile + debt record on
 * file), then a week of typical dialler traffic through the real {@link DecisionService}
 * and {@link ContactEvents} (the same beans the HTTP layer calls): 3 RESERVE decisions
 * per debt per day at 10:00, 14:00 and 18:00 local, each with a requestId; every ALLOW
 * settled by an event. {@code INFO memory} before and after, MEMORY USAGE of every key
 * grouped by family, and of one sample consumer's keys.</li>
 * <li>Redis round trips per decision and per event, counted with MONITOR (script-internal
 * commands excluded).</li>
 * <li>p50/p99 of a RESERVE decision over HTTP on loopback, Redis vs in-memory
 * stores.</li>
 * </ol>
 *
 * Arguments:
 * {@code --redis redis://127.0.0.1:PORT --rules DIR [--consumers 10000] [--days 7]
 * [--threads 2] [--http-warmup 3] [--http-seconds 7] [--http-clients 4]}.
 */
public final class RedisMemoryBench {

	static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	static final int[] HOURS = { 10, 14, 18 };

	static final Map<String, Pattern> FAMILIES = new LinkedHashMap<>();

	static {
		FAMILIES.put("history zset {c:}:h", Pattern.compile("\\{c:[^}]*}:h"));
		FAMILIES.put("history version {c:}:v", Pattern.compile("\\{c:[^}]*}:v"));
		FAMILIES.put("open reservations {c:}:rsv", Pattern.compile("\\{c:[^}]*}:rsv"));
		FAMILIES.put("eventIds {c:}:ev", Pattern.compile("\\{c:[^}]*}:ev"));
		FAMILIES.put("decision dec:{}", Pattern.compile("dec:\\{[^}]*}"));
		FAMILIES.put("requestId req:{}", Pattern.compile("req:\\{[^}]*}"));
		FAMILIES.put("profile {c:}:profile", Pattern.compile("\\{c:[^}]*}:profile"));
		FAMILIES.put("consents {c:}:consents", Pattern.compile("\\{c:[^}]*}:consents"));
		FAMILIES.put("debt debt:{}", Pattern.compile("debt:\\{[^}]*}"));
		FAMILIES.put("collector collector:{}", Pattern.compile("collector:\\{[^}]*}"));
		FAMILIES.put("phone index {p:}:consumers", Pattern.compile("\\{p:[^}]*}:consumers"));
		FAMILIES.put("kept {c:}:kept", Pattern.compile("\\{c:[^}]*}:kept"));
		FAMILIES.put("audit stream (undrained)", Pattern.compile("audit:\\{stream}"));
	}

	/** The families that make up a consumer's contact history. */
	static final List<String> HISTORY = List.of("history zset {c:}:h", "history version {c:}:v",
			"open reservations {c:}:rsv");

	public static void main(String[] args) throws Exception {
		Map<String, String> o = options(args);
		String url = require(o, "redis");
		String rules = Path.of(require(o, "rules")).toAbsolutePath().normalize().toString();
		int consumers = Integer.parseInt(o.getOrDefault("consumers", "10000"));
		int days = Integer.parseInt(o.getOrDefault("days", "7"));
		int threads = Integer.parseInt(o.getOrDefault("threads", "2"));
		URI u = URI.create(url);

		try (Jedis admin = new Jedis(u.getHost(), u.getPort(), 10_000)) {
			if (admin.dbSize() != 0) {
				throw new IllegalStateException("refusing to measure on a Redis that holds keys: start a fresh one");
			}
			System.out.println("# redis " + info(admin, "server", "redis_version") + " at " + url + ", "
					+ Runtime.getRuntime().availableProcessors() + " CPUs seen by the JVM, Java "
					+ System.getProperty("java.version"));
			String prefix = "cds:";
			try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(Application.class)
				// A web context (on a free loopback port, unused here): the security
				// configuration
				// needs the servlet stack's HttpSecurity.
				.run(common(rules, "--decisioning.redis-url=" + url, "--decisioning.redis-key-prefix=" + prefix,
						"--server.port=0", "--server.address=127.0.0.1"))) {
				memory(ctx, admin, prefix, consumers, days, threads);
				roundTrips(ctx, u);
			}
			latency(o, rules, url);
		}
	}

	// ---------------------------------------------------------------------------------------------
	// 1. Memory
	// ---------------------------------------------------------------------------------------------

	static void memory(ConfigurableApplicationContext ctx, Jedis admin, String prefix, int consumers, int days,
			int threads) throws Exception {
		ObjectMapper json = ctx.getBean(ObjectMapper.class);
		DecisionService decisions = ctx.getBean(DecisionService.class);
		ContactEvents events = ctx.getBean(ContactEvents.class);
		ConsumerRecords records = ctx.getBean(ConsumerRecords.class);
		ProfileStore profiles = ctx.getBean(ProfileStore.class);
		LocalDate monday = LocalDate.now(NEW_YORK).plusWeeks(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));

		admin.memoryPurge();
		long before = Long.parseLong(info(admin, "memory", "used_memory"));
		long beforeDataset = Long.parseLong(info(admin, "memory", "used_memory_dataset"));
		System.out.printf(Locale.ROOT, "# memory workload: %d consumers x 1 debt, %d days from %s, %d calls/day at %s "
				+ "local (America/New_York), every decision with a requestId, every ALLOW settled by an event; %d threads%n",
				consumers, days, monday, HOURS.length, Arrays.toString(HOURS), threads);

		Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
		Map<String, List<String>> sample = new ConcurrentHashMap<>();
		sample.put("dec", new ArrayList<>());
		sample.put("req", new ArrayList<>());
		long started = System.nanoTime();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> work = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int slice = t;
				work.add(pool.submit(() -> {
					for (int c = slice; c < consumers; c += threads) {
						String id = consumerId(c);
						records.putProfile(id, json.readValue(profileJson(c), ConsumerProfile.class));
						profiles.putDebt(json.readValue("{\"debtId\":\"" + debtId(c) + "\",\"consumerId\":\"" + id
								+ "\",\"creditor\":\"Example Bank\",\"validationPeriodEndsAt\":\"2026-01-15T00:00:00Z\","
								+ "\"timeBarred\":false}", Debt.class));
					}
					for (int day = 0; day < days; day++) {
						for (int c = slice; c < consumers; c += threads) {
							Random rnd = new Random(c * 31L + day);
							for (int h : HOURS) {
								Instant at = monday.plusDays(day)
									.atTime(h, rnd.nextInt(30))
									.atZone(NEW_YORK)
									.toInstant();
								String requestId = "rq-" + c + "-" + day + "-" + h;
								Decision d = decisions
									.decide(json.readValue(request(c, requestId, "RESERVE", at), ContactRequest.class));
								String key = d.outcome() + (d.outcome() == Outcome.DENY
										? " " + d.reasons().stream().map(r -> r.code().name()).toList() : "");
								outcomes.computeIfAbsent(key, k -> new LongAdder()).increment();
								if (c == 0) {
									sample.get("dec").add(d.decisionId());
									sample.get("req").add(requestId);
								}
								if (d.reserved()) {
									events.record(json.readValue(event(c, "evt-" + c + "-" + day + "-" + h,
											d.decisionId(), outcome(rnd), at.plusSeconds(40)), ContactEvent.class));
								}
							}
						}
						if (slice == 0) {
							System.out.printf(Locale.ROOT, "#   day %d done after %.1f s%n", day + 1,
									(System.nanoTime() - started) / 1e9);
						}
					}
					return null;
				}));
			}
			for (Future<?> f : work) {
				f.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		long decided = outcomes.values().stream().mapToLong(LongAdder::sum).sum();
		System.out.printf(Locale.ROOT,
				"# workload: %d decisions in %.1f s (%.0f decisions/s incl. events and profile puts)%n", decided,
				seconds, decided / seconds);
		new TreeMap<>(outcomes).forEach((k, v) -> System.out.printf(Locale.ROOT, "#   %-40s %8d%n", k, v.sum()));

		long after = Long.parseLong(info(admin, "memory", "used_memory"));
		long afterDataset = Long.parseLong(info(admin, "memory", "used_memory_dataset"));
		long keys = admin.dbSize();
		System.out.printf(Locale.ROOT, "# INFO memory used_memory: before %d, after %d, delta %d B = %.0f B per debt%n",
				before, after, after - before, (after - before) / (double) consumers);
		System.out.printf(Locale.ROOT,
				"# INFO memory used_memory_dataset: before %d, after %d, delta %d B = %.0f B per debt%n", beforeDataset,
				afterDataset, afterDataset - beforeDataset, (afterDataset - beforeDataset) / (double) consumers);
		System.out.printf(Locale.ROOT, "# keys: %d (%.1f per debt); used_memory_human %s, mem_fragmentation_ratio %s%n",
				keys, keys / (double) consumers, info(admin, "memory", "used_memory_human"),
				info(admin, "memory", "mem_fragmentation_ratio"));

		// MEMORY USAGE of every key, by family.
		Map<String, long[]> byFamily = new LinkedHashMap<>();
		FAMILIES.keySet().forEach(f -> byFamily.put(f, new long[2]));
		byFamily.put("other", new long[2]);
		String cursor = ScanParams.SCAN_POINTER_START;
		ScanParams scan = new ScanParams().match(prefix + "*").count(2000);
		do {
			ScanResult<String> r = admin.scan(cursor, scan);
			Pipeline p = admin.pipelined();
			List<Response<Long>> sizes = new ArrayList<>();
			for (String k : r.getResult()) {
				sizes.add(p.memoryUsage(k, 0));
			}
			p.sync();
			for (int i = 0; i < r.getResult().size(); i++) {
				long[] f = byFamily.get(family(r.getResult().get(i).substring(prefix.length())));
				f[0]++;
				Long size = sizes.get(i).get();
				f[1] += size == null ? 0 : size;
			}
			cursor = r.getCursor();
		}
		while (!ScanParams.SCAN_POINTER_START.equals(cursor));
		long total = 0;
		System.out.println(
				"# MEMORY USAGE <key> SAMPLES 0, summed over every key, per family (TTL: see RedisContactHistory, RedisDecisionLog, RedisProfileStore):");
		System.out.printf(Locale.ROOT, "#   %-30s %9s %12s %12s %10s%n", "family", "keys", "bytes", "B per debt",
				"B per key");
		for (Map.Entry<String, long[]> e : byFamily.entrySet()) {
			long[] f = e.getValue();
			if (f[0] == 0) {
				continue;
			}
			total += f[1];
			System.out.printf(Locale.ROOT, "#   %-30s %9d %12d %12.0f %10.0f%n", e.getKey(), f[0], f[1],
					f[1] / (double) consumers, f[1] / (double) f[0]);
		}
		System.out.printf(Locale.ROOT, "#   %-30s %9d %12d %12.0f%n", "total", keys, total, total / (double) consumers);
		long history = HISTORY.stream().mapToLong(f -> byFamily.get(f)[1]).sum();
		long audit = byFamily.get("audit stream (undrained)")[1];
		System.out.printf(Locale.ROOT,
				"# PER DEBT: %.0f B all in (Σ MEMORY USAGE); contact history (h + v + rsv) %.0f B = %.0f %% of it; "
						+ "without the undrained audit stream %.0f B%n",
				total / (double) consumers, history / (double) consumers, 100.0 * history / Math.max(1, total),
				(total - audit) / (double) consumers);

		// One consumer's keys.
		String c0 = consumerId(0);
		long sampleTotal = 0;
		System.out.println("# sample consumer " + c0 + " (debt " + debtId(0) + "): MEMORY USAGE of its keys");
		List<String> own = new ArrayList<>();
		for (String suffix : List.of(":h", ":v", ":rsv", ":ev", ":profile", ":consents")) {
			own.add(prefix + "{c:" + c0 + "}" + suffix);
		}
		own.add(prefix + "debt:{" + debtId(0) + "}");
		own.add(prefix + "{p:" + phone(0) + "}:consumers");
		for (String k : own) {
			Long size = admin.memoryUsage(k, 0);
			if (size != null) {
				sampleTotal += size;
				String detail = k.endsWith(":h") ? " (" + admin.zcard(k) + " records, " + admin.objectEncoding(k) + ")"
						: k.endsWith(":rsv") ? " (" + admin.hlen(k) + " open)" : "";
				System.out.printf(Locale.ROOT, "#   %-60s %6d B%s%n", k, size, detail);
			}
		}
		long eventKeys = 0, eventBytes = 0;
		for (String k : admin.keys(prefix + "{c:" + c0 + "}:e:*")) {
			eventKeys++;
			eventBytes += admin.memoryUsage(k, 0);
		}
		System.out.printf(Locale.ROOT, "#   %-60s %6d B in %d keys%n", prefix + "{c:" + c0 + "}:e:<eventId>",
				eventBytes, eventKeys);
		long decBytes = 0, reqBytes = 0;
		for (String id : sample.get("dec")) {
			Long s = admin.memoryUsage(prefix + "dec:{" + id + "}", 0);
			decBytes += s == null ? 0 : s;
		}
		// req:{<collector>:<requestId>}: the collector is the request's default one.
		List<String> sampleRequests = new ArrayList<>();
		for (String id : sample.get("req")) {
			for (String k : admin.keys(prefix + "req:{*:" + id + "}")) {
				sampleRequests.add(k);
				Long s = admin.memoryUsage(k, 0);
				reqBytes += s == null ? 0 : s;
			}
		}
		if (!sampleRequests.isEmpty()) {
			String k = sampleRequests.get(0);
			System.out.printf(Locale.ROOT, "#   e.g. %s = %s (%d B of value)%n", k, admin.get(k), admin.strlen(k));
		}
		System.out.printf(Locale.ROOT, "#   %-60s %6d B in %d keys%n", prefix + "dec:{<decisionId>}", decBytes,
				sample.get("dec").size());
		System.out.printf(Locale.ROOT, "#   %-60s %6d B in %d keys%n", prefix + "req:{<requestId>}", reqBytes,
				sample.get("req").size());
		System.out.printf(Locale.ROOT, "#   sample consumer total: %d B%n",
				sampleTotal + eventBytes + decBytes + reqBytes);

		// History members over zset-max-listpack-value (64 B) make the history a
		// skiplist.
		// What the same members cost as a listpack (a server setting):
		String h = prefix + "{c:" + c0 + "}:h";
		List<redis.clients.jedis.resps.Tuple> members = admin.zrangeWithScores(h, 0, -1);
		long memberBytes = members.stream().mapToLong(t -> t.getBinaryElement().length).sum();
		if (!members.isEmpty()) {
			System.out.printf(Locale.ROOT, "#   e.g. history member %s%n",
					members.get(members.size() - 1).getElement());
		}
		String was = admin.configGet("zset-max-listpack-value").get("zset-max-listpack-value");
		admin.configSet("zset-max-listpack-value", "4096");
		try {
			String copy = "bench:listpack-copy";
			Map<String, Double> m = new HashMap<>();
			members.forEach(t -> m.put(t.getElement(), t.getScore()));
			admin.zadd(copy, m);
			System.out.printf(Locale.ROOT,
					"#   history members: %d, %d B (%.0f B each); as %s %d B, with "
							+ "zset-max-listpack-value 4096 as %s %d B%n",
					members.size(), memberBytes, memberBytes / (double) Math.max(1, members.size()),
					admin.objectEncoding(h), admin.memoryUsage(h, 0), admin.objectEncoding(copy),
					admin.memoryUsage(copy, 0));
			admin.del(copy);
		}
		finally {
			admin.configSet("zset-max-listpack-value", was);
		}
	}

	// ---------------------------------------------------------------------------------------------
	// 2. Round trips
	// ---------------------------------------------------------------------------------------------

	static void roundTrips(ConfigurableApplicationContext ctx, URI redis) throws Exception {
		ObjectMapper json = ctx.getBean(ObjectMapper.class);
		DecisionService decisions = ctx.getBean(DecisionService.class);
		ContactEvents events = ctx.getBean(ContactEvents.class);
		Instant at = LocalDate.now(NEW_YORK)
			.plusWeeks(3)
			.with(TemporalAdjusters.nextOrSame(DayOfWeek.WEDNESDAY))
			.atTime(10, 0)
			.atZone(NEW_YORK)
			.toInstant();
		int n = 200;
		int base = 5_000_000;
		System.out.println("# round trips to Redis, counted with MONITOR (commands a Lua script runs excluded), " + n
				+ " of each, one at a time, fresh consumers (no profile or debt on file: the same reads, answered nil):");
		monitor(redis, "RESERVE with requestId, first call (ALLOW)", n, i -> decisions
			.decide(json.readValue(request(base + i, "rq-rt-" + i, "RESERVE", at), ContactRequest.class)));
		monitor(redis, "RESERVE without requestId (ALLOW)", n, i -> decisions
			.decide(json.readValue(request(base + i, null, "RESERVE", at.plusSeconds(600)), ContactRequest.class)));
		monitor(redis, "CHECK without requestId (ALLOW)", n, i -> decisions
			.decide(json.readValue(request(base + i, null, "CHECK", at.plusSeconds(1200)), ContactRequest.class)));
		// Fill to the cap (7), then ask once more: a DENY with the next-eligible search.
		for (int i = 0; i < n; i++) {
			for (int k = 0; k < 5; k++) {
				decisions.decide(json.readValue(request(base + i, null, "RESERVE", at.plusSeconds(1800 + k * 60)),
						ContactRequest.class));
			}
		}
		monitor(redis, "RESERVE with requestId at the cap (DENY)", n, i -> decisions.decide(json
			.readValue(request(base + i, "rq-rt-deny-" + i, "RESERVE", at.plusSeconds(3600)), ContactRequest.class)));
		monitor(redis, "event without decisionId", n, i -> events.record(json
			.readValue(event(base + i, "evt-rt-" + i, null, "NO_ANSWER", at.plusSeconds(4000)), ContactEvent.class)));
	}

	interface Step {

		void run(int i) throws Exception;

	}

	static void monitor(URI redis, String what, int n, Step step) throws Exception {
		Map<String, AtomicLong> commands = new ConcurrentHashMap<>();
		AtomicLong total = new AtomicLong();
		Jedis mon = new Jedis(redis.getHost(), redis.getPort(), 0);
		Thread t = new Thread(() -> {
			try {
				mon.monitor(new JedisMonitor() {
					@Override
					public void onCommand(String command) {
						if (command.contains(" lua]") || command.equals("OK")) {
							return;
						}
						Matcher m = Pattern.compile("\\] \"([A-Za-z]+)\"").matcher(command);
						if (m.find()) {
							String name = m.group(1).toUpperCase(Locale.ROOT);
							if (name.equals("MONITOR") || name.equals("PING") && command.contains("__MARK__")) {
								return;
							}
							commands.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
							total.incrementAndGet();
						}
					}
				});
			}
			catch (RuntimeException e) {
				// Closed below.
			}
		}, "monitor");
		t.setDaemon(true);
		t.start();
		Thread.sleep(300);
		for (int i = 0; i < n; i++) {
			step.run(i);
		}
		Thread.sleep(500);
		mon.disconnect();
		t.join(2000);
		Map<String, String> per = new TreeMap<>();
		commands.forEach((k, v) -> per.put(k, String.format(Locale.ROOT, "%.2f", v.get() / (double) n)));
		System.out.printf(Locale.ROOT, "#   %-45s %5.2f round trips: %s%n", what, total.get() / (double) n, per);
	}

	// ---------------------------------------------------------------------------------------------
	// 3. HTTP latency
	// ---------------------------------------------------------------------------------------------

	static void latency(Map<String, String> o, String rules, String url) throws Exception {
		int warmup = Integer.parseInt(o.getOrDefault("http-warmup", "2"));
		int seconds = Integer.parseInt(o.getOrDefault("http-seconds", "3"));
		List<Integer> levels = Arrays.stream(o.getOrDefault("http-clients", "1,4").split(","))
			.map(String::trim)
			.map(Integer::parseInt)
			.toList();
		System.out.printf(Locale.ROOT, "# HTTP POST /v1/decisions RESERVE (no requestId) over loopback, closed-loop "
				+ "clients %s in the same JVM (java.net.http, HTTP/1.1), %d s warm-up then %d s measured per level and "
				+ "store; random consumers out of 200k so most answers are ALLOW; client-side latency:%n", levels,
				warmup, seconds);
		for (String store : List.of("redis", "in-memory")) {
			String redisUrl = store.equals("redis") ? url : "";
			try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(Application.class)
				.run(common(rules, "--decisioning.redis-url=" + redisUrl, "--decisioning.redis-key-prefix=lat:",
						"--server.port=0", "--server.address=127.0.0.1"))) {
				int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
				for (int clients : levels) {
					load(store + " c=" + clients, "http://127.0.0.1:" + port, clients, warmup, seconds);
				}
			}
		}
	}

	static void load(String store, String base, int clients, int warmup, int seconds) throws Exception {
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		ObjectMapper json = com.contactdecision.json.Json.mapper();
		Instant at = LocalDate.now(NEW_YORK)
			.plusWeeks(5)
			.with(TemporalAdjusters.nextOrSame(DayOfWeek.WEDNESDAY))
			.atTime(10, 0)
			.atZone(NEW_YORK)
			.toInstant();
		long warmEnd = System.nanoTime() + Duration.ofSeconds(warmup).toNanos();
		long end = warmEnd + Duration.ofSeconds(seconds).toNanos();
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		List<Future<long[]>> results = new ArrayList<>();
		Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
		for (int t = 0; t < clients; t++) {
			results.add(pool.submit(() -> {
				long[] lat = new long[1 << 20];
				int count = 0;
				while (true) {
					long now = System.nanoTime();
					if (now > end) {
						break;
					}
					int c = 1_000_000 + ThreadLocalRandom.current().nextInt(200_000);
					HttpRequest req = TestKeys.admin(HttpRequest.newBuilder(URI.create(base + "/v1/decisions")))
						.header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofString(request(c, null, "RESERVE", at)))
						.build();
					long s = System.nanoTime();
					HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
					long took = System.nanoTime() - s;
					if (s >= warmEnd && count < lat.length) {
						lat[count++] = took;
						JsonNode d = json.readTree(r.body());
						String key = r.statusCode() + " " + d.path("outcome").asText() + " "
								+ d.path("reasons").findValuesAsString("code");
						outcomes.computeIfAbsent(key, k -> new LongAdder()).increment();
					}
				}
				return Arrays.copyOf(lat, count);
			}));
		}
		List<Long> all = new ArrayList<>();
		for (Future<long[]> f : results) {
			for (long v : f.get()) {
				all.add(v);
			}
		}
		pool.shutdownNow();
		long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
		System.out.printf(Locale.ROOT,
				"#   %-15s n=%d (%.0f/s)  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  p99.9 %.2f ms  max %.2f ms  %s%n",
				store, sorted.length, sorted.length / (double) seconds, pct(sorted, 0.50), pct(sorted, 0.90),
				pct(sorted, 0.99), pct(sorted, 0.999), sorted[sorted.length - 1] / 1e6, new TreeMap<>(outcomes));
	}

	static double pct(long[] sorted, double p) {
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
	}

	// ---------------------------------------------------------------------------------------------

	static String[] common(String rules, String... more) {
		List<String> a = new ArrayList<>(List.of("--rules.dir=" + rules, "--rules.watch=false",
				"--spring.main.banner-mode=off", "--logging.level.root=WARN", "--logging.level.decisions=WARN",
				"--logging.level.com.contactdecision=WARN"));
		a.addAll(List.of(more));
		return a.toArray(String[]::new);
	}

	static String consumerId(int c) {
		return "c-" + c;
	}

	static String debtId(int c) {
		return "d-" + c;
	}

	/** A 614 (Columbus, Ohio: America/New_York) mobile, unique per consumer. */
	static String phone(int c) {
		return String.format(Locale.ROOT, "+1614%07d", 2_000_000 + c % 8_000_000);
	}

	static String profileJson(int c) {
		return "{\"jurisdiction\":\"US\",\"addresses\":[{\"country\":\"US\",\"state\":\"OH\",\"postalCode\":\"43215\"}],"
				+ "\"phones\":[{\"number\":\"" + phone(c) + "\",\"type\":\"MOBILE\",\"workplace\":false}]}";
	}

	static String request(int c, String requestId, String mode, Instant at) {
		return "{" + (requestId == null ? "" : "\"requestId\":\"" + requestId + "\",") + "\"consumerId\":\""
				+ consumerId(c) + "\",\"debtIds\":[\"" + debtId(c)
				+ "\"],\"channel\":\"CALL\",\"destination\":{\"phone\":\"" + phone(c)
				+ "\",\"type\":\"MOBILE\"},\"dialMode\":\"MANUAL\",\"mode\":\"" + mode + "\",\"at\":\"" + at + "\"}";
	}

	static String event(int c, String eventId, String decisionId, String outcome, Instant at) {
		return "{\"eventId\":\"" + eventId + "\","
				+ (decisionId == null ? "" : "\"decisionId\":\"" + decisionId + "\",") + "\"consumerId\":\""
				+ consumerId(c) + "\",\"debtIds\":[\"" + debtId(c) + "\"],\"channel\":\"CALL\","
				+ "\"direction\":\"OUTBOUND\",\"destination\":{\"phone\":\"" + phone(c) + "\"},\"dialMode\":\"MANUAL\","
				+ "\"outcome\":\"" + outcome + "\",\"at\":\"" + at + "\"}";
	}

	/**
	 * What happens to a placed call: mostly no answer; now and then a conversation (which
	 * blocks 7 days).
	 */
	static String outcome(Random rnd) {
		int p = rnd.nextInt(100);
		return p < 60 ? "NO_ANSWER"
				: p < 80 ? "VOICEMAIL_LEFT" : p < 88 ? "BUSY" : p < 97 ? "ANSWERED_NO_CONVERSATION" : "CONVERSATION";
	}

	static String family(String key) {
		for (Map.Entry<String, Pattern> e : FAMILIES.entrySet()) {
			if (e.getValue().matcher(key).matches()) {
				return e.getKey();
			}
		}
		return "other";
	}

	static String info(Jedis j, String section, String field) {
		for (String line : j.info(section).split("\r?\n")) {
			if (line.startsWith(field + ":")) {
				return line.substring(field.length() + 1).trim();
			}
		}
		throw new IllegalStateException("no " + field + " in INFO " + section);
	}

	static Map<String, String> options(String[] args) {
		Map<String, String> o = new HashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("expected --name value, got " + args[i]);
			}
			o.put(args[i].substring(2), args[i + 1]);
		}
		return o;
	}

	static String require(Map<String, String> o, String name) {
		String v = o.get(name);
		if (v == null) {
			throw new IllegalArgumentException("--" + name + " is required");
		}
		return v;
	}

}
