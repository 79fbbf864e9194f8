package com.contactdecision.decision;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import tools.jackson.core.JacksonException;

import com.contactdecision.facts.Channel;
import com.contactdecision.facts.Destination;
import com.contactdecision.facts.DialMode;
import com.contactdecision.facts.Message;
import com.contactdecision.facts.Purpose;
import com.contactdecision.facts.Recipient;
import com.contactdecision.json.Json;

/**
 * What a requestId is bound to: a hash of the fields that decide the answer (CONTRACT
 * section 1: collector, consumer, debts, channel, destination, recipient, dial mode,
 * purpose, mode, message). Defaults are applied first and debts are a set, so a retry
 * that spells a default out or lists the debts in another order is the same request.
 * {@code at}, {@code inResponseTo} and {@code consumer} facts are left out: a retry sent
 * later without {@code at} is still the same request.
 */
public final class RequestFingerprint {

	/** The canonical form hashed; its JSON field order is fixed by the record. */
	private record Canonical(String collectorId, String consumerId, List<String> debtIds, Channel channel,
			Destination destination, Recipient recipient, DialMode dialMode, Purpose purpose, Mode mode,
			Message message) {
	}

	private RequestFingerprint() {
	}

	/**
	 * A hex SHA-256 of the request's deciding fields, for the collector it is decided
	 * for.
	 */
	public static String of(ContactRequest req, String collectorId) {
		Canonical c = new Canonical(collectorId, req.consumerId(), req.debtIds().stream().distinct().sorted().toList(),
				req.channel(), req.destinationOrNone(), req.recipientOrDefault(), req.dialModeOrDefault(),
				req.purposeOrDefault(), req.modeOrDefault(),
				req.message() == null ? new Message(null, null) : req.message());
		try {
			byte[] canonical = Json.store().writeValueAsBytes(c);
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
		}
		catch (JacksonException e) {
			throw new IllegalStateException("a request's deciding fields are plain data", e);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is required of every JVM", e);
		}
	}

}
