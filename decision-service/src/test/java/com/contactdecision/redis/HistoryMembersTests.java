package com.contactdecision.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.contactdecision.facts.Channel;
import com.contactdecision.facts.ContactRecord;
import com.contactdecision.facts.DialMode;
import com.contactdecision.facts.Direction;
import com.contactdecision.facts.EventOutcome;
import com.contactdecision.facts.LineType;
import com.contactdecision.facts.Purpose;
import com.contactdecision.facts.Recipient;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class HistoryMembersTests {

	static final Instant AT = Instant.parse("2026-11-30T15:04:05.123Z");

	static ContactRecord reservation(String decisionId, String requestId) {
		return new ContactRecord("rsv:" + decisionId, "c-1", "northwind", List.of("d-1"), Channel.CALL,
				Direction.OUTBOUND, "+16142000001", null, LineType.MOBILE, Recipient.CONSUMER, DialMode.MANUAL,
				Purpose.COLLECTION, null, AT, decisionId, null, null, requestId);
	}

	@Test
	void aTypicalSettledCallIsAboutAHundredBytesAndReadsBack() {
		ContactRecord r = reservation("dec-0KQ3ZV8M2A7XG4TB9D5NPR6W1Y", "rq-1234-6-18");
		String member = HistoryMembers.encode(r);
		String settled = member + HistoryMembers.settlement("evt-1234-6-18", EventOutcome.NO_ANSWER);

		assertThat(member).startsWith("~0KQ3ZV8M2A7XG4TB9D5NPR6W1Y|").doesNotContain("c-1", "dec-", "rsv:");
		assertThat(settled.length()).isLessThan(110);
		assertThat(HistoryMembers.decode("c-1", member)).isEqualTo(r);
		assertThat(HistoryMembers.decode("c-1", settled))
			.isEqualTo(r.settledBy("evt-1234-6-18", EventOutcome.NO_ANSWER));
		assertThat(HistoryMembers.decode("c-1", member + HistoryMembers.settlement(null, EventOutcome.NOT_PLACED)))
			.isEqualTo(r.settledBy(null, EventOutcome.NOT_PLACED));
	}

	@Test
	void everyFieldSurvivesSeparatorsAndHostileText() {
		String nasty = "a|b,c=d!e%f{g}\"h\\u0000\n😀\uD800";
		ContactRecord r = new ContactRecord("rid" + nasty, "c-1", "col" + nasty, List.of("d" + nasty, "", "x,y"),
				Channel.EMAIL, Direction.INBOUND, null, "a|b@example.com", LineType.UNKNOWN, Recipient.THIRD_PARTY,
				DialMode.PRERECORDED, Purpose.TRANSACTIONAL, EventOutcome.RECEIVED,
				Instant.parse("2026-11-30T15:04:05.123456789Z"), "dec" + nasty, "ev" + nasty, "in" + nasty,
				"rq" + nasty);

		assertThat(HistoryMembers.decode("c-1", HistoryMembers.encode(r))).isEqualTo(r);
		ContactRecord event = new ContactRecord("ev=1", "c-1", "col", List.of(), Channel.SMS, null, null, null, null,
				null, null, null, EventOutcome.SENT, Instant.EPOCH.minusMillis(1), null, "ev=1", null, null);
		assertThat(HistoryMembers.decode("c-1", HistoryMembers.encode(event))).isEqualTo(event);
	}

	@Test
	void membersWrittenAsJsonByEarlierVersionsStillRead() {
		ContactRecord r = reservation("dec-1", "rq-1");
		String json = "{\"r\":" + RedisClients.json().writeValueAsString(r) + "}";
		String settled = json.substring(0, json.length() - 1) + ",\"s\":"
				+ HistoryMembers.legacySettlement("ev-1", EventOutcome.BUSY) + "}";

		assertThat(HistoryMembers.decode("ignored", json)).isEqualTo(r);
		assertThat(HistoryMembers.decode("ignored", settled)).isEqualTo(r.settledBy("ev-1", EventOutcome.BUSY));
	}

	@Test
	void aDamagedMemberIsAnErrorNotARecord() {
		assertThatThrownBy(() -> HistoryMembers.decode("c-1", "~a|b")).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> HistoryMembers.decode("c-1", "~|zz|0000009|c|d|||||||"))
			.isInstanceOf(IllegalStateException.class);
	}

	/**
	 * Stored members hold these enums by ordinal: reordering or removing a constant would
	 * silently change what stored history means. Add new constants at the end, and here.
	 */
	@Test
	void theEnumsStoredByOrdinalOnlyGrowAtTheEnd() {
		assertThat(names(Channel.values())).startsWith("CALL", "VOICEMAIL", "SMS", "EMAIL", "LETTER");
		assertThat(names(Direction.values())).startsWith("OUTBOUND", "INBOUND");
		assertThat(names(LineType.values())).startsWith("MOBILE", "LANDLINE", "WORK", "PERSONAL", "UNKNOWN");
		assertThat(names(Recipient.values())).startsWith("CONSUMER", "ATTORNEY", "THIRD_PARTY");
		assertThat(names(DialMode.values())).startsWith("MANUAL", "AUTODIALED", "PRERECORDED");
		assertThat(names(Purpose.values())).startsWith("COLLECTION", "INITIAL_COMMUNICATION", "VALIDATION_NOTICE",
				"LIMITED_CONTENT", "CEASE_EXCEPTION_TERMINATION", "CEASE_EXCEPTION_REMEDY", "DISPUTE_VERIFICATION",
				"OPT_OUT_CONFIRMATION", "LOCATION_INQUIRY", "TRANSACTIONAL");
		assertThat(names(EventOutcome.values())).startsWith("NO_ANSWER", "VOICEMAIL_LEFT", "VOICEMAIL_NO_MESSAGE",
				"ANSWERED_NO_CONVERSATION", "CONVERSATION", "BUSY", "NOT_IN_SERVICE", "DROPPED", "NOT_PLACED", "SENT",
				"DELIVERED", "FAILED", "RECEIVED");
		for (Enum<?>[] values : List.<Enum<?>[]>of(Channel.values(), Purpose.values(), EventOutcome.values())) {
			assertThat(values.length).as("one base-36 character per code").isLessThanOrEqualTo(36);
		}
	}

	static List<String> names(Enum<?>[] values) {
		return Arrays.stream(values).map(Enum::name).toList();
	}

}
