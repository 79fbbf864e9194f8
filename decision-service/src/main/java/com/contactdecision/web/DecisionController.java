package com.contactdecision.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.contactdecision.decision.BatchDecisions;
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

	private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
	};

	private final DecisionService decisions;

	private final BatchDecisions batches;

	private final ObjectMapper json;

	DecisionController(DecisionService decisions, BatchDecisions batches, ObjectMapper json) {
		this.decisions = decisions;
		this.batches = batches;
		this.json = json;
	}

	@Operation(summary = "May we contact this person now, on this channel, with this message?")
	@ApiResponse(responseCode = "200", description = "ALLOW or DENY")
	@ApiResponse(responseCode = "409", description = "the requestId was used for a different request; nothing decided")
	@ApiResponse(responseCode = "503",
			description = "the service cannot know (store unavailable): problem+json with Retry-After whose body is "
					+ "still a DENY with COUNTER_STORE_UNAVAILABLE")
	@PostMapping("/v1/decisions")
	ResponseEntity<Object> decide(@RequestBody ContactRequest request) {
		Decision d = decisions.decide(scoped(request));
		if (DecisionService.isFailClosed(d)) {
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.header(HttpHeaders.RETRY_AFTER, ProblemHandler.RETRY_AFTER_SECONDS)
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(outage(d));
		}
		return ResponseEntity.ok(d);
	}

	/**
	 * A key scoped to a collector decides for that collector only (CONTRACT section 7).
	 */
	private static ContactRequest scoped(ContactRequest r) {
		String collectorId = Caller.collectorFor(r.collectorId());
		return java.util.Objects.equals(collectorId, r.collectorId()) ? r
				: new ContactRequest(r.requestId(), collectorId, r.consumerId(), r.debtIds(), r.channel(),
						r.destination(), r.recipient(), r.dialMode(), r.purpose(), r.message(), r.inResponseTo(),
						r.consumer(), r.mode(), r.at());
	}

	@Operation(summary = "Decide up to 10 000 requests, in order, each as if sent alone; an item that could not be "
			+ "decided carries the problem (status 503 or 409) a request sent alone would get")
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
		// One deadline for the whole batch: items it does not reach in time fail closed,
		// so a batch holds a worker for at most Limits.BATCH_BUDGET however large and
		// however slow its store.
		long deadline = System.nanoTime() + Limits.BATCH_BUDGET.toNanos();
		List<ContactRequest> scoped = batch.requests().stream().map(DecisionController::scoped).toList();
		List<BatchDecisions.Answer> decided = batches.decide(scoped, deadline);
		List<Object> answers = new ArrayList<>(decided.size());
		for (int i = 0; i < decided.size(); i++) {
			BatchDecisions.Answer a = decided.get(i);
			if (a.conflict() != null) {
				answers.add(ProblemHandler.conflict(a.conflict(), "requests[" + i + "].requestId").getBody());
			}
			else {
				Decision d = a.decision();
				answers.add(DecisionService.isFailClosed(d) ? outage(d) : d);
			}
		}
		return new BatchResponse(answers);
	}

	@Operation(summary = "A past decision, exactly as it was answered")
	@GetMapping("/v1/decisions/{decisionId}")
	Decision find(@PathVariable String decisionId) {
		return decisions.find(Validation.requireId("decisionId", decisionId))
			.orElseThrow(() -> new NotFoundException("decision"));
	}

	/**
	 * A fail-closed decision as problem+json (CONTRACT section 5): the problem's members
	 * first, then every field of the decision, so a client that reads only the status and
	 * one that reads only the outcome both refrain.
	 */
	Map<String, Object> outage(Decision d) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", ProblemHandler.UNAVAILABLE.toString());
		body.put("title", "Store unavailable");
		body.put("status", HttpStatus.SERVICE_UNAVAILABLE.value());
		body.put("detail", "contact history could not be read or written in time; nothing was reserved; "
				+ "do not contact, retry after " + ProblemHandler.RETRY_AFTER_SECONDS + " s");
		body.putAll(json.convertValue(d, FIELDS));
		return body;
	}

	record BatchRequest(List<ContactRequest> requests) {
	}

	/**
	 * Each item is a decision, or the problem+json body its request would have been
	 * answered alone.
	 */
	record BatchResponse(List<Object> decisions) {
	}

}
