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

import com.contactdecision.history.ContactEvent;
import com.contactdecision.history.ContactEvents;
import com.contactdecision.history.EventResult;
import com.contactdecision.history.HistoryEntry;

@Tag(name = "Contact events", description = "Tell what happened (CONTRACT section 2)")
@RestController
class ContactEventController {

	private final ContactEvents events;

	ContactEventController(ContactEvents events) {
		this.events = events;
	}

	@Operation(summary = "Record an event: 202 the first time, 200 and no change on a repeat of its eventId")
	@PostMapping("/v1/contact-events")
	ResponseEntity<EventAnswer> record(@RequestBody ContactEvent event) {
		EventResult result = events.record(event);
		return ResponseEntity.status(result == EventResult.RECORDED ? HttpStatus.ACCEPTED : HttpStatus.OK)
			.body(new EventAnswer(event.eventId(), result == EventResult.RECORDED ? "RECORDED" : "DUPLICATE"));
	}

	@Operation(summary = "What is recorded for a consumer, oldest first; unsettled: a reservation no event settled "
			+ "within the settle time (it still counts)")
	@GetMapping("/v1/consumers/{consumerId}/history")
	HistoryAnswer history(@PathVariable String consumerId, @RequestParam(required = false) String debtId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
		return new HistoryAnswer(consumerId, events.list(consumerId, debtId, from, to));
	}

	record EventAnswer(String eventId, String status) {
	}

	record HistoryAnswer(String consumerId, List<HistoryEntry> events) {
	}

}
