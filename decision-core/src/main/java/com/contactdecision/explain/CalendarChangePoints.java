package com.contactdecision.explain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.contactdecision.facts.Consent;
import com.contactdecision.facts.ContactRecord;
import com.contactdecision.facts.Debt;
import com.contactdecision.facts.Hold;
import com.contactdecision.facts.InconvenientTime;
import com.contactdecision.facts.MediumOptOut;
import com.contactdecision.facts.PermittedHours;
import com.contactdecision.facts.TimeOfDay;
import com.contactdecision.rules.RuleSet;
import com.contactdecision.rules.Situation;

/**
 * The instants in a period at which a calendar's answer may change by the clock alone,
 * read from the facts and the parameter tables rather than from the rules: the rules read
 * the time as the local time of day and the local date in each of the consumer's zones
 * (hours rows, designated times, days, holidays, the day-counted windows of caps and
 * conversation blocks all turn at a local minute of the day, most at midnight), and as
 * comparisons with instants on file (holds, consents, opt-outs, notices, debt dates, past
 * contacts) or in the schedule of dated parameter rows. Whatever else a blocking rule
 * waits for, it says in its finding's not-before instant, which the calendar adds as it
 * goes.
 */
final class CalendarChangePoints {

	private CalendarChangePoints() {
	}

	static Set<Instant> of(RuleSet ruleSet, Situation base, Instant from, Instant to) {
		Set<Instant> points = new HashSet<>();
		List<Instant> lawChanges = ruleSet.schedule()
			.boundaries()
			.stream()
			.filter(b -> b.isAfter(from) && b.isBefore(to))
			.toList();
		points.addAll(lawChanges);

		// Minutes of the local day at which something turns: midnight, the hours rows in
		// force at any time in the period, the consumer's designated times.
		Set<Integer> minutes = new TreeSet<>();
		minutes.add(0);
		List<Instant> periods = new ArrayList<>(lawChanges);
		periods.add(from);
		for (Instant p : periods) {
			for (PermittedHours h : ruleSet.parametersAt(p, PermittedHours.class)) {
				minutes.add(TimeOfDay.minutes(h.from(), 0));
				minutes.add(TimeOfDay.minutes(h.to(), TimeOfDay.END_OF_DAY));
			}
		}
		for (InconvenientTime t : base.profile().inconvenientTimes()) {
			minutes.add(TimeOfDay.minutes(t.from(), 0));
			minutes.add(TimeOfDay.minutes(t.to(), TimeOfDay.END_OF_DAY));
		}
		for (ZoneId zone : base.zones().zones()) {
			LocalDate first = from.atZone(zone).toLocalDate().minusDays(1);
			LocalDate last = to.atZone(zone).toLocalDate().plusDays(1);
			for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
				for (int m : minutes) {
					points.add(d.atStartOfDay().plusMinutes(m).atZone(zone).toInstant());
				}
			}
			// A change of offset moves every local time after it.
			ZoneOffsetTransition tr = zone.getRules().nextTransition(from);
			while (tr != null && tr.getInstant().isBefore(to)) {
				points.add(tr.getInstant());
				tr = zone.getRules().nextTransition(tr.getInstant());
			}
		}

		// Instants on file.
		base.profile().holds().stream().flatMap(h -> instants(h)).forEach(points::add);
		base.profile().mediumOptOuts().stream().map(MediumOptOut::at).forEach(points::add);
		if (base.profile().ceaseCommunication() != null) {
			points.add(base.profile().ceaseCommunication().receivedAt());
		}
		Stream.concat(base.consents().stream(), base.history().consents().stream())
			.flatMap(CalendarChangePoints::instants)
			.forEach(points::add);
		base.history().records().stream().map(ContactRecord::at).forEach(points::add);
		base.debts().stream().flatMap(CalendarChangePoints::instants).forEach(points::add);
		points.remove(null);
		return points;
	}

	private static Stream<Instant> instants(Hold h) {
		return Stream.of(h.since(), h.until());
	}

	private static Stream<Instant> instants(Consent c) {
		return Stream.of(c.at(), c.validFrom(), c.validUntil());
	}

	private static Stream<Instant> instants(Debt d) {
		return Stream.of(d.validationPeriodEndsAt(), d.disputeReceivedAt(), d.verificationSentAt());
	}

}
