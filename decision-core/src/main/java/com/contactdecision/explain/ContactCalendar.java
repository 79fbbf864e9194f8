package com.contactdecision.explain;

import java.time.Instant;
import java.util.List;

import com.contactdecision.facts.Channel;
import com.contactdecision.facts.ReasonCode;

/**
 * When one channel may reach the consumer over a period: consecutive spans, each
 * permitted or blocked with the reasons that block it, in order and without gaps.
 */
public record ContactCalendar(Channel channel, Instant from, Instant to, List<String> timeZones, List<Span> spans) {

	public ContactCalendar {
		timeZones = List.copyOf(timeZones);
		spans = List.copyOf(spans);
	}

	/**
	 * From (inclusive) to (exclusive); {@code reasons} is empty when the span is
	 * permitted.
	 */
	public record Span(Instant from, Instant to, List<ReasonCode> reasons) {

		public Span {
			reasons = List.copyOf(reasons);
		}

		public boolean permitted() {
			return reasons.isEmpty();
		}

	}

}
