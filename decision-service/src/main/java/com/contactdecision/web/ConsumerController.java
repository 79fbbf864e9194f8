package com.contactdecision.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.contactdecision.validation.InvalidRequestException;
import com.contactdecision.validation.Validation;
import com.contactdecision.facts.Consent;
import com.contactdecision.facts.ConsumerProfile;
import com.contactdecision.profiles.ConsumerRecords;
import com.contactdecision.profiles.InboundResult;
import com.contactdecision.profiles.OptOutReplies;
import com.contactdecision.profiles.InboundSms;
import com.contactdecision.profiles.ProfileStore;
import com.contactdecision.security.Caller;

@Tag(name = "Consumers", description = "What is known of the person (CONTRACT section 3)")
@RestController
class ConsumerController {

	private final ConsumerRecords records;

	private final ProfileStore store;

	ConsumerController(ConsumerRecords records, ProfileStore store) {
		this.records = records;
		this.store = store;
	}

	@Operation(summary = "Replace the profile: 201 when new, 200 when replaced")
	@PutMapping("/v1/consumers/{consumerId}/profile")
	ResponseEntity<ConsumerProfile> putProfile(@PathVariable String consumerId, @RequestBody ConsumerProfile profile) {
		if (profile == null) {
			throw new InvalidRequestException("body", "a profile is required");
		}
		boolean replaced = records.putProfile(Validation.requireId("consumerId", consumerId), profile);
		return ResponseEntity.status(replaced ? HttpStatus.OK : HttpStatus.CREATED).body(profile);
	}

	@GetMapping("/v1/consumers/{consumerId}/profile")
	ConsumerProfile profile(@PathVariable String consumerId) {
		return store.profile(Validation.requireId("consumerId", consumerId))
			.orElseThrow(() -> new NotFoundException("profile"));
	}

	@Operation(summary = "Append a consent record; for the same kind, channel and destination the latest wins")
	@PostMapping("/v1/consumers/{consumerId}/consents")
	ResponseEntity<Consent> addConsent(@PathVariable String consumerId, @RequestBody Consent consent) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(records.addConsent(Validation.requireId("consumerId", consumerId), consent));
	}

	@Operation(summary = "Every consent record of the consumer, in the order received")
	@GetMapping("/v1/consumers/{consumerId}/consents")
	List<Consent> consents(@PathVariable String consumerId) {
		return store.consents(Validation.requireId("consumerId", consumerId));
	}

	@Operation(
			summary = "An inbound text, read with the opt-out reply table: a revocation (REVOKED, or REVOKED_NEEDS_REVIEW when its meaning is unclear) revokes consent and opts the number out of texts. "
					+ "Which consumers hold the number is answered only to a caller that may read profiles "
					+ "(INTEGRATION, ADMIN); a dialler learns how many")
	@PostMapping("/v1/inbound/sms")
	InboundAnswer inboundSms(@RequestBody InboundSms sms) {
		InboundResult r = records.inboundSms(sms);
		return new InboundAnswer(r.eventId(), r.optOut(), r.keyword(),
				Caller.mayReadProfiles() ? r.affectedConsumers() : null, r.affectedConsumers().size(), r.reading(),
				r.matched(), r.rules(), r.clarifyBefore());
	}

	/**
	 * {@code affectedConsumers} is null for a caller that may not learn who holds a
	 * number; the rest is {@link InboundResult}'s reading.
	 */
	record InboundAnswer(String eventId, boolean optOut, String keyword, List<String> affectedConsumers,
			int affectedCount, OptOutReplies.Reading reading, List<String> matched, List<String> rules,
			java.time.Instant clarifyBefore) {
	}

	@Operation(summary = "Erase the person: profile, numbers and addresses go; what stops contact (cease, attorney, "
			+ "holds, opt-outs, revocations) stays and still decides, with history, consents and decisions, "
			+ "pseudonymised with a keyed hash")
	@DeleteMapping("/v1/consumers/{consumerId}")
	ResponseEntity<Void> erase(@PathVariable String consumerId) {
		records.erase(Validation.requireId("consumerId", consumerId));
		return ResponseEntity.noContent().build();
	}

}
