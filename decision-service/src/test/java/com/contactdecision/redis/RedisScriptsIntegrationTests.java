package com.contactdecision.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.Tuple;

/**
 * Each Lua script of src/main/resources/redis run directly against a real Redis, with the
 * keys and arguments its header documents: the stores' own tests reach them only through
 * the stores.
 */
class RedisScriptsIntegrationTests {

	static final long DAY = Duration.ofDays(1).toMillis();

	static RedisTestServer server;

	static UnifiedJedis redis;

	String h;

	String v;

	String rsv;

	@BeforeAll
	static void connect() {
		server = RedisTestServer.shared();
		redis = RedisClients.connect(server.url(), Duration.ofSeconds(2));
	}

	@AfterAll
	static void disconnect() {
		redis.close();
	}

	@BeforeEach
	void freshKeys() {
		String consumer = RedisTestServer.randomPrefix() + "{c:1}";
		h = consumer + ":h";
		v = consumer + ":v";
		rsv = consumer + ":rsv";
	}

	static RedisClients.Script script(String... names) {
		return RedisClients.Script.load(names);
	}

	static String member(String decisionId, int n) {
		return "{\"r\":{\"decisionId\":\"" + decisionId + "\",\"n\":" + n + "}}";
	}

	Object append(long expectedVersion, long score, String member, String reservedFor, long retention, long now) {
		return script("history-lib.lua", "history-append.lua").run(redis, List.of(h, v, rsv),
				List.of(Long.toString(expectedVersion), Long.toString(score), member, reservedFor,
						Long.toString(retention), Long.toString(now)));
	}

	@Test
	void historyAppendAddsWhileTheVersionHoldsAndSetsTheTtls() {
		assertThat(append(0, 1_000, member("d-1", 1), "d-1", DAY, 2_000)).isEqualTo(1L);

		assertThat(redis.get(v)).isEqualTo("1");
		assertThat(redis.zrange(h, 0, -1)).containsExactly(member("d-1", 1));
		assertThat(redis.hget(rsv, "d-1")).isEqualTo(member("d-1", 1));
		for (String k : List.of(h, v, rsv)) {
			assertThat(redis.pttl(k)).as(k).isPositive().isLessThanOrEqualTo(DAY);
		}

		assertThat(append(0, 1_500, member("d-2", 2), "", DAY, 2_000)).as("the version moved").isEqualTo(0L);
		assertThat(redis.zcard(h)).isEqualTo(1);
		assertThat(redis.get(v)).isEqualTo("1");
	}

	@Test
	void historyAppendTrimsRecordsOlderThanTheRetentionAndTheirReservations() {
		append(0, 1_000, member("d-old", 1), "d-old", 5_000, 1_000);

		assertThat(append(1, 10_000, member("d-new", 2), "", 5_000, 10_000)).isEqualTo(1L);

		assertThat(redis.zrange(h, 0, -1)).containsExactly(member("d-new", 2));
		assertThat(redis.hexists(rsv, "d-old")).isFalse();
	}

	@Test
	void historyAppendTrimsFromNowNotFromAFarFutureRecord() {
		append(0, 1_000, member("d-today", 1), "", 5_000, 1_000);

		append(1, 1_000_000, member("d-future", 2), "", 5_000, 2_000);

		assertThat(redis.zrange(h, 0, -1)).containsExactly(member("d-today", 1), member("d-future", 2));
	}

	Object record(String eventKey, String decisionId, String member, long score, String settlement) {
		return record(eventKey, decisionId, member, score, settlement, "");
	}

	/**
	 * An event: eventKey is the per-event key of earlier versions,
	 * {@code ...:e:<eventId>}.
	 */
	Object record(String eventKey, String decisionId, String member, long score, String settlement,
			String compactSettlement) {
		String eventId = eventKey.substring(eventKey.lastIndexOf(":e:") + 3);
		return script("history-lib.lua", "history-record.lua").run(redis, List.of(h, v, rsv, eventKey, h + ":ev"),
				List.of(Long.toString(DAY), Long.toString(DAY), decisionId, member, Long.toString(score), settlement,
						"5000", "", compactSettlement, eventId));
	}

	@Test
	void historyRecordSettlesTheReservationItNamesInPlaceOncePerEventId() {
		append(0, 1_000, member("d-1", 1), "d-1", DAY, 1_000);
		String settlement = "{\"eventId\":\"e-1\",\"outcome\":\"CONVERSATION\"}";

		assertThat(record(h + ":e:e-1", "d-1", "{\"r\":{\"eventId\":\"e-1\"}}", 4_000, settlement)).isEqualTo(1L);

		List<Tuple> stored = redis.zrangeWithScores(h, 0, -1);
		assertThat(stored).singleElement().satisfies(t -> {
			assertThat(t.getElement()).isEqualTo("{\"r\":{\"decisionId\":\"d-1\",\"n\":1},\"s\":" + settlement + "}");
			assertThat(t.getScore()).as("the reservation keeps its place").isEqualTo(1_000d);
		});
		assertThat(redis.hlen(rsv)).isZero();
		assertThat(redis.get(v)).isEqualTo("2");
		assertThat(redis.hget(h + ":ev", "e-1")).as("remembered until now + the retention")
			.isEqualTo(Long.toString(5_000 + DAY));
		assertThat(redis.pttl(h + ":ev")).isPositive().isLessThanOrEqualTo(DAY);
		assertThat(redis.exists(h + ":e:e-1")).as("no key per event").isFalse();

		assertThat(record(h + ":e:e-1", "d-1", "{\"r\":{\"eventId\":\"e-1\"}}", 4_000, settlement))
			.as("the same eventId again")
			.isEqualTo(0L);
		assertThat(redis.get(v)).isEqualTo("2");
	}

	@Test
	void historyRecordSettlesACompactMemberByAppendingTheCompactSettlement() {
		String compact = "~d-1|x|0000--0|northwind|debt-1|+16145550100||||";
		append(0, 1_000, compact, "d-1", DAY, 1_000);

		assertThat(record(h + ":e:e-1", "d-1", "~e", 4_000, "{\"eventId\":\"e-1\"}", "|e-1|4")).isEqualTo(1L);

		assertThat(redis.zrangeWithScores(h, 0, -1)).singleElement().satisfies(t -> {
			assertThat(t.getElement()).isEqualTo(compact + "|e-1|4");
			assertThat(t.getScore()).isEqualTo(1_000d);
		});
		assertThat(redis.hlen(rsv)).isZero();
	}

	Object release(String decisionId, String settlement, String compactSettlement) {
		return script("history-lib.lua", "history-release.lua").run(redis, List.of(h, v, rsv),
				List.of(decisionId, settlement, Long.toString(DAY), compactSettlement));
	}

	@Test
	void historyReleaseSettlesACompactOrAJsonReservationInPlace() {
		String compact = "~d-1|x|0000--0|northwind|debt-1|+16145550100||||";
		append(0, 1_000, compact, "d-1", DAY, 1_000);
		append(1, 2_000, member("d-2", 2), "d-2", DAY, 2_000);
		String json = "{\"eventId\":null,\"outcome\":\"NOT_PLACED\"}";

		assertThat(release("d-1", json, "||8")).isEqualTo(1L);
		assertThat(release("d-2", json, "||8")).isEqualTo(1L);
		assertThat(release("d-3", json, "||8")).as("no such reservation").isEqualTo(0L);

		assertThat(redis.zrange(h, 0, -1)).containsExactly(compact + "||8",
				"{\"r\":{\"decisionId\":\"d-2\",\"n\":2},\"s\":" + json + "}");
		assertThat(redis.hlen(rsv)).isZero();
		assertThat(redis.get(v)).isEqualTo("4");
		assertThat(redis.pttl(h)).isPositive().isLessThanOrEqualTo(DAY);
	}

	@Test
	void aReservationWithARequestIsIndexedByBothAndSettlingByDecisionIdDropsBoth() {
		String compact = "~d-1|x|0000--0|n|d||||||";
		assertThat(script("history-lib.lua", "history-append.lua").run(redis, List.of(h, v, rsv),
				List.of("0", "1000", compact, "d-1", Long.toString(DAY), "1000", "q:n:rq-1")))
			.isEqualTo(1L);
		assertThat(redis.hgetAll(rsv)).containsEntry("d-1", "q:n:rq-1\n" + compact).containsEntry("q:n:rq-1", "d-1");

		assertThat(record(h + ":e:e-1", "d-1", "~e", 4_000, "{}", "|e-1|0")).isEqualTo(1L);

		assertThat(redis.zrange(h, 0, -1)).containsExactly(compact + "|e-1|0");
		assertThat(redis.hlen(rsv)).isZero();
	}

	@Test
	void historyAppendRecordedAddsTheReservationAndItsAuditRecordOrNeitherWhenTheBacklogIsFull() {
		String stream = h + ":audit";
		List<String> keys = List.of(h, v, rsv, stream);
		RedisClients.Script appendRecorded = script("history-lib.lua", "history-append-recorded.lua");
		String compact = "~d-1|x|0000--0|n|d||||||";

		assertThat(appendRecorded.run(redis, keys, List.of("0", "1000", compact, "d-1", Long.toString(DAY), "1000", "1",
				"d-1", "{\"record\":1}", "q:n:rq-1")))
			.isEqualTo(1L);
		assertThat(redis.zrange(h, 0, -1)).containsExactly(compact);
		assertThat(redis.hgetAll(rsv)).containsEntry("d-1", "q:n:rq-1\n" + compact).containsEntry("q:n:rq-1", "d-1");
		assertThat(redis.xlen(stream)).isEqualTo(1);

		assertThat(appendRecorded.run(redis, keys, List.of("1", "2000", "~d-2|y|0000--0|n|d||||||", "d-2",
				Long.toString(DAY), "2000", "1", "d-2", "{\"record\":2}", "")))
			.as("the backlog is full")
			.isEqualTo(-1L);
		assertThat(redis.zcard(h)).isEqualTo(1);
		assertThat(redis.get(v)).isEqualTo("1");
		assertThat(appendRecorded.run(redis, keys, List.of("0", "2000", "~d-3|y|0000--0|n|d||||||", "d-3",
				Long.toString(DAY), "2000", "10", "d-3", "{}", "")))
			.as("the version moved")
			.isEqualTo(0L);
		redis.del(stream);
	}

	@Test
	void historyAppendTrimsACompactReservationAndItsEntry() {
		append(0, 1_000, "~d-old|x|0000--0|n|d|||||", "d-old", 5_000, 1_000);

		assertThat(append(1, 10_000, "~d-new|y|0000--0|n|d|||||", "d-new", 5_000, 10_000)).isEqualTo(1L);

		assertThat(redis.zrange(h, 0, -1)).containsExactly("~d-new|y|0000--0|n|d|||||");
		assertThat(redis.hkeys(rsv)).containsExactly("d-new");
	}

	@Test
	void anEventIdIsARepeatWhileRememberedOrWhileAKeyOfAnEarlierVersionHoldsIt() {
		redis.hset(h + ":ev", "e-old", "4000");
		redis.hset(h + ":ev", "e-fresh", "6000");
		redis.set(h + ":e:e-legacy", "1");

		assertThat(record(h + ":e:e-legacy", "", "~legacy", 1_000, "null")).as("a key of an earlier version")
			.isEqualTo(0L);
		assertThat(record(h + ":e:e-fresh", "", "~fresh", 1_000, "null")).as("remembered until 6000").isEqualTo(0L);
		assertThat(record(h + ":e:e-old", "", "~old", 1_000, "null")).as("forgotten at 4000, now is 5000")
			.isEqualTo(1L);

		assertThat(redis.hgetAll(h + ":ev")).containsOnlyKeys("e-old", "e-fresh")
			.containsEntry("e-old", Long.toString(5_000 + DAY));
		assertThat(redis.zrange(h, 0, -1)).containsExactly("~old");
	}

	@Test
	void historyRecordWithoutAReservationAddsTheEvent() {
		assertThat(record(h + ":e:e-2", "", "{\"r\":{\"eventId\":\"e-2\"}}", 3_000, "null")).isEqualTo(1L);

		assertThat(redis.zrangeWithScores(h, 0, -1)).singleElement()
			.satisfies(t -> assertThat(t.getScore()).isEqualTo(3_000d));
		assertThat(redis.get(v)).isEqualTo("1");
	}

	@Test
	void historyLoadReadsFromAScoreWithTheVersion() {
		append(0, 1_000, member("d-1", 1), "", DAY, 1_000);
		append(1, 2_000, member("d-2", 2), "", DAY, 2_000);

		Object reply = script("history-load.lua").run(redis, List.of(h, v), List.of("1500"));

		assertThat(texts(reply)).containsExactly("2", member("d-2", 2));
		assertThat(texts(script("history-load.lua").run(redis, List.of(h + "x", v + "x"), List.of("-inf"))))
			.as("no history")
			.containsExactly("0");
	}

	@Test
	void historyLoadAllReadsEveryMemberWithItsScore() {
		append(0, 1_000, member("d-1", 1), "", DAY, 1_000);
		append(1, 2_000, member("d-2", 2), "", DAY, 2_000);

		Object reply = script("history-load-all.lua").run(redis, List.of(h, v), List.of());

		assertThat(texts(reply)).containsExactly("2", member("d-1", 1), "1000", member("d-2", 2), "2000");
	}

	@Test
	void historyRewriteReplacesTheWholeHistoryOnlyWhileTheVersionHolds() {
		append(0, 1_000, member("d-1", 1), "d-1", DAY, 1_000);
		RedisClients.Script rewrite = script("history-lib.lua", "history-rewrite.lua");

		Object stale = rewrite.run(redis, List.of(h, v, rsv), List.of("0", Long.toString(DAY), "0"));
		Object done = rewrite.run(redis, List.of(h, v, rsv), List.of("1", Long.toString(DAY), "2", "1000",
				member("p-1", 1), "2000", member("p-2", 2), "p-2", member("p-2", 2)));

		assertThat(stale).isEqualTo(0L);
		assertThat(done).isEqualTo(1L);
		assertThat(redis.zrange(h, 0, -1)).containsExactly(member("p-1", 1), member("p-2", 2));
		assertThat(redis.hgetAll(rsv)).containsOnlyKeys("p-2");
		assertThat(redis.get(v)).isEqualTo("2");
		assertThat(redis.pttl(rsv)).isPositive();
	}

	@Test
	void decisionReleaseDeletesTheKeyOnlyWhileItHoldsTheToken() {
		String req = RedisTestServer.randomPrefix() + "req:r-1";
		redis.set(req, "pending:token-1");
		RedisClients.Script release = script("decision-release.lua");

		assertThat(release.run(redis, List.of(req), List.of("pending:token-2"))).isEqualTo(0L);
		assertThat(redis.exists(req)).isTrue();
		assertThat(release.run(redis, List.of(req), List.of("pending:token-1"))).isEqualTo(1L);
		assertThat(redis.exists(req)).isFalse();
	}

	@Test
	void decisionReadReturnsTheVersionProfileConsentsAndHistoryFromAScore() {
		String profile = h.replace(":h", ":p");
		String consents = h.replace(":h", ":k");
		append(0, 1_000, member("d-1", 1), "", DAY, 1_000);
		append(1, 2_000, member("d-2", 2), "", DAY, 2_000);
		redis.set(profile, "{\"timeZone\":\"America/New_York\"}");
		redis.rpush(consents, "{\"kind\":\"TCPA\"}", "{\"kind\":\"EMAIL\"}");
		String kept = h.replace(":h", ":kept");
		redis.set(kept, "{\"holds\":[]}");
		RedisClients.Script read = script("decision-read.lua");

		List<?> reply = (List<?>) redis.eval(read.source(), List.of(h, v, profile, consents, kept), List.of("1500"));
		List<?> none = (List<?>) read.run(redis, List.of(h + "x", v + "x", profile + "x", consents + "x", kept + "x"),
				List.of("-inf"));

		assertThat(text(reply.get(0))).isEqualTo("2");
		assertThat(text(reply.get(1))).isEqualTo("{\"timeZone\":\"America/New_York\"}");
		assertThat(texts(reply.get(2))).containsExactly("{\"kind\":\"TCPA\"}", "{\"kind\":\"EMAIL\"}");
		assertThat(texts(reply.get(3))).containsExactly(member("d-2", 2));
		assertThat(text(reply.get(4))).as("what an erasure kept").isEqualTo("{\"holds\":[]}");
		List<?> limited = (List<?>) redis.eval(read.source(), List.of(h, v, profile, consents, kept),
				List.of("-inf", "1"));
		assertThat(texts(limited.get(3))).as("at most the records asked for").containsExactly(member("d-1", 1));
		assertThat(text(none.get(0))).isEqualTo("0");
		assertThat(text(none.get(1))).isEmpty();
		assertThat(texts(none.get(2))).isEmpty();
		assertThat(texts(none.get(3))).isEmpty();
		assertThat(text(none.get(4))).isEmpty();
	}

	@Test
	void consentsRewriteReplacesEntriesInPlace() {
		String consents = h.replace(":h", ":k");
		redis.rpush(consents, "a", "b", "c");

		Object result = script("consents-rewrite.lua").run(redis, List.of(consents), List.of("0", "A", "2", "C"));

		assertThat(result).isEqualTo(1L);
		assertThat(redis.lrange(consents, 0, -1)).containsExactly("A", "b", "C");
	}

	@Test
	void aScriptRunsAgainAfterTheServerForgotItsScripts() {
		try (RedisTestServer own = RedisTestServer.startStandalone();
				UnifiedJedis client = RedisClients.connect(own.url(), Duration.ofSeconds(2))) {
			RedisClients.Script release = script("decision-release.lua");
			client.set("k", "t");
			assertThat(release.run(client, List.of("k"), List.of("other"))).isEqualTo(0L);

			client.scriptFlush();
			assertThat(client.scriptExists(List.of(release.sha1()))).containsExactly(false);

			assertThat(release.run(client, List.of("k"), List.of("t"))).isEqualTo(1L);
			assertThat(client.scriptExists(List.of(release.sha1()))).as("EVAL cached it again").containsExactly(true);
		}
	}

	@Test
	void aMissingScriptFileIsAPackagingError() {
		assertThatThrownBy(() -> script("history-lib.lua", "no-such-script.lua"))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("/redis/no-such-script.lua");
	}

	static List<String> texts(Object reply) {
		return ((List<?>) reply).stream().map(RedisScriptsIntegrationTests::text).toList();
	}

	static String text(Object value) {
		return value instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(value);
	}

}
