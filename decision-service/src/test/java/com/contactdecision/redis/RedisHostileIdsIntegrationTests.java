package com.contactdecision.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.contactdecision.facts.Channel;
import com.contactdecision.facts.ConsumerProfile;
import com.contactdecision.facts.ContactRecord;
import com.contactdecision.facts.Debt;
import com.contactdecision.facts.DialMode;
import com.contactdecision.facts.Direction;
import com.contactdecision.facts.EventOutcome;
import com.contactdecision.facts.Hold;
import com.contactdecision.facts.HoldType;
import com.contactdecision.facts.LineType;
import com.contactdecision.facts.Purpose;
import com.contactdecision.facts.Recipient;
import com.contactdecision.history.ContactHistory;
import com.contactdecision.history.InMemoryContactHistory;
import com.contactdecision.profiles.InMemoryProfileStore;
import com.contactdecision.profiles.ProfileStore;

import redis.clients.jedis.UnifiedJedis;

/**
 * Ids that once reached another consumer's key space: a {@code }} that closed the hash
 * tag early, {@code :e:} that forged an event key, lone UTF-16 surrogates that a UTF-8
 * encoder turns into the same {@code ?}, CR/LF. The API refuses them now (Validation),
 * but the stores must not depend on that: each pair of ids is played through the same
 * steps on Redis and on the embedded stores, and both answer alike and never share state.
 */
class RedisHostileIdsIntegrationTests {

	static final Instant T0 = Instant.now().minus(Duration.ofHours(1));

	static RedisTestServer server;

	static UnifiedJedis redis;

	static String prefix;

	@BeforeAll
	static void connect() {
		server = RedisTestServer.shared();
		redis = RedisClients.connect(server.url(), Duration.ofSeconds(2));
		prefix = RedisTestServer.randomPrefix();
	}

	@AfterAll
	static void disconnect() {
		redis.close();
	}

	/** Pairs of ids that collided before ids were encoded inside the hash tag. */
	static List<List<String>> collidingIds() {
		return List
			.of(List.of("", "}"), List.of("}:h", ""), List.of("}:e:evt-1", ""), List.of("\uD800", "\uDBFF"),
					List.of("\uDC00", "?"), List.of("\r\nx", "\nx"), List.of("{", "%007B"), List.of(":", "%003A"))
			.stream()
			.map(suffixes -> {
				// A fresh stem per pair: the Redis server is shared by every case and
				// every run.
				String stem = "c-" + UUID.randomUUID();
				return List.of(stem + suffixes.get(0), stem + suffixes.get(1));
			})
			.toList();
	}

	@ParameterizedTest
	@MethodSource("collidingIds")
	void twoConsumersWhoseIdsOnceCollidedKeepTheirOwnHistoryOnRedisAsInMemory(List<String> pair) {
		Clock clock = Clock.fixed(T0.plus(Duration.ofHours(1)), ZoneOffset.UTC);
		ContactHistory onRedis = new RedisContactHistory(redis, prefix, Duration.ofDays(35), Duration.ofDays(8), clock);
		ContactHistory inMemory = new InMemoryContactHistory(Duration.ofDays(35), clock);

		List<String> redisAnswers = play(onRedis, pair.get(0), pair.get(1));
		List<String> memoryAnswers = play(inMemory, pair.get(0), pair.get(1));

		assertThat(redisAnswers).as("Redis answers as the embedded store").isEqualTo(memoryAnswers);
		// The victim's conversation was recorded, not dropped as a duplicate of the
		// other's event.
		assertThat(memoryAnswers).contains("event " + pair.get(0) + " RECORDED", "event " + pair.get(1) + " RECORDED");
	}

	@ParameterizedTest
	@MethodSource("collidingIds")
	void twoConsumersWhoseIdsOnceCollidedKeepTheirOwnProfileOnRedisAsInMemory(List<String> pair) {
		ProfileStore onRedis = new RedisProfileStore(redis, prefix);
		ProfileStore inMemory = new InMemoryProfileStore();

		for (ProfileStore store : List.of(onRedis, inMemory)) {
			store.putProfile(pair.get(0), held());
			store.putDebt(new Debt(pair.get(0), pair.get(0), null, null, null, null, true, null));

			assertThat(store.profile(pair.get(1))).as("%s sees no profile of %s", pair.get(1), pair.get(0)).isEmpty();
			assertThat(store.debt(pair.get(1))).isEmpty();
			assertThat(store.profile(pair.get(0))).isPresent();
			assertThat(store.debt(pair.get(0)))
				.hasValueSatisfying(d -> assertThat(d.consumerId()).isEqualTo(pair.get(0)));
		}
	}

	@ParameterizedTest
	@MethodSource("collidingIds")
	void theKeysOfTwoIdsThatOnceCollidedDifferAndKeepOneHashTag(List<String> pair) {
		RedisKeys keys = new RedisKeys("p:");

		assertThat(keys.history(pair.get(0))).isNotEqualTo(keys.history(pair.get(1)));
		assertThat(keys.event(pair.get(0), "evt-1")).isNotEqualTo(keys.event(pair.get(1), "evt-1"));
		for (String id : pair) {
			String key = keys.history(id);
			assertThat(key.chars().filter(ch -> ch == '{').count()).as(key).isEqualTo(1);
			assertThat(key.chars().filter(ch -> ch == '}').count()).as(key).isEqualTo(1);
			assertThat(key).as("a key is plain ASCII, so no encoder can fold two into one").matches("\\p{ASCII}+");
			assertThat(key).doesNotContain("\r", "\n");
		}
	}

	/**
	 * The steps the issue saw go wrong: a conversation for each consumer under the same
	 * eventId, a reservation for each, one settled; answers as text, so two stores can be
	 * compared.
	 */
	private static List<String> play(ContactHistory history, String victim, String other) {
		List<String> answers = new ArrayList<>();
		for (String consumer : List.of(victim, other)) {
			answers.add("event " + consumer + " "
					+ history.record(event(consumer, "evt-1", null, EventOutcome.CONVERSATION, T0)));
		}
		for (String consumer : List.of(victim, other)) {
			long version = history.load(consumer, T0.minus(Duration.ofDays(32))).version();
			answers.add("reserve " + consumer + " " + history.appendIfUnchanged(consumer, version,
					reservation(consumer, "dec-" + consumer.hashCode(), T0.plusSeconds(60))));
		}
		answers.add("settle " + other + " " + history
			.record(event(other, "evt-2", "dec-" + other.hashCode(), EventOutcome.NOT_PLACED, T0.plusSeconds(61))));
		for (String consumer : List.of(victim, other)) {
			List<ContactRecord> records = history.list(consumer, null, null);
			assertThat(records).as("%s holds only its own records", consumer)
				.allSatisfy(r -> assertThat(r.consumerId()).isEqualTo(consumer));
			answers.add("history " + consumer + " "
					+ records.stream().map(r -> r.eventId() + "/" + r.outcome() + "/" + r.isReservation()).toList());
		}
		return answers;
	}

	private static ConsumerProfile held() {
		return new ConsumerProfile(null, null, null, null, null, null, null,
				List.of(new Hold(HoldType.DECEASED, T0, null, List.of())), null, null, null, false);
	}

	static ContactRecord reservation(String consumerId, String decisionId, Instant at) {
		return new ContactRecord("rsv:" + decisionId, consumerId, "col-1", List.of("debt-1"), Channel.CALL,
				Direction.OUTBOUND, "+12125550123", null, LineType.MOBILE, Recipient.CONSUMER, DialMode.MANUAL,
				Purpose.COLLECTION, null, at, decisionId, null, null);
	}

	static ContactRecord event(String consumerId, String eventId, String decisionId, EventOutcome outcome, Instant at) {
		return new ContactRecord(eventId, consumerId, "col-1", List.of("debt-1"), Channel.CALL, Direction.OUTBOUND,
				"+12125550123", null, LineType.MOBILE, Recipient.CONSUMER, DialMode.MANUAL, Purpose.COLLECTION, outcome,
				at, decisionId, eventId, null);
	}

}
