package com.contactdecision.security;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.contactdecision.validation.InvalidRequestException;
import com.contactdecision.validation.Validation;

@Tag(name = "API keys", description = "Who may call what (CONTRACT section 7); ADMIN only")
@RestController
class ApiKeyController {

	private final ApiKeys keys;

	private final Clock clock;

	ApiKeyController(ApiKeys keys, Clock clock) {
		this.keys = keys;
		this.clock = clock;
	}

	@Operation(summary = "Create a key: 201 with the key itself, shown this once and stored only as a keyed hash")
	@PostMapping("/v1/api-keys")
	ResponseEntity<NewKey> create(@RequestBody KeyRequest request) {
		if (request == null) {
			throw new InvalidRequestException("body", "a key request is required");
		}
		Validation v = new Validation();
		v.require("name", request.name()).maxLength("name", request.name(), 200).require("role", request.role());
		if (request.role() == Role.DIALLER) {
			// A dialler decides for one collector only, so its key must say which.
			v.require("collectorId", request.collectorId());
		}
		v.throwIfInvalid();
		if (request.expiresAt() != null && !request.expiresAt().isAfter(clock.instant())) {
			throw new InvalidRequestException("expiresAt", "must be in the future");
		}
		ApiKeys.Created created = keys.create(request.name(), request.role(), request.collectorId(),
				request.expiresAt());
		ApiKey r = created.record();
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(new NewKey(r.id(), created.key(), r.name(), r.role(), r.collectorId(), r.createdAt(), r.expiresAt()));
	}

	@Operation(summary = "Every stored key, without the keys themselves")
	@GetMapping("/v1/api-keys")
	KeyList list() {
		return new KeyList(keys.list()
			.stream()
			.map(k -> new Listed(k.id(), k.name(), k.role(), k.collectorId(), k.createdAt(), k.expiresAt()))
			.toList());
	}

	@Operation(summary = "Revoke a key: 204; it stops at once here and within key-cache-ttl (1 s) everywhere")
	@DeleteMapping("/v1/api-keys/{id}")
	ResponseEntity<Void> revoke(@PathVariable String id) {
		return keys.revoke(id) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
	}

	record KeyRequest(String name, Role role, String collectorId, Instant expiresAt) {
	}

	record NewKey(String id, String key, String name, Role role, String collectorId, Instant createdAt,
			Instant expiresAt) {
	}

	record Listed(String id, String name, Role role, String collectorId, Instant createdAt, Instant expiresAt) {
	}

	record KeyList(List<Listed> apiKeys) {
	}

}
