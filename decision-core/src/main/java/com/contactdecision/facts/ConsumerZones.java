package com.contactdecision.facts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;

/**
 * Every zone the consumer may be in, and the calendar arithmetic the day-counted rules
 * need when there are several (convention C3 of regulations.md): the date of a past event
 * is taken in the zone where it is latest (the earliest-starting zone), and a block ends
 * when its last day has ended in every zone (the latest-ending zone). Both choices can
 * only lengthen a block.
 */
public record ConsumerZones(List<ZoneId> zones) {

	public ConsumerZones {
		if (zones == null || zones.isEmpty()) {
			throw new IllegalArgumentException("a consumer is always somewhere: at least one zone");
		}
		zones = zones.stream().distinct().sorted(Comparator.comparing(ZoneId::getId)).toList();
	}

	/**
	 * The latest local date of an instant across the zones: the date an event counts on.
	 */
	public LocalDate eventDate(Instant at) {
		if (zones.size() == 1) {
			// the common case, without a stream per record
			return LocalDate.ofInstant(at, zones.get(0));
		}
		return zones.stream().map(z -> LocalDate.ofInstant(at, z)).max(Comparator.naturalOrder()).orElseThrow();
	}

	/**
	 * The earliest local date of an instant across the zones: the date a candidate
	 * contact falls on.
	 */
	public LocalDate candidateDate(Instant at) {
		return zones.stream().map(z -> LocalDate.ofInstant(at, z)).min(Comparator.naturalOrder()).orElseThrow();
	}

	/** The first instant at which it is {@code date} or later in every zone. */
	public Instant startOfDayEverywhere(LocalDate date) {
		return zones.stream().map(z -> date.atStartOfDay(z).toInstant()).max(Comparator.naturalOrder()).orElseThrow();
	}

	public List<String> ids() {
		return zones.stream().map(ZoneId::getId).toList();
	}

}
