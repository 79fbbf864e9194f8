package com.contactdecision.profiles;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.contactdecision.facts.OptOutReply;

/**
 * Reads a consumer's reply to a text as the FCC's 2024 order asks (47 CFR
 * 64.1200(a)(10)): a reply using words such as stop, quit, end, revoke, opt out, cancel
 * or unsubscribe revokes consent, and so does other wording a reasonable person would
 * read as a revocation. The words are the rule set's opt-out reply table
 * ({@link OptOutReply}), so a compliance officer changes them without Java.
 * <p>
 * Case, accents, spacing, line breaks, punctuation and emoji are ignored; words are
 * matched whole (UNSTOP is not STOP). A reply that is a revocation word with at most
 * FILLER words ("Stop!", "please stop texting", "cancel these") is
 * {@link Reading#REVOKED}. One that carries a revocation word inside a longer sentence is
 * still a revocation, on the conservative side (a wrong opt-out costs one text, a missed
 * one a lawsuit), but {@link Reading#REVOKED_NEEDS_REVIEW}. A reply that is only a
 * NOT_REVOKE word (START, YES) is {@link Reading#NONE}, as is a phone's reaction quoting
 * the sender's own text ("Emphasized “Reply STOP to opt out”"): the word is the sender's.
 * Thread-safe; a table is compiled once.
 */
public final class OptOutReplies {

	/**
	 * The per se reasonable words of 64.1200(a)(10) and the contract's keywords: what is
	 * read when the rule set has no opt-out reply table in force, so that no
	 * rule-directory mistake can make a STOP stop revoking.
	 */
	public static final List<OptOutReply> STATUTORY = List
		.of(new OptOutReply("statutory-keywords", true, "en", OptOutReply.Kind.REVOKE,
				List.of("stop", "stopall", "quit", "end", "revoke", "opt out", "optout", "cancel", "unsubscribe"),
				"47 CFR 64.1200(a)(10)"));

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	private static final Pattern APOSTROPHES = Pattern.compile("['’`´]");

	private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

	/**
	 * An opening quote after a reaction word and a closing one at the end: the quoted
	 * message.
	 */
	private static final String OPEN = "[\"“„«]";

	private static final String CLOSE = "[\"”»]";

	/** How a reply was read. Wire values. */
	public enum Reading {

		/** A clear revocation. */
		REVOKED,

		/**
		 * A revocation word inside a sentence whose meaning is unclear: revoked, and
		 * marked for review.
		 */
		REVOKED_NEEDS_REVIEW,

		/** Not a revocation. */
		NONE

	}

	/**
	 * What a reply was read as.
	 *
	 * @param matched the revocation words found, upper case as the table spells them
	 * (empty for NONE)
	 * @param rows the ids of the table rows that decided the reading
	 */
	public record Result(Reading reading, List<String> matched, List<String> rows) {

		public boolean revokes() {
			return reading != Reading.NONE;
		}

	}

	private OptOutReplies() {
	}

	/**
	 * Reads a reply with the rows in force; with no REVOKE row among them, with
	 * {@link #STATUTORY}.
	 */
	public static Result read(String text, List<OptOutReply> table) {
		Compiled c = compiled(table);
		String folded = fold(text == null ? "" : text);
		for (Reaction r : c.reactions) {
			if (r.pattern.matcher(folded).matches()) {
				return new Result(Reading.NONE, List.of(), List.of(r.row));
			}
		}
		String[] tokens = tokens(folded);
		if (tokens.length == 0) {
			return new Result(Reading.NONE, List.of(), List.of());
		}
		boolean[] covered = new boolean[tokens.length];
		// Not-revoke phrases first, so that "don't stop" is never read as "stop".
		Set<String> notRevokeRows = new LinkedHashSet<>();
		for (Phrase p : c.notRevoke) {
			if (cover(tokens, covered, p.tokens)) {
				notRevokeRows.add(p.row);
			}
		}
		Set<String> matched = new LinkedHashSet<>();
		Set<String> rowIds = new LinkedHashSet<>();
		for (Phrase p : c.revoke) {
			if (cover(tokens, covered, p.tokens)) {
				matched.add(p.spelling.toUpperCase(Locale.ROOT));
				rowIds.add(p.row);
			}
		}
		if (matched.isEmpty()) {
			return new Result(Reading.NONE, List.of(), List.copyOf(notRevokeRows));
		}
		for (Phrase p : c.filler) {
			if (cover(tokens, covered, p.tokens)) {
				rowIds.add(p.row);
			}
		}
		if (allCovered(covered) && notRevokeRows.isEmpty()) {
			return new Result(Reading.REVOKED, List.copyOf(matched), List.copyOf(rowIds));
		}
		rowIds.addAll(notRevokeRows);
		return new Result(Reading.REVOKED_NEEDS_REVIEW, List.copyOf(matched), List.copyOf(rowIds));
	}

	/**
	 * A table folded and compiled once: rule sets change rarely, replies arrive often.
	 */
	private record Compiled(List<Reaction> reactions, List<Phrase> notRevoke, List<Phrase> revoke,
			List<Phrase> filler) {
	}

	private record Reaction(String row, Pattern pattern) {
	}

	/**
	 * A few tables at most are in use (the active rule set's, a reload's); more and the
	 * cache starts over.
	 */
	private static final Map<List<OptOutReply>, Compiled> COMPILED = new ConcurrentHashMap<>();

	private static Compiled compiled(List<OptOutReply> table) {
		Compiled c = COMPILED.get(table);
		if (c != null) {
			return c;
		}
		if (COMPILED.size() > 16) {
			COMPILED.clear();
		}
		List<OptOutReply> rows = table.stream().filter(OptOutReply::enabled).toList();
		if (rows.stream().noneMatch(r -> r.kind() == OptOutReply.Kind.REVOKE)) {
			rows = new ArrayList<>(rows);
			rows.addAll(STATUTORY);
		}
		List<Reaction> reactions = new ArrayList<>();
		for (OptOutReply r : rows) {
			if (r.kind() == OptOutReply.Kind.REACTION) {
				r.words().forEach(w -> reactions.add(new Reaction(r.id(), reaction(fold(w)))));
			}
		}
		c = new Compiled(List.copyOf(reactions), phrases(rows, OptOutReply.Kind.NOT_REVOKE),
				phrases(rows, OptOutReply.Kind.REVOKE), phrases(rows, OptOutReply.Kind.FILLER));
		COMPILED.put(List.copyOf(table), c);
		return c;
	}

	/**
	 * Lower case, compatibility forms, no accents, no apostrophes: "Don’t" and "dont",
	 * "más" and "mas" are one word.
	 */
	static String fold(String s) {
		String n = Normalizer.normalize(s, Normalizer.Form.NFKD);
		n = MARKS.matcher(n).replaceAll("");
		n = APOSTROPHES.matcher(n).replaceAll("");
		return n.toLowerCase(Locale.ROOT).strip();
	}

	private static String[] tokens(String folded) {
		return Arrays.stream(NOT_WORD.split(folded)).filter(t -> !t.isEmpty()).toArray(String[]::new);
	}

	/**
	 * A reaction word, at most a few characters (an emoji, "to"), then a quoted message
	 * to the end: Apple's "Emphasized “…”", Android's "Reacted 👍 to “…”". Quotes are
	 * folded like the text, so curly and straight quotes both count; the apostrophes
	 * removed by folding do not.
	 */
	private static Pattern reaction(String word) {
		return Pattern.compile(
				"^" + Pattern.quote(word) + "(?![\\p{L}\\p{N}])[^\"“”„«»]{0,24}" + OPEN + ".*" + CLOSE + "$",
				Pattern.DOTALL);
	}

	private record Phrase(String row, String spelling, String[] tokens) {
	}

	/**
	 * The row's phrases, longest first, so "opt out" is matched before "out" could be.
	 */
	private static List<Phrase> phrases(List<OptOutReply> rows, OptOutReply.Kind kind) {
		List<Phrase> phrases = new ArrayList<>();
		for (OptOutReply r : rows) {
			if (r.kind() == kind) {
				for (String w : r.words()) {
					String[] t = tokens(fold(w));
					if (t.length > 0) {
						phrases.add(new Phrase(r.id(), w.strip(), t));
					}
				}
			}
		}
		phrases.sort(Comparator.comparingInt((Phrase p) -> -p.tokens.length));
		return phrases;
	}

	/**
	 * Marks every occurrence of the phrase among tokens not yet covered; true when there
	 * was one.
	 */
	private static boolean cover(String[] tokens, boolean[] covered, String[] phrase) {
		boolean found = false;
		for (int i = 0; i + phrase.length <= tokens.length; i++) {
			boolean match = true;
			for (int j = 0; j < phrase.length && match; j++) {
				match = !covered[i + j] && tokens[i + j].equals(phrase[j]);
			}
			if (match) {
				for (int j = 0; j < phrase.length; j++) {
					covered[i + j] = true;
				}
				found = true;
			}
		}
		return found;
	}

	private static boolean allCovered(boolean[] flags) {
		for (boolean f : flags) {
			if (!f) {
				return false;
			}
		}
		return true;
	}

}
