package com.contactdecision.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import com.contactdecision.facts.Consent;
import com.contactdecision.facts.ConsumerProfile;
import com.contactdecision.facts.OptOutReply;
import com.contactdecision.history.InMemoryContactHistory;
import com.contactdecision.json.Json;

/**
 * An inbound reply is read with the reply table in force at its instant, as the active
 * rule set gives it (a reload changes the reading), and what it revokes says how it was
 * read.
 */
class ConsumerRecordsTests {

	private static final Instant AT = Instant.parse("2026-06-10T14:00:00Z");

	private static final String PHONE = "+16145550100";

	private final Clock clock = Clock.fixed(AT, ZoneOffset.UTC);

	private final InMemoryProfileStore store = new InMemoryProfileStore();

	private final AtomicReference<List<OptOutReply>> table = new AtomicReference<>(
			List.of(new OptOutReply("en", true, "en", OptOutReply.Kind.REVOKE, List.of("stop"), "c"),
					new OptOutReply("en-filler", true, "en", OptOutReply.Kind.FILLER, List.of("please"), "c")));

	private final AtomicReference<Instant> askedAt = new AtomicReference<>();

	private final ConsumerRecords records = new ConsumerRecords(store,
			new InMemoryContactHistory(Duration.ofDays(35), clock), clock, at -> {
				askedAt.set(at);
				return table.get();
			});

	ConsumerRecordsTests() throws Exception {
		records.putProfile("c-1", Json.mapper()
			.readValue("{\"phones\": [{\"number\": \"" + PHONE + "\", \"type\": \"MOBILE\"}]}", ConsumerProfile.class));
	}

	@Test
	void aClearRevocationIsRecordedAsAKeywordWithNothingToClarify() {
		InboundResult r = records.inboundSms(new InboundSms(PHONE, null, "Please stop!", AT, "e-1"));

		assertThat(r.reading()).isEqualTo(OptOutReplies.Reading.REVOKED);
		assertThat(r.optOut()).isTrue();
		assertThat(r.keyword()).isEqualTo("STOP");
		assertThat(r.clarifyBefore()).isNull();
		assertThat(askedAt.get()).as("the table in force at the reply's instant").isEqualTo(AT);
		assertThat(store.consents("c-1")).singleElement().satisfies(c -> {
			assertThat(c.granted()).isFalse();
			assertThat(c.source()).isEqualTo(ConsumerRecords.KEYWORD_SOURCE);
			assertThat(c.at()).isEqualTo(AT);
		});
		assertThat(store.profile("c-1").orElseThrow().mediumOptOuts()).hasSize(1);
	}

	@Test
	void anUnclearRevocationIsRevokedForReviewWithFiveMinutesToClarify() {
		InboundResult r = records.inboundSms(new InboundSms(PHONE, null, "cannot stop worrying, call me", AT, "e-1"));

		assertThat(r.reading()).isEqualTo(OptOutReplies.Reading.REVOKED_NEEDS_REVIEW);
		assertThat(r.optOut()).isTrue();
		assertThat(r.clarifyBefore()).isEqualTo(AT.plus(Duration.ofMinutes(5)));
		assertThat(store.consents("c-1")).extracting(Consent::source)
			.containsExactly(ConsumerRecords.NEEDS_REVIEW_SOURCE);
	}

	@Test
	void aReplyThatIsNoRevocationChangesNothing() {
		InboundResult r = records.inboundSms(new InboundSms(PHONE, null, "hello", AT, "e-1"));

		assertThat(r.reading()).isEqualTo(OptOutReplies.Reading.NONE);
		assertThat(r.optOut()).isFalse();
		assertThat(r.keyword()).isNull();
		assertThat(store.consents("c-1")).isEmpty();
		assertThat(store.profile("c-1").orElseThrow().mediumOptOuts()).isEmpty();
	}

	@Test
	void aNewTableChangesHowTheNextReplyIsRead() {
		assertThat(records.inboundSms(new InboundSms(PHONE, null, "ALTO", AT, "e-1")).reading())
			.isEqualTo(OptOutReplies.Reading.NONE);

		table.set(List.of(new OptOutReply("es", true, "es", OptOutReply.Kind.REVOKE, List.of("alto"), "c")));

		assertThat(records.inboundSms(new InboundSms(PHONE, null, "ALTO", AT, "e-2")).reading())
			.isEqualTo(OptOutReplies.Reading.REVOKED);
	}

}
