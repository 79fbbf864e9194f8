package com.contactdecision.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.contactdecision.decision.ContactRequest;
import com.contactdecision.decision.Mode;
import com.contactdecision.decision.SituationFactory;
import com.contactdecision.decision.StoreFactReader;
import com.contactdecision.facts.Address;
import com.contactdecision.facts.Channel;
import com.contactdecision.facts.Collector;
import com.contactdecision.facts.CollectorType;
import com.contactdecision.facts.ConsumerProfile;
import com.contactdecision.facts.ContactRecord;
import com.contactdecision.facts.Destination;
import com.contactdecision.facts.DialMode;
import com.contactdecision.facts.Direction;
import com.contactdecision.facts.EventOutcome;
import com.contactdecision.facts.Hold;
import com.contactdecision.facts.HoldType;
import com.contactdecision.facts.InconvenientTime;
import com.contactdecision.facts.LineType;
import com.contactdecision.facts.ReasonCode;
import com.contactdecision.facts.Recipient;
import com.contactdecision.history.InMemoryContactHistory;
import com.contactdecision.profiles.InMemoryProfileStore;
import com.contactdecision.rules.ActiveRules;
import com.contactdecision.rules.DroolsRuleEngine;
import com.contactdecision.rules.RuleSet;
import com.contactdecision.rules.RuleSetLoader;
import com.contactdecision.zones.TimeZoneResolver;

/**
 * The calendar evaluates only where its answer can change; these tests prove it draws the
 * same spans as an evaluation every 15 minutes, with the shipped rules, over consumers
 * whose fortnight holds every kind of change: hours in several zones, a cap reached and
 * lifting mid-fortnight, a hold ending, a holiday, a conversation block and a designated
 * time.
 */
class ContactCalendarTests {

	static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	/** A fortnight over Christmas (the example holiday policy) and a DST-free stretch. */
	static final Instant FROM = LocalDate.of(2026, 12, 17).atStartOfDay(NEW_YORK).toInstant();

	static final Duration FORTNIGHT = Duration.ofDays(14);

	static final Duration STEP = Duration.ofMinutes(15);

	static final Clock CLOCK = Clock.fixed(FROM, ZoneOffset.UTC);

	static RuleSet rules;

	final InMemoryProfileStore profiles = new InMemoryProfileStore();

	final InMemoryContactHistory history = new InMemoryContactHistory(Duration.ofDays(35), CLOCK);

	final Explainer explainer = new Explainer(ActiveRules.of(rules, CLOCK), new DroolsRuleEngine(),
			new SituationFactory(profiles, new TimeZoneResolver(), "default"), new StoreFactReader(profiles, history),
			CLOCK);

	@BeforeAll
	static void load() throws Exception {
		rules = new RuleSetLoader(CLOCK).load(Path.of("../rules"));
	}

	@Test
	void aConsumerInOneZoneWithNothingOnFile() {
		String consumer = consumer(List.of(new Address("US", "OH", "43215")), List.of(), List.of());

		sameSpans(call(consumer, "+16145550100"), 15);
		sameSpans(text(consumer, "+16145550100"), 15);
		sameSpans(email(consumer, "someone@example.com"), 15);
	}

	@Test
	void aConsumerInSeveralZones() {
		// A Seattle mobile, an address in New York and one in Honolulu: hours in
		// every zone.
		String consumer = consumer(List.of(new Address("US", "NY", "10001"), new Address("US", "HI", "96813")),
				List.of(), List.of());

		sameSpans(call(consumer, "+12065550100"), 15);
		sameSpans(email(consumer, "someone@example.com"), 15);
	}

	@Test
	void aCapReachedThatLiftsMidFortnightAndAConversationBlock() {
		String consumer = consumer(List.of(new Address("US", "OH", "43215")), List.of(), List.of());
		// Seven calls over the week before: the Reg F cap holds until the week has
		// passed since the first, then lifts as each falls out of the window.
		for (int i = 0; i < 7; i++) {
			call(consumer, FROM.minus(Duration.ofHours(20 * i + 3)).plusSeconds(7 * 60 + 13), EventOutcome.NO_ANSWER);
		}
		// A conversation five days in: the calendar does not see future events, so put
		// one
		// just before the fortnight too for a second debt.
		call(consumer, FROM.minus(Duration.ofHours(30)).plusSeconds(11 * 60), EventOutcome.CONVERSATION);

		assertThat(sameSpans(call(consumer, "+16145550100"), 15).spans())
			.anySatisfy(s -> assertThat(s.reasons()).isNotEmpty().doesNotContain(ReasonCode.INCONVENIENT_TIME));
		sameSpans(text(consumer, "+16145550100"), 15);
	}

	@Test
	void aHoldThatEndsMidFortnight() {
		Instant until = FROM.plus(Duration.ofDays(5)).plus(Duration.ofMinutes(13 * 60 + 7));
		String consumer = consumer(List.of(new Address("US", "CA", "94103")),
				List.of(new Hold(HoldType.OTHER, FROM.minus(Duration.ofDays(30)), until, List.of())), List.of());

		ContactCalendar c = sameSpans(call(consumer, "+14155550100"), 15);

		assertThat(c.spans()).filteredOn(s -> s.from().isBefore(until)).noneMatch(ContactCalendar.Span::permitted);
		assertThat(c.spans()).anyMatch(ContactCalendar.Span::permitted);
	}

	@Test
	void aHolidayAndADesignatedTime() {
		String consumer = consumer(List.of(new Address("US", "MA", "02108")), List.of(),
				List.of(new InconvenientTime(Set.of(DayOfWeek.MONDAY, DayOfWeek.THURSDAY), "12:10", "13:40", Set.of()),
						new InconvenientTime(Set.of(DayOfWeek.SATURDAY), "20:00", "09:30", Set.of(Channel.CALL))));
		profiles.putCollector(new Collector("example-holiday-policy", "Example Collections LLC", null,
				CollectorType.DEBT_COLLECTOR, Map.of()));
		ContactRequest christmas = new ContactRequest(null, "example-holiday-policy", consumer, List.of("d-1"),
				Channel.CALL, new Destination("+16175550100", null, LineType.MOBILE, null, null), null, DialMode.MANUAL,
				null, null, null, null, Mode.CHECK, FROM);

		ContactCalendar c = sameSpans(christmas, 15);

		assertThat(c.spans()).anySatisfy(s -> assertThat(s.reasons()).contains(ReasonCode.HOLIDAY));
		sameSpans(text(consumer, "+16175550100"), 15);
	}

	/**
	 * The fast calendar's spans are the slot-by-slot ones, taking at most a fraction of
	 * their evaluations.
	 */
	private ContactCalendar sameSpans(ContactRequest request, int maxPercent) {
		ContactCalendar slots = explainer.calendarBySlots(request, FROM, FORTNIGHT, STEP);
		Explainer.Counted fast = explainer.counted(request, FROM, FORTNIGHT, STEP);

		assertThat(fast.calendar().spans()).as(request.channel() + " " + request.consumerId())
			.containsExactlyElementsOf(slots.spans());
		int slotCount = (int) (FORTNIGHT.toMinutes() / STEP.toMinutes());
		assertThat(fast.evaluations()).as("evaluations of %d slots", slotCount)
			.isLessThanOrEqualTo(slotCount * maxPercent / 100);
		return slots;
	}

	private String consumer(List<Address> addresses, List<Hold> holds, List<InconvenientTime> times) {
		String consumer = "c-" + UUID.randomUUID();
		profiles.putProfile(consumer,
				new ConsumerProfile(null, addresses, null, null, null, null, null, holds, times, null, null, false));
		return consumer;
	}

	private void call(String consumer, Instant at, EventOutcome outcome) {
		String id = "e-" + UUID.randomUUID();
		history.record(
				new ContactRecord(id, consumer, null, List.of("d-1"), Channel.CALL, Direction.OUTBOUND, "+16145550100",
						null, LineType.MOBILE, Recipient.CONSUMER, DialMode.MANUAL, null, outcome, at, null, id, null));
	}

	private static ContactRequest call(String consumer, String phone) {
		return request(consumer, Channel.CALL, new Destination(phone, null, LineType.MOBILE, null, null));
	}

	private static ContactRequest text(String consumer, String phone) {
		return request(consumer, Channel.SMS, new Destination(phone, null, LineType.MOBILE, null, null));
	}

	private static ContactRequest email(String consumer, String address) {
		return request(consumer, Channel.EMAIL, new Destination(null, address, null, null, null));
	}

	private static ContactRequest request(String consumer, Channel channel, Destination destination) {
		return new ContactRequest(null, null, consumer, List.of("d-1"), channel, destination, null, DialMode.MANUAL,
				null, null, null, null, Mode.CHECK, FROM);
	}

}
