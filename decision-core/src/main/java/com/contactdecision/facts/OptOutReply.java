package com.contactdecision.facts;

import java.util.List;

/**
 * One row of an opt-out reply table ({@code *-replies.csv}): words or phrases that, in a
 * consumer's reply to a text, revoke consent, leave a revocation's meaning clear, are not
 * a revocation, or mark a phone's reaction that quotes the sender's own message.
 * Compliance officers own these rows; the classifier ({@code profiles.OptOutReplies})
 * only says how each kind is read. Immutable.
 *
 * @param language the language of the words ({@code en}, {@code es}): documentation only,
 * every row applies to every reply (a Spanish speaker may answer "STOP")
 * @param words the words or phrases, separated by {@code |}, matched as whole words in
 * any case, with accents, punctuation and emoji ignored
 */
public record OptOutReply(String id, boolean enabled, String language, Kind kind, List<String> words, String citation) {

	public OptOutReply {
		if (id == null || id.isBlank()) {
			throw new IllegalArgumentException("column id: a row needs an id");
		}
		if (kind == null) {
			throw new IllegalArgumentException("column kind: required");
		}
		words = Lists.of(words);
		if (words.isEmpty() || words.stream().anyMatch(String::isBlank)) {
			throw new IllegalArgumentException("column words: at least one word, none empty");
		}
	}

	/** How a row's words are read. Wire values. */
	public enum Kind {

		/**
		 * A revocation: alone, or with only FILLER words, it revokes clearly; in a longer
		 * sentence it revokes and is marked for review.
		 */
		REVOKE,

		/**
		 * Words that, next to a REVOKE word, leave its meaning clear ("please",
		 * "texting", "these").
		 */
		FILLER,

		/**
		 * Words that are not a revocation (UNSTOP, START, YES, "don't stop"): read before
		 * the REVOKE words, so a phrase here is never read as one; next to a revocation
		 * word they make the reply one to review.
		 */
		NOT_REVOKE,

		/**
		 * A phone's message reaction ("Emphasized", "Laughed at") followed by the quoted
		 * text it reacts to: the quoted words are the sender's, not the consumer's, and
		 * are not read.
		 */
		REACTION

	}

}
