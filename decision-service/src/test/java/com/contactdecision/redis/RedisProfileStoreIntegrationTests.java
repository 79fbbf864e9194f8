package com.contactdecision.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.contactdecision.facts.Address;
import com.contactdecision.facts.Attorney;
import com.contactdecision.facts.CeaseNotice;
import com.contactdecision.facts.Channel;
import com.contactdecision.facts.Collector;
import com.contactdecision.facts.CollectorType;
import com.contactdecision.facts.Consent;
import com.contactdecision.facts.ConsentAction;
import com.contactdecision.facts.ConsentKind;
import com.contactdecision.facts.ConsentScope;
import com.contactdecision.facts.ConsumerProfile;
import com.contactdecision.facts.Debt;
import com.contactdecision.facts.EmailAddress;
import com.contactdecision.facts.Hold;
import com.contactdecision.facts.HoldType;
import com.contactdecision.facts.InconvenientTime;
import com.contactdecision.facts.Jurisdiction;
import com.contactdecision.facts.LineType;
import com.contactdecision.facts.MediumOptOut;
import com.contactdecision.facts.PhoneNumber;
import com.contactdecision.facts.Place;
import com.contactdecision.redis.RedisProfileStore;

import redis.clients.jedis.UnifiedJedis;

class RedisProfileStoreIntegrationTests {

	static final Instant T0 = Instant.parse("2026-11-23T15:00:00Z");

	static RedisTestServer server;

	static UnifiedJedis redis;

	static String prefix;

	static RedisProfileStore store;

	static final com.contactdecision.privacy.Pseudonymiser PSEUDONYMS = com.contactdecision.privacy.HmacPseudonymiser
		.ephemeral();

	/**
	 * The index key of a number: named by the number's keyed pseudonym, never the number.
	 */
	static String index(String number) {
		return new RedisKeys(prefix).phoneIndex(PSEUDONYMS.pseudonym(number));
	}

	@BeforeAll
	static void connect() {
		server = RedisTestServer.shared();
		redis = RedisClients.connect(server.url(), Duration.ofSeconds(2));
		prefix = RedisTestServer.randomPrefix();
		store = new RedisProfileStore(redis, prefix, PSEUDONYMS,
				new com.contactdecision.privacy.AesGcmCipher(java.util.Map.of("t1", new byte[32]), "t1"));
	}

	@AfterAll
	static void disconnect() {
		redis.close();
	}

	static String id() {
		return "c-" + UUID.randomUUID();
	}

	static ConsumerProfile profile(String... numbers) {
		return new ConsumerProfile(Jurisdiction.US, List.of(new Address("US", "CA", "94105")), "America/Los_Angeles",
				java.util.Arrays.stream(numbers).map(n -> new PhoneNumber(n, LineType.MOBILE, false)).toList(),
				List.of(new EmailAddress("pat@example.com", false)),
				new Attorney(List.of("debt-1"), "Lee", "+12125550100"), new CeaseNotice(T0, List.of()),
				List.of(new Hold(HoldType.BANKRUPTCY, T0, null, List.of("debt-2"))),
				List.of(new InconvenientTime(Set.of(DayOfWeek.SUNDAY), "09:00", "12:00", Set.of(Channel.CALL))),
				List.of(Place.WORK), List.of(new MediumOptOut(Channel.EMAIL, null, T0)), true);
	}

	@Test
	void profilesRoundTrip() {
		String c = id();
		assertThat(store.profile(c)).isEmpty();
		ConsumerProfile p = profile("+14155550101");
		assertThat(store.putProfile(c, p)).isFalse();
		assertThat(store.profile(c)).contains(p);
		assertThat(store.putProfile(c, ConsumerProfile.EMPTY)).isTrue();
		assertThat(store.profile(c)).contains(ConsumerProfile.EMPTY);
	}

	@Test
	void consentsAreAppendedInOrder() {
		String c = id();
		Consent granted = new Consent(ConsentKind.TCPA, ConsentAction.GRANTED, Channel.SMS, "+14155550102",
				ConsentScope.AUTODIALED, "web", T0, T0, T0.plus(Duration.ofDays(365)), List.of("debt-1"));
		Consent revoked = new Consent(ConsentKind.TCPA, ConsentAction.REVOKED, Channel.SMS, "+14155550102", null,
				"SMS_KEYWORD", T0.plusSeconds(60), null, null, null);
		assertThat(store.consents(c)).isEmpty();
		store.addConsent(c, granted);
		store.addConsent(c, revoked);
		assertThat(store.consents(c)).containsExactly(granted, revoked);
	}

	@Test
	void debtsAndCollectorsRoundTrip() {
		Debt d = new Debt("debt-" + UUID.randomUUID(), "c-1", "acct-9", T0, null, T0.plusSeconds(5), true, "Bank");
		assertThat(store.debt(d.debtId())).isEmpty();
		assertThat(store.putDebt(d)).isFalse();
		assertThat(store.putDebt(d)).isTrue();
		assertThat(store.debt(d.debtId())).contains(d);
		Collector col = new Collector("col-" + UUID.randomUUID(), "Acme Recovery LLC", "Acme",
				CollectorType.FIRST_PARTY_CREDITOR, Map.of("CA", "12345"));
		assertThat(store.putCollector(col)).isFalse();
		assertThat(store.collector(col.collectorId())).contains(col);
		assertThat(store.collector("missing-" + UUID.randomUUID())).isEmpty();
	}

	@Test
	void thePhoneIndexFollowsTheProfiles() {
		String a = id();
		String b = id();
		String shared = "+1415555" + (1000 + (int) (Math.random() * 8999));
		String onlyA = "+1212555" + (1000 + (int) (Math.random() * 8999));
		store.putProfile(a, profile(shared, onlyA));
		store.putProfile(b, profile(shared));
		assertThat(store.consumersWithPhone(shared)).containsExactlyInAnyOrder(a, b);
		assertThat(store.consumersWithPhone(onlyA)).containsExactly(a);

		// a drops the shared number: removed from its index set.
		store.putProfile(a, profile(onlyA));
		assertThat(store.consumersWithPhone(shared)).containsExactly(b);
		assertThat(redis.smembers(index(shared))).containsExactly(b);
		assertThat(redis.exists(prefix + "{p:" + shared + "}:consumers")).as("no key names the number").isFalse();

		// A stale index entry (a crash between commands) never shows.
		redis.sadd(index(shared), a);
		assertThat(store.consumersWithPhone(shared)).containsExactly(b);

		store.erase(b, v -> "erased");
		assertThat(store.consumersWithPhone(shared)).isEmpty();
		assertThat(store.profile(b)).isEmpty();
	}

	@Test
	void aProfileIsEncryptedAtRestAndErasureKeepsOnlyWhatStopsContact() {
		String c = id();
		String number = "+1212555" + (1000 + (int) (Math.random() * 8999));
		store.putProfile(c, profile(number));
		String atRest = redis.get(new RedisKeys(prefix).profile(c));

		assertThat(atRest).startsWith("enc:t1:").doesNotContain(number).doesNotContain("pat@example.com");
		assertThat(store.profile(c)).contains(profile(number));

		store.erase(c, v -> "ps:x:" + v.length());

		assertThat(store.profile(c)).isEmpty();
		ConsumerProfile kept = store.kept(c).orElseThrow();
		assertThat(kept.phones()).isEmpty();
		assertThat(kept.emails()).isEmpty();
		assertThat(kept.addresses()).isEmpty();
		assertThat(kept.attorney().name()).isNull();
		assertThat(kept.attorney().phone()).isEqualTo("ps:x:12");
		assertThat(kept.ceaseCommunication()).isEqualTo(profile(number).ceaseCommunication());
		assertThat(kept.holds()).isEqualTo(profile(number).holds());
		assertThat(kept.mediumOptOuts()).isEqualTo(profile(number).mediumOptOuts());
		assertThat(redis.get(new RedisKeys(prefix).kept(c))).startsWith("enc:t1:");
	}

	@Test
	void eraseKeepsConsentsPseudonymised() {
		String c = id();
		store.putProfile(c, profile("+14155550199"));
		store.addConsent(c, new Consent(ConsentKind.TCPA, ConsentAction.GRANTED, Channel.SMS, "+14155550199", null,
				"web", T0, null, null, null));
		store.addConsent(c,
				new Consent(ConsentKind.GDPR, ConsentAction.GRANTED, null, null, null, "web", T0, null, null, null));
		store.erase(c, v -> "erased:" + v.length());
		assertThat(store.profile(c)).isEmpty();
		assertThat(store.consents(c)).extracting(Consent::destination).containsExactly("erased:12", null);
		assertThat(store.consumersWithPhone("+14155550199")).doesNotContain(c);
	}

	@Test
	void recordsOfTheCollectionSystemHaveNoTtlByDesign() {
		String c = id();
		store.putProfile(c, profile("+14155550177"));
		store.addConsent(c, new Consent(ConsentKind.TCPA, ConsentAction.GRANTED, Channel.SMS, null, null, "web", T0,
				null, null, null));
		// Documented in RedisProfileStore: consents, profiles, debts and collectors are
		// records, not windows.
		for (String k : server.keys(prefix + "{c:" + c + "}")) {
			assertThat(server.pttl(k)).as(k).isEqualTo(-1);
		}
	}

}
