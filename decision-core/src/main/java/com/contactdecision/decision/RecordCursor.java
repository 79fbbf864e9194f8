package com.contactdecision.decision;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import com.contactdecision.validation.InvalidRequestException;

/**
 * The position after which the next page starts, newest first: the last record's instant
 * and id. Opaque to clients (base64url); a cursor that does not decode is a 400 on
 * {@code cursor}.
 */
public record RecordCursor(Instant at, String decisionId) {

	public String encode() {
		String raw = at.getEpochSecond() + ":" + at.getNano() + ":" + decisionId;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	public static RecordCursor decode(String cursor) {
		try {
			String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			String[] parts = raw.split(":", 3);
			return new RecordCursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
					parts[2]);
		}
		catch (RuntimeException e) {
			throw new InvalidRequestException("cursor", "not a cursor this service issued");
		}
	}

	/** True when {@code r} comes after this position, newest first. */
	public boolean before(DecisionRecord r) {
		int c = r.decision().at().compareTo(at);
		return c < 0 || (c == 0 && r.decisionId().compareTo(decisionId) < 0);
	}

}
