package com.contactdecision.web;

import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.contactdecision.decision.ContactRequest;
import com.contactdecision.decision.Decision;
import com.contactdecision.decision.DecisionService;
import com.contactdecision.security.Caller;
import com.contactdecision.validation.InvalidRequestException;
import com.contactdecision.validation.Limits;
import com.contactdecision.validation.Validation;

@Tag(name = "Decisions", description = "Ask before contacting (CONTRACT section 1)")
@RestController
class DecisionController {

	/** CONTRACT section 1: a batch holds up to 10 000 requests. */
	static final int MAX_BATCH = Limits.MAX_BATCH;

	private final DecisionService decisions;

	DecisionController(DecisionService decisions) {
		this.decisions = decisions;
	}

	@Operation(summary = "May we contact this person now, on this channel, with this message?")
	@PostMapping("/v1/decisions")
	Decision decide(@RequestBody ContactRequest request) {
		return decisions.decide(scoped(request));
	}

	/** A key scoped to a collector decides for that collector only (CONTRACT section 7). */
	private static ContactRequest scoped(ContactRequest r) {
		String collectorId = Caller.collectorFor(r.collectorId());
		return java.util.Objects.equals(collectorId, r.collectorId()) ? r
				: new ContactRequest(r.requestId(), collectorId, r.consumerId(), r.debtIds(), r.channel(),
						r.destination(), r.recipient(), r.dialMode(), r.purpose(), r.message(), r.inResponseTo(),
						r.consumer(), r.mode(), r.at());
	}

	@Operation(summary = "Decide up to 10 000 requests, in order, each as if sent alone")
	@PostMapping("/v1/decisions:batch")
	BatchResponse decideBatch(@RequestBody BatchRequest batch) {
		if (batch.requests() == null) {
			throw new InvalidRequestException("requests", "is required");
		}
		if (batch.requests().size() > MAX_BATCH) {
			throw new InvalidRequestException("requests", "at most " + MAX_BATCH + " requests in one batch");
		}
		// Every request is checked before any is decided, so a bad one reserves nothing.
		for (int i = 0; i < batch.requests().size(); i++) {
			ContactRequest r = batch.requests().get(i);
			if (r == null) {
				throw new InvalidRequestException("requests[" + i + "]", "must not be null");
			}
			DecisionService.validate(r, "requests[" + i + "].");
		}
		List<Decision> answers = new ArrayList<>(batch.requests().size());
		// One deadline for the whole batch: items it does not reach in time fail closed, so a batch
		// holds a worker for at most Limits.BATCH_BUDGET however large and however slow its store.
		long deadline = System.nanoTime() + Limits.BATCH_BUDGET.toNanos();
		List<ContactRequest> scoped = batch.requests().stream().map(DecisionController::scoped).toList();
		for (ContactRequest r : scoped) {
			long itemDeadline = System.nanoTime() + Limits.DECISION_BUDGET.toNanos();
			answers.add(decisions.decide(r, itemDeadline - deadline < 0 ? itemDeadline : deadline));
		}
		return new BatchResponse(answers);
	}

	@Operation(summary = "A past decision, exactly as it was answered")
	@GetMapping("/v1/decisions/{decisionId}")
	Decision find(@PathVariable String decisionId) {
		return decisions.find(Validation.requireId("decisionId", decisionId))
			.orElseThrow(() -> new NotFoundException("decision"));
	}

	record BatchRequest(List<ContactRequest> requests) {
	}

	record BatchResponse(List<Decision> decisions) {
	}

}
