package com.contactdecision.decision;

import com.contactdecision.validation.InvalidRequestException;
import com.contactdecision.validation.FieldError;
import com.contactdecision.support.Concurrently;
import com.contactdecision.support.TestDays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.contactdecision.decision.InMemoryDecisionLog;
import com.contactdecision.facts.Address;
import com.contactdecision.facts.Channel;
import com.contactdecision.facts.ConsumerProfile;
import com.contactdecision.facts.ContactRecord;
import com.contactdecision.facts.Destination;
import com.contactdecision.facts.DialMode;
import com.contactdecision.facts.EventOutcome;
import com.contactdecision.facts.Hold;
import com.contactdecision.facts.HoldType;
import com.contactdecision.facts.LineType;
import com.contactdecision.facts.ReasonCode;
import com.contactdecision.history.ContactEvent;
import com.contactdecision.history.ContactEvents;
import com.contactdecision.history.ContactHistory;
import com.contactdecision.history.EventResult;
import com.contactdecision.history.HistorySnapshot;
import com.contactdecision.history.InMemoryContactHistory;
import com.contactdecision.history.StoreUnavailableException;
import com.contactdecision.profiles.InMemoryProfileStore;
import com.contactdecision.rules.ActiveRules;
import com.contactdecision.rules.DroolsRuleEngine;
import com.contactdecision.rules.RuleSet;
import com.contactdecision.rules.RuleSetException;
import com.contactdecision.rules.RuleSetLoader;
import com.contactdecision.zones.TimeZoneResolver;

/**
 * The orchestrator on plain Java: a fixed clock, the in-memory stores and small rule sets
 * from src/test/resources/rulesets.
 */
class DecisionServiceTests {

	static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	/**
	 * A Wednesday a few days from now (no fixed-date holiday): near the real date, so
	 * that history retention, whether counted from the clock or from the newest record,
	 * never trims what a test recorded.
	 */
	static final LocalDate DAY = TestDays.nextWednesday();

	/**
	 * 10:00 and 07:59 in Columbus, Ohio (America/New_York) on {@link #DAY}; the clock
	 * stands at 10:00.
	 */
	static final Instant TEN_AM = DAY.atTime(10, 0).atZone(NEW_YORK).toInstant();

	static final Instant SEVEN_FIFTY_NINE = DAY.atTime(7, 59).atZone(NEW_YORK).toInstant();

	static final String OHIO_MOBILE = "+16145550100";

	private final Clock clock = Clock.fixed(TEN_AM, ZoneOffset.UTC);

	private final InMemoryProfileStore profiles = new InMemoryProfileStore();

	private final InMemoryContactHistory history = new InMemoryContactHistory(Duration.ofDays(35), clock);

	private final String consumer = "c-" + UUID.randomUUID();

	private final String debt = "d-" + UUID.randomUUID();

	// ---------------------------------------------------------------------------------------------
	// ALLOW / DENY, RESERVE / CHECK

	@Test
	void aManualCallAt1000LocalIsAllowedAndReserved() throws Exception {
		DecisionService service = service("minimal", history);

		Decision d = service.decide(call(TEN_AM, Mode.RESERVE, null));

		assertThat(d.outcome()).isEqualTo(Outcome.ALLOW);
		assertThat(d.reasons()).isEmpty();
		assertThat(d.reserved()).isTrue();
		assertThat(d.nextEligibleAt()).isEqualTo(TEN_AM);
		assertThat(d.timeZones()).containsExactly("America/New_York");
		assertThat(d.ruleSetVersion()).startsWith("sha256:");
		assertThat(history.list(consumer, null, null)).singleElement().satisfies(r -> {
			assertThat(r.decisionId()).isEqualTo(d.decisionId());
			assertThat(r.isReservation()).isTrue();
			assertThat(r.debtIds()).containsExactly(debt);
			assertThat(r.at()).isEqualTo(TEN_AM);
		});
		assertThat(service.find(d.decisionId())).contains(d);
	}

	@Test
	void checkEvaluatesButRecordsNothing() throws Exception {
		Decision d = service("minimal", history).decide(call(TEN_AM, Mode.CHECK, null));

		assertThat(d.outcome()).isEqualTo(Outcome.ALLOW);
		assertThat(d.reserved()).isFalse();
		assertThat(history.list(consumer, null, null)).isEmpty();
	}

	@Test
	void aCallAt0759LocalIsDeniedUntil0800Local() throws Exception {
		Decision d = service("minimal", history).decide(call(SEVEN_FIFTY_NINE, Mode.RESERVE, null));

		assertThat(d.outcome()).isEqualTo(Outcome.DENY);
		assertThat(d.reasons()).extracting(Reason::code).containsExactly(ReasonCode.INCONVENIENT_TIME);
		assertThat(d.reserved()).isFalse();
		assertThat(d.nextEligibleAt()).isEqualTo(DAY.atTime(8, 0).atZone(NEW_YORK).toInstant());
		assertThat(history.list(consumer, null, null)).isEmpty();
	}

	@Test
	void theRequestInstantDefaultsToTheClock() throws Exception {
		Decision d = service("minimal", history).decide(call(null, Mode.CHECK, null));

		assertThat(d.at()).isEqualTo(TEN_AM);
	}

	@Test
	void anInvalidRequestIsRefusedBeforeAnythingIsRecorded() throws Exception {
		DecisionService service = service("minimal", history);
		ContactRequest noConsumer = new ContactRequest(null, null, null, List.of(debt), Channel.CALL,
				new Destination("555-FOO", null, LineType.MOBILE, null, null), null, DialMode.MANUAL, null, null, null,
				null, Mode.RESERVE, TEN_AM);

		assertThatThrownBy(() -> service.decide(noConsumer)).isInstanceOfSatisfying(InvalidRequestException.class,
				e -> assertThat(e.errors()).extracting(FieldError::field).contains("consumerId", "destination.phone"));
	}

	@Test
	void theSameRequestIdAnswersTheSameDecisionAndReservesOnce() throws Exception {
		DecisionService service = service("minimal", history);
		String requestId = "rq-" + UUID.randomUUID();

		Decision first = service.decide(call(TEN_AM, Mode.RESERVE, requestId));
		Decision second = service.decide(call(TEN_AM, Mode.RESERVE, requestId));

		assertThat(second).isEqualTo(first);
		assertThat(history.list(consumer, null, null)).hasSize(1);
	}

	@Test
	void concurrentRetriesOfOneRequestIdReserveOnce() throws Exception {
		DecisionService service = service("minimal", history);
		String requestId = "rq-" + UUID.randomUUID();

		List<Decision> answers = Concurrently.run(16, i -> service.decide(call(TEN_AM, Mode.RESERVE, requestId)));

		assertThat(answers).extracting(Decision::decisionId).containsOnly(answers.get(0).decisionId());
		assertThat(history.list(consumer, null, null)).hasSize(1);
	}

	// ---------------------------------------------------------------------------------------------
	// Caps and atomic reservation

	@Test
	void concurrentReservesNeverExceedTheCap() throws Exception {
		DecisionService service = service("cap-of-3", history);

		List<Decision> answers = Concurrently.run(32, i -> service.decide(call(TEN_AM, Mode.RESERVE, null)));

		List<Decision> allowed = answers.stream().filter(d -> d.outcome() == Outcome.ALLOW).toList();
		assertThat(allowed).hasSize(3).allSatisfy(d -> assertThat(d.reserved()).isTrue());
		assertThat(answers).filteredOn(d -> d.outcome() == Outcome.DENY).hasSize(29).allSatisfy(d -> {
			assertThat(d.reserved()).isFalse();
			assertThat(d.reasons()).extracting(Reason::code).containsExactly(ReasonCode.CALL_FREQUENCY_CAP);
			// The three calls of DAY leave the 7-day window when DAY+7 begins in New
			// York; the hours
			// rule then moves that to 08:00.
			assertThat(d.nextEligibleAt()).isEqualTo(DAY.plusDays(7).atTime(8, 0).atZone(NEW_YORK).toInstant());
		});
		assertThat(history.list(consumer, null, null)).hasSize(3)
			.extracting(ContactRecord::decisionId)
			.containsExactlyInAnyOrderElementsOf(allowed.stream().map(Decision::decisionId).toList());
	}

	@Test
	void concurrentReservesAgainstTheRealRulesAllowExactlySevenCallsPerDebt() throws Exception {
		Path rules = Path.of("../rules");
		Assumptions.assumeTrue(Files.isRegularFile(rules.resolve("frequency/frequency-caps.csv")),
				"the Reg F caps are not in ../rules yet");
		RuleSet ruleSet;
		try {
			ruleSet = new RuleSetLoader(clock).load(rules);
		}
		catch (RuleSetException e) {
			Assumptions.abort("../rules does not load at the moment (being edited?): " + e.getMessage());
			return;
		}
		DecisionService service = service(ruleSet, history);

		List<Decision> answers = Concurrently.run(64, i -> service.decide(call(TEN_AM, Mode.RESERVE, null)));

		assertThat(answers).filteredOn(d -> d.outcome() == Outcome.ALLOW)
			.hasSize(7)
			.allSatisfy(d -> assertThat(d.reserved()).isTrue());
		assertThat(answers).filteredOn(d -> d.outcome() == Outcome.DENY)
			.hasSize(57)
			.allSatisfy(d -> assertThat(d.reasons()).extracting(Reason::code).contains(ReasonCode.CALL_FREQUENCY_CAP));
		assertThat(history.list(consumer, null, null)).hasSize(7);
	}

	@Test
	void aCallAboutTwoDebtsCountsForBoth() throws Exception {
		DecisionService service = service("cap-of-3", history);
		String other = "d-" + UUID.randomUUID();
		for (int i = 0; i < 3; i++) {
			assertThat(service.decide(call(List.of(debt, other), TEN_AM, Mode.RESERVE)).outcome())
				.isEqualTo(Outcome.ALLOW);
		}

		Decision aboutOther = service.decide(call(List.of(other), TEN_AM, Mode.CHECK));
		Decision aboutThird = service.decide(call(List.of("d-" + UUID.randomUUID()), TEN_AM, Mode.CHECK));

		assertThat(aboutOther.outcome()).isEqualTo(Outcome.DENY);
		assertThat(aboutThird.outcome()).isEqualTo(Outcome.ALLOW);
	}

	@Test
	void aNotPlacedEventReleasesTheSlotItsDecisionReserved() throws Exception {
		DecisionService service = service("cap-of-3", history);
		List<Decision> reserved = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			reserved.add(service.decide(call(TEN_AM, Mode.RESERVE, null)));
		}
		assertThat(service.decide(call(TEN_AM, Mode.CHECK, null)).outcome()).isEqualTo(Outcome.DENY);

		EventResult settled = new ContactEvents(history, clock).record(new ContactEvent("e-" + UUID.randomUUID(),
				reserved.get(0).decisionId(), null, consumer, List.of(debt), Channel.CALL, null, null, null, null, null,
				EventOutcome.NOT_PLACED, null, TEN_AM.plusSeconds(5)));

		assertThat(settled).isEqualTo(EventResult.RECORDED);
		assertThat(history.list(consumer, null, null)).hasSize(3);
		assertThat(service.decide(call(TEN_AM, Mode.CHECK, null)).outcome()).isEqualTo(Outcome.ALLOW);
	}

	/**
	 * The history keeps what counts toward the caps: a reservation dated far ahead (a
	 * caller's typo in the year) must not trim this week's calls as if they were old.
	 */
	@Test
	void aFarFutureReservationDoesNotLiftTheCap() throws Exception {
		DecisionService service = service("cap-of-3", history);
		for (int i = 0; i < 3; i++) {
			assertThat(service.decide(call(TEN_AM, Mode.RESERVE, null)).outcome()).isEqualTo(Outcome.ALLOW);
		}
		service.decide(call(Instant.parse("2099-06-10T14:00:00Z"), Mode.RESERVE, null));

		Decision d = service.decide(call(TEN_AM, Mode.CHECK, null));

		assertThat(d.outcome()).isEqualTo(Outcome.DENY);
		assertThat(d.reasons()).extracting(Reason::code).contains(ReasonCode.CALL_FREQUENCY_CAP);
	}

	@Test
	void anInstantBeyondAnyCalendarIsAnInvalidRequestNotACrash() throws Exception {
		DecisionService service = service("minimal", history);

		assertThatThrownBy(() -> service.decide(call(Instant.parse("+1000000000-12-31T23:59:59Z"), Mode.CHECK, null)))
			.isInstanceOfSatisfying(InvalidRequestException.class,
					e -> assertThat(e.errors()).extracting(FieldError::field).contains("at"));
	}

	// ---------------------------------------------------------------------------------------------
	// Next eligible instant

	@Test
	void aHoldEndingWithinTheHorizonIsEligibleWhenItEnds() throws Exception {
		Instant until = TEN_AM.plus(Duration.ofDays(10));
		holdUntil(until);

		Decision d = service("minimal", history).decide(call(TEN_AM, Mode.CHECK, null));

		assertThat(d.outcome()).isEqualTo(Outcome.DENY);
		assertThat(d.reasons()).extracting(Reason::code).containsExactly(ReasonCode.LEGAL_HOLD);
		assertThat(d.nextEligibleAt()).isEqualTo(until);
	}

	@Test
	void aBlockEndingPastThe35DayHorizonHasNoNextEligibleInstant() throws Exception {
		holdUntil(TEN_AM.plus(Duration.ofDays(40)));

		Decision d = service("minimal", history).decide(call(TEN_AM, Mode.CHECK, null));

		assertThat(d.outcome()).isEqualTo(Outcome.DENY);
		assertThat(d.nextEligibleAt()).isNull();
	}

	@Test
	void aPermanentBlockHasNoNextEligibleInstant() throws Exception {
		holdUntil(null);

		Decision d = service("minimal", history).decide(call(SEVEN_FIFTY_NINE, Mode.CHECK, null));

		assertThat(d.outcome()).isEqualTo(Outcome.DENY);
		assertThat(d.reasons()).extracting(Reason::code)
			.containsExactlyInAnyOrder(ReasonCode.LEGAL_HOLD, ReasonCode.INCONVENIENT_TIME);
		assertThat(d.nextEligibleAt()).isNull();
	}

	// ---------------------------------------------------------------------------------------------
	// Fail closed

	@Test
	void aHistoryThatCannotBeReadFailsClosed() throws Exception {
		FlakyHistory flaky = new FlakyHistory(history);
		flaky.down = true;

		Decision d = service("minimal", flaky).decide(call(TEN_AM, Mode.RESERVE, null));

		assertThat(d.outcome()).isEqualTo(Outcome.DENY);
		assertThat(d.reasons()).extracting(Reason::code).containsExactly(ReasonCode.COUNTER_STORE_UNAVAILABLE);
		assertThat(d.reserved()).isFalse();
		assertThat(d.nextEligibleAt()).isNull();
	}

	@Test
	void aReservationThatCannotBeWrittenFailsClosed() throws Exception {
		FlakyHistory flaky = new FlakyHistory(history);
		flaky.writesDown = true;

		Decision d = service("minimal", flaky).decide(call(TEN_AM, Mode.RESERVE, null));

		assertThat(d.outcome()).isEqualTo(Outcome.DENY);
		assertThat(d.reasons()).extracting(Reason::code).containsExactly(ReasonCode.COUNTER_STORE_UNAVAILABLE);
		assertThat(d.reserved()).isFalse();
		assertThat(history.list(consumer, null, null)).isEmpty();
	}

	@Test
	void aFailedClosedDecisionIsNotRememberedForItsRequestId() throws Exception {
		FlakyHistory flaky = new FlakyHistory(history);
		DecisionService service = service("minimal", flaky);
		String requestId = "rq-" + UUID.randomUUID();
		flaky.down = true;
		Decision during = service.decide(call(TEN_AM, Mode.RESERVE, requestId));
		flaky.down = false;

		Decision after = service.decide(call(TEN_AM, Mode.RESERVE, requestId));

		assertThat(during.outcome()).isEqualTo(Outcome.DENY);
		assertThat(after.outcome()).isEqualTo(Outcome.ALLOW);
		assertThat(after.reserved()).isTrue();
		assertThat(history.list(consumer, null, null)).hasSize(1);
	}

	// ---------------------------------------------------------------------------------------------
	// Request ids bound to their request

	@Test
	void aRequestIdReusedForAnotherConsumerIsAConflictAndDecidesNothing() throws Exception {
		DecisionService service = service("minimal", history);
		String requestId = "call-id-" + UUID.randomUUID();
		String other = "c-" + UUID.randomUUID();
		Decision first = service.decide(call(TEN_AM, Mode.RESERVE, requestId));

		assertThatThrownBy(() -> service.decide(callFor(other, requestId))).isInstanceOfSatisfying(
				RequestConflictException.class, e -> assertThat(e.requestId()).isEqualTo(requestId));

		assertThat(first.reserved()).isTrue();
		assertThat(history.list(other, null, null)).as("nothing decided for the other consumer").isEmpty();
		assertThat(history.list(consumer, null, null)).hasSize(1);
	}

	@Test
	void aRequestIdReusedForAnotherModeOrMessageIsAConflict() throws Exception {
		DecisionService service = service("minimal", history);
		String requestId = "rq-" + UUID.randomUUID();
		service.decide(call(TEN_AM, Mode.CHECK, requestId));

		assertThatThrownBy(() -> service.decide(call(TEN_AM, Mode.RESERVE, requestId)))
			.isInstanceOf(RequestConflictException.class);
		assertThat(history.list(consumer, null, null)).isEmpty();
	}

	@Test
	void aRetrySpellingOutTheDefaultsOrSentLaterIsTheSameRequest() throws Exception {
		DecisionService service = service("minimal", history);
		String requestId = "rq-" + UUID.randomUUID();
		Decision first = service.decide(call(TEN_AM, Mode.RESERVE, requestId));
		ContactRequest spelledOut = new ContactRequest(requestId, "default", consumer, List.of(debt, debt),
				Channel.CALL, new Destination(OHIO_MOBILE, null, LineType.MOBILE, null, null),
				com.contactdecision.facts.Recipient.CONSUMER, DialMode.MANUAL,
				com.contactdecision.facts.Purpose.COLLECTION, null, null, null, Mode.RESERVE, TEN_AM.plusSeconds(30));

		assertThat(service.decide(spelledOut)).isEqualTo(first);
		assertThat(history.list(consumer, null, null)).hasSize(1);
	}

	@Test
	void requestIdsAreScopedPerCollector() throws Exception {
		profiles.putCollector(new com.contactdecision.facts.Collector("northwind", null, null, null, null));
		DecisionService service = service("minimal", history);
		String requestId = "rq-" + UUID.randomUUID();
		Decision forDefault = service.decide(call(TEN_AM, Mode.RESERVE, requestId));
		ContactRequest forNorthwind = new ContactRequest(requestId, "northwind", "c-" + UUID.randomUUID(),
				List.of(debt), Channel.CALL, new Destination(OHIO_MOBILE, null, LineType.MOBILE, null, null), null,
				DialMode.MANUAL, null, null, null, null, Mode.RESERVE, TEN_AM);

		Decision d = service.decide(forNorthwind);

		assertThat(d.decisionId()).isNotEqualTo(forDefault.decisionId());
		assertThat(d.reserved()).isTrue();
	}

	@Test
	void concurrentCallsReusingOneRequestIdForTwoConsumersDecideForOneOnly() throws Exception {
		DecisionService service = service("minimal", history);
		String requestId = "call-id-" + UUID.randomUUID();
		String other = "c-" + UUID.randomUUID();

		List<String> answers = Concurrently.run(16, i -> {
			try {
				return service.decide(i % 2 == 0 ? call(TEN_AM, Mode.RESERVE, requestId) : callFor(other, requestId))
					.decisionId();
			}
			catch (RequestConflictException e) {
				return "409";
			}
		});

		List<String> decided = answers.stream().filter(a -> !a.equals("409")).distinct().toList();
		assertThat(decided).as("one decision, answered to every retry of the winning request: %s", answers).hasSize(1);
		assertThat(answers).filteredOn("409"::equals).hasSize(8);
		int reservations = history.list(consumer, null, null).size() + history.list(other, null, null).size();
		assertThat(reservations).isEqualTo(1);
	}

	// ---------------------------------------------------------------------------------------------
	// Settling what was reserved

	@Test
	void aDecisionThatReservedButCouldNotBeAnsweredReleasesItsReservation() throws Exception {
		DecisionLog forgetful = new FailingOnce(true);
		DecisionService service = service("cap-of-3", history, forgetful, DecisionListener.NONE);

		Decision d = service.decide(call(TEN_AM, Mode.RESERVE, "rq-" + UUID.randomUUID()));

		assertThat(d.reasons()).extracting(Reason::code).containsExactly(ReasonCode.COUNTER_STORE_UNAVAILABLE);
		assertThat(history.list(consumer, null, null)).singleElement()
			.satisfies(r -> assertThat(r.outcome()).as("released, so it does not count")
				.isEqualTo(EventOutcome.NOT_PLACED));
	}

	@Test
	void anEventSettlesAReservationByTheRequestIdOfItsDecision() throws Exception {
		DecisionService service = service("cap-of-3", history);
		String requestId = "call-id-" + UUID.randomUUID();
		service.decide(call(TEN_AM, Mode.RESERVE, requestId));
		service.decide(call(TEN_AM, Mode.RESERVE, null));
		service.decide(call(TEN_AM, Mode.RESERVE, null));
		assertThat(service.decide(call(TEN_AM, Mode.CHECK, null)).outcome()).isEqualTo(Outcome.DENY);

		EventResult settled = new ContactEvents(history, clock)
			.record(new ContactEvent("e-" + UUID.randomUUID(), null, null, consumer, List.of(debt), Channel.CALL, null,
					null, null, null, null, EventOutcome.NOT_PLACED, null, TEN_AM.plusSeconds(5), requestId));

		assertThat(settled).isEqualTo(EventResult.RECORDED);
		assertThat(history.list(consumer, null, null)).hasSize(3)
			.filteredOn(r -> requestId.equals(r.requestId()))
			.singleElement()
			.satisfies(r -> assertThat(r.outcome()).isEqualTo(EventOutcome.NOT_PLACED));
		assertThat(service.decide(call(TEN_AM, Mode.CHECK, null)).outcome()).isEqualTo(Outcome.ALLOW);
	}

	@Test
	void aRequestIdOfAnotherCollectorSettlesNothing() throws Exception {
		DecisionService service = service("cap-of-3", history);
		String requestId = "call-id-" + UUID.randomUUID();
		service.decide(call(TEN_AM, Mode.RESERVE, requestId));

		new ContactEvents(history, clock)
			.record(new ContactEvent("e-" + UUID.randomUUID(), null, "northwind", consumer, List.of(debt), Channel.CALL,
					null, null, null, null, null, EventOutcome.NOT_PLACED, null, TEN_AM.plusSeconds(5), requestId));

		assertThat(history.list(consumer, null, null)).hasSize(2).filteredOn(ContactRecord::isReservation).hasSize(1);
	}

	@Test
	void aReservationNoEventSettledWithinTheSettleTimeIsListedAsUnsettledAndStillCounts() throws Exception {
		DecisionService service = service("cap-of-3", history);
		for (int i = 0; i < 3; i++) {
			service.decide(call(TEN_AM, Mode.RESERVE, null));
		}
		Clock fourteenMinutesLater = Clock.offset(clock, Duration.ofMinutes(14));
		Clock sixteenMinutesLater = Clock.offset(clock, Duration.ofMinutes(16));

		assertThat(new ContactEvents(history, fourteenMinutesLater, "default", Duration.ofMinutes(15)).list(consumer,
				null, null, null))
			.hasSize(3)
			.noneMatch(com.contactdecision.history.HistoryEntry::unsettled);
		assertThat(new ContactEvents(history, sixteenMinutesLater, "default", Duration.ofMinutes(15)).list(consumer,
				null, null, null))
			.hasSize(3)
			.allMatch(com.contactdecision.history.HistoryEntry::unsettled);
		assertThat(service.decide(call(TEN_AM.plus(Duration.ofMinutes(16)), Mode.CHECK, null)).outcome())
			.as("an unsettled reservation keeps counting")
			.isEqualTo(Outcome.DENY);
	}

	// ---------------------------------------------------------------------------------------------
	// Every answer is observed

	@Test
	void everyAnswerIsToldToTheListenerOnceFailedClosedOnesIncluded() throws Exception {
		FlakyHistory flaky = new FlakyHistory(history);
		List<Outcome> told = java.util.Collections.synchronizedList(new ArrayList<>());
		DecisionLog unreachable = new FailingOnce(false);
		DecisionService service = service("minimal", flaky, unreachable, (d, took) -> told.add(d.outcome()));
		List<Decision> answers = new ArrayList<>();

		answers.add(service.decide(call(TEN_AM, Mode.RESERVE, "rq-" + UUID.randomUUID())));
		answers.add(service.decide(call(TEN_AM, Mode.RESERVE, null)));
		flaky.down = true;
		answers.add(service.decide(call(TEN_AM, Mode.RESERVE, null)));
		answers.add(service.decide(call(TEN_AM, Mode.CHECK, null)));

		assertThat(answers).extracting(Decision::outcome)
			.containsExactly(Outcome.DENY, Outcome.ALLOW, Outcome.DENY, Outcome.DENY);
		assertThat(told).containsExactlyElementsOf(answers.stream().map(Decision::outcome).toList());
	}

	// ---------------------------------------------------------------------------------------------
	// Batches (BatchDecisions)

	@Test
	void aBatchReadsAChunkOfConsumersAtOnceAndReadsOneByOneWhenThatReadFails() throws Exception {
		Path dir = Path.of(getClass().getResource("/rulesets/minimal").toURI());
		StoreFactReader store = new StoreFactReader(profiles, history);
		java.util.concurrent.atomic.AtomicInteger batchReads = new java.util.concurrent.atomic.AtomicInteger();
		java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean();
		FactReader reader = new FactReader() {

			@Override
			public Facts read(String consumerId, List<String> debtIds, String collectorId, Instant historySince) {
				return store.read(consumerId, debtIds, collectorId, historySince);
			}

			@Override
			public List<Facts> readAll(List<Query> queries) {
				batchReads.incrementAndGet();
				if (down.get()) {
					throw new StoreUnavailableException("batch read refused", null);
				}
				return store.readAll(queries);
			}

		};
		DecisionService service = new DecisionService(ActiveRules.of(new RuleSetLoader(clock).load(dir), clock),
				new DroolsRuleEngine(), new SituationFactory(profiles, new TimeZoneResolver(), "default"), reader,
				history, new InMemoryDecisionLog(clock, Duration.ofDays(8)), new InMemoryDecisionRecords(),
				java.util.function.UnaryOperator.identity(), clock, DecisionListener.NONE);
		List<ContactRequest> items = new java.util.ArrayList<>();
		for (int i = 0; i < 250; i++) {
			ContactRequest r = callFor("c-" + UUID.randomUUID(), null);
			items.add(new ContactRequest(null, null, r.consumerId(), r.debtIds(), r.channel(), r.destination(), null,
					r.dialMode(), null, null, null, null, Mode.CHECK, i % 2 == 0 ? TEN_AM : SEVEN_FIFTY_NINE));
		}

		try (BatchDecisions batches = new BatchDecisions(service, 2, 200)) {
			List<BatchDecisions.Answer> read = batches.decide(items, System.nanoTime() + 60_000_000_000L);
			assertThat(batchReads).as("250 consumers in chunks of 200").hasValue(2);
			down.set(true);
			List<BatchDecisions.Answer> oneByOne = batches.decide(items, System.nanoTime() + 60_000_000_000L);

			for (List<BatchDecisions.Answer> answers : List.of(read, oneByOne)) {
				assertThat(answers).hasSize(items.size());
				for (int i = 0; i < items.size(); i++) {
					assertThat(answers.get(i).decision().consumerId()).isEqualTo(items.get(i).consumerId());
					assertThat(answers.get(i).decision().outcome()).as("item %d", i)
						.isEqualTo(i % 2 == 0 ? Outcome.ALLOW : Outcome.DENY);
				}
			}
		}
	}

	@Test
	void aBatchDecidesAConsumersItemsAndItemsSharingARequestIdTogetherInRequestOrder() {
		List<ContactRequest> items = List.of(callFor("c-a", "rq-1"), callFor("c-b", null), callFor("c-c", "rq-1"),
				callFor("c-a", null), callFor("c-d", "rq-2"), callFor("c-b", "rq-3"));

		assertThat(BatchDecisions.groups(items)).containsExactly(List.of(0, 2, 3), List.of(1, 5), List.of(4));
	}

	@Test
	void aBatchPastItsDeadlineFailsClosedWithoutDeciding() throws Exception {
		DecisionService service = service("minimal", history);
		try (BatchDecisions batches = new BatchDecisions(service, 1, 200)) {
			List<BatchDecisions.Answer> answers = batches.decide(List.of(call(TEN_AM, Mode.RESERVE, null)),
					System.nanoTime() - 1);

			assertThat(answers).singleElement()
				.satisfies(a -> assertThat(DecisionService.isFailClosed(a.decision())).isTrue());
			assertThat(history.list(consumer, null, null)).isEmpty();
		}
	}

	// ---------------------------------------------------------------------------------------------

	private DecisionService service(String fixture, ContactHistory contactHistory) throws Exception {
		Path dir = Path.of(getClass().getResource("/rulesets/" + fixture).toURI());
		return service(new RuleSetLoader(clock).load(dir), contactHistory);
	}

	private DecisionService service(RuleSet ruleSet, ContactHistory contactHistory) {
		return service(ruleSet, contactHistory, new InMemoryDecisionLog(clock, Duration.ofDays(8)),
				DecisionListener.NONE);
	}

	private DecisionService service(String fixture, ContactHistory contactHistory, DecisionLog log,
			DecisionListener listener) throws Exception {
		Path dir = Path.of(getClass().getResource("/rulesets/" + fixture).toURI());
		return service(new RuleSetLoader(clock).load(dir), contactHistory, log, listener);
	}

	private DecisionService service(RuleSet ruleSet, ContactHistory contactHistory, DecisionLog log,
			DecisionListener listener) {
		return new DecisionService(ActiveRules.of(ruleSet, clock), new DroolsRuleEngine(),
				new SituationFactory(profiles, new TimeZoneResolver(), "default"), contactHistory, log, clock,
				listener);
	}

	private ContactRequest callFor(String consumerId, String requestId) {
		return new ContactRequest(requestId, null, consumerId, List.of(debt), Channel.CALL,
				new Destination(OHIO_MOBILE, null, LineType.MOBILE, null, null), null, DialMode.MANUAL, null, null,
				null, null, Mode.RESERVE, TEN_AM);
	}

	private ContactRequest call(Instant at, Mode mode, String requestId) {
		return new ContactRequest(requestId, null, consumer, List.of(debt), Channel.CALL,
				new Destination(OHIO_MOBILE, null, LineType.MOBILE, null, null), null, DialMode.MANUAL, null, null,
				null, null, mode, at);
	}

	private ContactRequest call(List<String> debts, Instant at, Mode mode) {
		return new ContactRequest(null, null, consumer, debts, Channel.CALL,
				new Destination(OHIO_MOBILE, null, LineType.MOBILE, null, null), null, DialMode.MANUAL, null, null,
				null, null, mode, at);
	}

	private void holdUntil(Instant until) {
		profiles.putProfile(consumer,
				new ConsumerProfile(null, List.of(new Address("US", "OH", "43215")), null, null, null, null, null,
						List.of(new Hold(HoldType.OTHER, TEN_AM.minus(Duration.ofDays(9)), until, List.of())), null,
						null, null, false));
	}

	/** Runs n calls at once (released together) and returns their answers. */
	/**
	 * A decision log whose request-id store fails: before deciding (the claim times out),
	 * or after (the decision is made, with its reservation, but the answer cannot be
	 * kept).
	 */
	final class FailingOnce implements DecisionLog {

		private final DecisionLog delegate = new InMemoryDecisionLog(clock, Duration.ofDays(8));

		private final boolean afterDeciding;

		FailingOnce(boolean afterDeciding) {
			this.afterDeciding = afterDeciding;
		}

		@Override
		public void pseudonymise(String consumerId, java.util.function.UnaryOperator<String> pseudonym) {
			delegate.pseudonymise(consumerId, pseudonym);
		}

		@Override
		public void save(Decision decision) {
			delegate.save(decision);
		}

		@Override
		public java.util.Optional<Decision> find(String decisionId) {
			return delegate.find(decisionId);
		}

		@Override
		public Decision once(String scope, String requestId, String fingerprint,
				java.util.function.Supplier<Decision> decide) {
			if (afterDeciding) {
				decide.get();
			}
			throw new StoreUnavailableException("request key unavailable (test)", null);
		}

	}

	/**
	 * A contact history whose store can go away: every read, or only writes, then throw.
	 */
	static final class FlakyHistory implements ContactHistory {

		private final ContactHistory delegate;

		volatile boolean down;

		volatile boolean writesDown;

		FlakyHistory(ContactHistory delegate) {
			this.delegate = delegate;
		}

		private void check(boolean write) {
			if (down || (write && writesDown)) {
				throw new StoreUnavailableException("redis timed out (test)", null);
			}
		}

		@Override
		public HistorySnapshot load(String consumerId, Instant since) {
			check(false);
			return delegate.load(consumerId, since);
		}

		@Override
		public boolean appendIfUnchanged(String consumerId, long expectedVersion, ContactRecord reservation) {
			check(true);
			return delegate.appendIfUnchanged(consumerId, expectedVersion, reservation);
		}

		@Override
		public EventResult record(ContactRecord event) {
			check(true);
			return delegate.record(event);
		}

		@Override
		public List<ContactRecord> list(String consumerId, Instant from, Instant to) {
			check(false);
			return delegate.list(consumerId, from, to);
		}

		@Override
		public void pseudonymise(String consumerId, UnaryOperator<String> pseudonym) {
			check(true);
			delegate.pseudonymise(consumerId, pseudonym);
		}

		@Override
		public boolean release(String consumerId, String decisionId) {
			check(true);
			return delegate.release(consumerId, decisionId);
		}

	}

}
