package com.contactdecision.web;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.contactdecision.decision.DecisionService;
import com.contactdecision.facts.ContactRecord;
import com.contactdecision.history.ContactEvent;
import com.contactdecision.history.ContactEvents;
import com.contactdecision.history.EventResult;
import com.contactdecision.history.HistoryEntry;
import com.contactdecision.security.Caller;
import com.contactdecision.validation.InvalidRequestException;
import com.contactdecision.validation.Validation;

@Tag(name = "Contact events", description = "Tell what happened (CONTRACT section 2)")
@RestController
class ContactEventController {

	private final ContactEvents events;

	private final DecisionService decisions;

	ContactEventController(ContactEvents events, DecisionService decisions) {
		this.events = events;
		this.decisions = decisions;
	}

	@Operation(summary = "Record an event: 202 the first time, 200 and no change on a repeat of its eventId")
	@PostMapping("/v1/contact-events")
	ResponseEntity<EventAnswer> record(@RequestBody ContactEvent event) {
		if (event == null) {
			throw new InvalidRequestException("body", "an event is required");
		}
		ContactEvents.validate(event);
		// A decision settles only its own consumer's reservation: an event naming another
		// consumer's
		// decision would leave that reservation open and count a contact the other
		// consumer never had.
		if (event.decisionId() != null && decisions.find(event.decisionId())
			.filter(d -> !d.consumerId().equals(event.consumerId()))
			.isPresent()) {
			throw new InvalidRequestException("decisionId", "names a decision about another consumer");
		}
		EventResult result = events.record(scoped(event));
		return ResponseEntity.status(result == EventResult.RECORDED ? HttpStatus.ACCEPTED : HttpStatus.OK)
			.body(new EventAnswer(event.eventId(), result == EventResult.RECORDED ? "RECORDED" : "DUPLICATE"));
	}

	@Operation(summary = "What is recorded for a consumer, oldest first; unsettled: a reservation no event settled "
			+ "within the settle time (it still counts)")
	@GetMapping("/v1/consumers/{consumerId}/history")
	HistoryAnswer history(@PathVariable String consumerId, @RequestParam(required = false) String debtId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
		Validation.requireId("consumerId", consumerId);
		new Validation().id("debtId", debtId).throwIfInvalid();
		return new HistoryAnswer(consumerId, events.list(consumerId, debtId, from, to));
	}

	/**
	 * A key scoped to a collector reports for that collector only (CONTRACT section 7).
	 */
	private static ContactEvent scoped(ContactEvent e) {
		String collectorId = Caller.collectorFor(e.collectorId());
		return java.util.Objects.equals(collectorId, e.collectorId()) ? e
				: new ContactEvent(e.eventId(), e.decisionId(), collectorId, e.consumerId(), e.debtIds(), e.channel(),
						e.direction(), e.destination(), e.recipient(), e.dialMode(), e.purpose(), e.outcome(),
						e.inResponseTo(), e.at());
	}

	record EventAnswer(String eventId, String status) {
	}

	record HistoryAnswer(String consumerId, List<HistoryEntry> events) {
	}

}
