package com.contactdecision;

import com.contactdecision.redis.RedisKeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.test.annotation.DirtiesContext;

import com.contactdecision.redis.RedisTestServer;

/**
 * The whole HTTP contract ({@link ContractIntegrationTests}) with Redis as the store of
 * record, plus what only a Redis store can get wrong: every key it writes expires, or
 * belongs to a family whose lack of a TTL is documented (RedisProfileStore's class
 * comment). Subclasses say which Redis (standalone, Cluster) through
 * {@code @DynamicPropertySource}; each uses its own random key prefix.
 *
 * <p>
 * The key audit runs last ({@link Order}), so it sees the keys of the whole contract
 * suite as well as those of its own workload.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class RedisBackedContractIntegrationTests extends ContractIntegrationTests {

	/**
	 * The families RedisKeys documents as records kept without a TTL, on purpose
	 * ({@link RedisKeys#PERSISTENT_FAMILIES}): any other key must expire.
	 */
	static final Map<String, Pattern> NO_TTL_FAMILIES = RedisKeys.PERSISTENT_FAMILIES;

	/**
	 * The families that must expire, with the longest TTL each may carry (the configured
	 * retentions).
	 */
	static final Map<String, Pattern> TTL_FAMILIES = Map.of( //
			"history", Pattern.compile("\\{c:[^}]*}:h"), //
			"history version", Pattern.compile("\\{c:[^}]*}:v"), //
			"open reservations", Pattern.compile("\\{c:[^}]*}:rsv"), //
			"eventIds", Pattern.compile("\\{c:[^}]*}:ev"), //
			"requestId", Pattern.compile("req:\\{[^}]*}"));

	/** decisioning.history-retention (35 d), the longest TTL any key may have. */
	static final Duration LONGEST_TTL = Duration.ofDays(35);

	/**
	 * 10:00, 11:00 and 07:59 in New York on a Wednesday a few days ahead (so no retention
	 * trims it).
	 */
	static final LocalDate WORKLOAD_DAY = LocalDate.now(ZoneId.of("America/New_York"))
		.plusDays(2)
		.with(TemporalAdjusters.nextOrSame(DayOfWeek.WEDNESDAY));

	static final String AT_10 = newYork(10, 0), AT_11 = newYork(11, 0), AT_0759_LOCAL = newYork(7, 59);

	abstract RedisTestServer redis();

	abstract String keyPrefix();

	@Test
	@Order(Integer.MAX_VALUE)
	void everyKeyHasATtlOrADocumentedReasonNotTo() {
		keyWorkload();

		Set<String> keys = redis().keys(keyPrefix());
		Map<String, Integer> seen = new TreeMap<>();
		List<String> offenders = new ArrayList<>();
		for (String key : keys) {
			String rest = key.substring(keyPrefix().length());
			String family = RedisKeys.persistentFamily(rest);
			if (family != null) {
				seen.merge(family, 1, Integer::sum);
				continue;
			}
			family = family(rest, TTL_FAMILIES);
			seen.merge(family == null ? "other" : family, 1, Integer::sum);
			long pttl = redis().pttl(key);
			if (pttl == -2) {
				continue; // expired or deleted between SCAN and PTTL
			}
			if (pttl <= 0 || pttl > LONGEST_TTL.toMillis()) {
				offenders.add(key + " (PTTL " + pttl + ")");
			}
		}

		assertThat(seen.keySet()).as("key families written under %s: %s", keyPrefix(), seen)
			.containsAll(TTL_FAMILIES.keySet())
			.containsAll(NO_TTL_FAMILIES.keySet());
		assertThat(keys).as("decisions live in the audit store, not in Redis")
			.noneMatch(k -> k.substring(keyPrefix().length()).startsWith("dec:"));
		assertThat(offenders)
			.as("keys without a TTL (or beyond the 35-day retention) that are not a documented "
					+ "no-TTL family, of %s keys: %s", keys.size(), seen)
			.isEmpty();
	}

	/**
	 * Writes every kind of key the service has: a collector, a debt, a profile with a
	 * phone, a consent, an inbound STOP, decisions with and without a requestId (reserved
	 * and not), a batch, an event that settles a reservation, one that does not, a
	 * repeated event, and an erasure.
	 */
	private void keyWorkload() {
		String collectorId = unique("col");
		assertThat(put("/v1/collectors/" + collectorId, body("collector.json")).status()).isEqualTo(201);
		assertThat(put("/v1/debts/" + debtId, body("debt.json")).status()).isEqualTo(201);
		put("/v1/consumers/" + consumerId + "/profile", body("profile.json")).ok();
		post("/v1/consumers/" + consumerId + "/consents", body("consent-tcpa.json")).ok();
		post("/v1/inbound/sms", body("inbound-stop.json")).ok();

		ObjectNode reserve = call(AT_10, "RESERVE");
		reserve.put("requestId", unique("rq"));
		reserve.put("collectorId", collectorId);
		JsonNode reserved = post("/v1/decisions", reserve).ok();
		assertThat(reserved.get("reserved").asBoolean()).as(reserved.toString()).isTrue();
		JsonNode second = post("/v1/decisions", call(AT_11, "RESERVE")).ok();
		assertThat(second.get("reserved").asBoolean()).as(second.toString()).isTrue();
		post("/v1/decisions", call(AT_0759_LOCAL, "CHECK")).ok();
		post("/v1/decisions:batch", body("batch-mixed.json")).ok();

		// Settles the first reservation; the second stays open (its rsv entry must expire
		// too).
		ObjectNode settle = body("event-settles-reservation.json",
				Map.of("decisionId", reserved.get("decisionId").asText(), "eventId", unique("e")));
		settle.put("at", newYork(10, 1));
		assertThat(post("/v1/contact-events", settle).status()).isEqualTo(202);
		ObjectNode outside = body("event.json");
		outside.put("at", newYork(12, 0));
		assertThat(post("/v1/contact-events", outside).status()).isEqualTo(202);
		assertThat(post("/v1/contact-events", outside).status()).isEqualTo(200);

		String erased = unique("c");
		ObjectNode erasedEvent = body("event.json");
		erasedEvent.put("consumerId", erased);
		erasedEvent.put("at", newYork(12, 0));
		assertThat(post("/v1/contact-events", erasedEvent).status()).isEqualTo(202);
		put("/v1/consumers/" + erased + "/profile", body("profile.json")).ok();
		assertThat(delete("/v1/consumers/" + erased).status()).isEqualTo(204);

		ObjectNode key = objectMapper().createObjectNode().put("name", "workload").put("role", "COMPLIANCE");
		assertThat(post("/v1/api-keys", key).status()).isEqualTo(201);
	}

	/**
	 * After erasure nothing in Redis (keys, and values of every type: profiles, kept
	 * suppressions, consents, history, decisions, indexes) holds the consumer's numbers
	 * or addresses in clear or as an unkeyed hash; and no key anywhere names a phone
	 * number or an email address.
	 */
	@Test
	void afterErasureNoKeyOrValueHoldsTheNumbersOrAddressesInClearOrAsAnUnkeyedHash() throws Exception {
		Map<String, String> vars = erasureVars();
		put("/v1/consumers/" + consumerId + "/profile", body("profile-with-suppressions.json", vars)).ok();
		post("/v1/consumers/" + consumerId + "/consents", body("consent-tcpa-revoked.json")).ok();
		ObjectNode event = body("event.json");
		event.putObject("destination").put("phone", phone);
		assertThat(post("/v1/contact-events", event).status()).isEqualTo(202);
		post("/v1/inbound/sms", body("inbound-stop.json")).ok();
		// With requestIds, so the request keys are scanned too: they must hold no number
		// in
		// clear whatever the answer's texts said.
		erasureAsks(vars.get("email")).forEach(a -> post("/v1/decisions", a.put("requestId", unique("rq"))).ok());

		assertThat(delete("/v1/consumers/" + consumerId).status()).isEqualTo(204);

		List<String> forbidden = new ArrayList<>();
		for (String value : List.of(phone, vars.get("email"), vars.get("attorneyPhone"))) {
			forbidden.add(value);
			forbidden.add(value.replace("+", ""));
			for (String v : List.of(value, value.toLowerCase(java.util.Locale.ROOT))) {
				String sha = java.util.HexFormat.of()
					.formatHex(java.security.MessageDigest.getInstance("SHA-256")
						.digest(v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
				forbidden.add(sha.substring(0, 24)); // the unkeyed pseudonym erasure used
														// to write
			}
		}
		Pattern e164 = Pattern.compile("\\+[1-9]\\d{6,14}|[^@{}:\\s]+@[^@{}:\\s]+\\.[a-z]+");
		Set<String> keys = redis().keys(keyPrefix());
		List<String> offenders = new ArrayList<>();
		for (String k : keys) {
			if (e164.matcher(k).find()) {
				offenders.add("key names a number or address: " + k);
			}
			String value = redis().valueOf(k);
			for (String f : forbidden) {
				if (k.contains(f) || value.contains(f)) {
					offenders.add(k + " holds " + f);
				}
			}
		}
		assertThat(keys).as("keys scanned").anyMatch(k -> k.contains(consumerId));
		assertThat(offenders).isEmpty();
	}

	static String newYork(int hour, int minute) {
		return WORKLOAD_DAY.atTime(hour, minute)
			.atZone(ZoneId.of("America/New_York"))
			.toOffsetDateTime()
			.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
	}

	private static String family(String keyWithoutPrefix, Map<String, Pattern> families) {
		Set<String> names = new TreeSet<>(families.keySet());
		for (String name : names) {
			if (families.get(name).matcher(keyWithoutPrefix).matches()) {
				return name;
			}
		}
		return null;
	}

	private static ObjectMapper objectMapper() {
		return com.contactdecision.json.Json.mapper();
	}

}
