package com.contactdecision.web;

import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.contactdecision.validation.InvalidRequestException;
import com.contactdecision.validation.Limits;
import com.contactdecision.validation.Validation;
import com.contactdecision.facts.Collector;
import com.contactdecision.facts.Debt;
import com.contactdecision.profiles.ProfileStore;

@Tag(name = "Debts and collectors", description = "CONTRACT sections 3 and 4")
@RestController
class DebtController {

	private final ProfileStore store;

	DebtController(ProfileStore store) {
		this.store = store;
	}

	@PutMapping("/v1/debts/{debtId}")
	ResponseEntity<Debt> putDebt(@PathVariable String debtId, @RequestBody Debt debt) {
		if (debt == null) {
			throw new InvalidRequestException("body", "a debt is required");
		}
		new Validation().require("debtId", debtId)
			.id("debtId", debtId)
			.id("consumerId", debt.consumerId())
			.maxLength("servicingAccount", debt.servicingAccount(), Validation.MAX_ID_LENGTH)
			.maxLength("creditor", debt.creditor(), Limits.MAX_TEXT)
			.throwIfInvalid();
		Debt stored = debt.withId(debtId);
		return ResponseEntity.status(store.putDebt(stored) ? HttpStatus.OK : HttpStatus.CREATED).body(stored);
	}

	@GetMapping("/v1/debts/{debtId}")
	Debt debt(@PathVariable String debtId) {
		return store.debt(Validation.requireId("debtId", debtId)).orElseThrow(() -> new NotFoundException("debt"));
	}

	@PutMapping("/v1/collectors/{collectorId}")
	ResponseEntity<Collector> putCollector(@PathVariable String collectorId, @RequestBody Collector collector) {
		if (collector == null) {
			throw new InvalidRequestException("body", "a collector is required");
		}
		Validation.requireId("collectorId", collectorId);
		Collector stored = collector.withId(collectorId);
		return ResponseEntity.status(store.putCollector(stored) ? HttpStatus.OK : HttpStatus.CREATED).body(stored);
	}

	@GetMapping("/v1/collectors/{collectorId}")
	Collector collector(@PathVariable String collectorId) {
		return store.collector(Validation.requireId("collectorId", collectorId))
			.orElseThrow(() -> new NotFoundException("collector"));
	}

}
