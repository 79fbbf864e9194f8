package com.contactdecision.facts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A cheap test that rules a content pattern out before its regular expression runs: the
 * literal words at least one of which every match of the expression contains (for
 * {@code \b(reply|text)\s+stop\b}: "stop"). A text that contains none of them cannot
 * match, and most texts contain none of most patterns' words, so most of the regular
 * expressions of a message never run. Derived mechanically from the expression, never
 * written by hand, and conservative: anything this reader does not fully understand
 * (lookarounds, back references, inline flags, quoting, character classes as words)
 * contributes no word, and an expression without a word it can prove gets no pre-screen
 * at all (the regular expression always runs).
 * <p>
 * Comparison is case-insensitive the way {@code CASE_INSENSITIVE | UNICODE_CASE} is:
 * characters are compared as {@code toLowerCase(toUpperCase(c))}, so a long s or a Kelvin
 * sign in the text still finds "s" and "k".
 */
final class RequiredLiterals {

	private final String regex;

	private int pos;

	private RequiredLiterals(String regex) {
		this.regex = regex;
	}

	/**
	 * The folded words of which every match contains at least one, or null when none can
	 * be proved.
	 */
	static List<String> of(String regex) {
		try {
			RequiredLiterals r = new RequiredLiterals(regex);
			Set<String> words = r.alternation();
			if (r.pos != regex.length() || words == null || words.isEmpty() || words.contains("")) {
				return null;
			}
			return List.copyOf(words);
		}
		catch (Unsupported e) {
			return null;
		}
	}

	/** Whether the text contains at least one of the (folded) words. */
	static boolean anyIn(String text, List<String> words) {
		for (String w : words) {
			if (containsFolded(text, w)) {
				return true;
			}
		}
		return false;
	}

	static char fold(char c) {
		return Character.toLowerCase(Character.toUpperCase(c));
	}

	private static boolean containsFolded(String text, String word) {
		int n = text.length() - word.length();
		char first = word.charAt(0);
		for (int i = 0; i <= n; i++) {
			if (fold(text.charAt(i)) != first) {
				continue;
			}
			int j = 1;
			while (j < word.length() && fold(text.charAt(i + j)) == word.charAt(j)) {
				j++;
			}
			if (j == word.length()) {
				return true;
			}
		}
		return false;
	}

	/** Branches separated by |: every branch must have words; their union. */
	private Set<String> alternation() {
		Set<String> union = new LinkedHashSet<>();
		boolean known = true;
		while (true) {
			Set<String> branch = sequence();
			if (branch == null) {
				known = false;
			}
			else {
				union.addAll(branch);
			}
			if (pos < regex.length() && regex.charAt(pos) == '|') {
				pos++;
				continue;
			}
			return known ? union : null;
		}
	}

	/**
	 * Items in a row: each mandatory item's words would do for the whole; runs of
	 * mandatory literal characters make one word. The most selective candidate wins (the
	 * one whose shortest word is longest).
	 */
	private Set<String> sequence() {
		List<Set<String>> candidates = new ArrayList<>();
		StringBuilder run = new StringBuilder();
		while (pos < regex.length() && regex.charAt(pos) != '|' && regex.charAt(pos) != ')') {
			char c = regex.charAt(pos);
			Character literal = null;
			Set<String> words = null;
			if (c == '(') {
				pos++;
				if (regex.startsWith("?:", pos)) {
					pos += 2;
				}
				else if (pos < regex.length() && regex.charAt(pos) == '?') {
					throw new Unsupported();
				}
				words = alternation();
				expect(')');
			}
			else if (c == '[') {
				skipClass();
			}
			else if (c == '\\') {
				literal = escape();
			}
			else if (c == '.' || c == '^' || c == '$') {
				pos++;
			}
			else if (c == '*' || c == '+' || c == '?' || c == '{') {
				throw new Unsupported();
			}
			else {
				pos++;
				literal = c;
			}
			int min = quantifierMin();
			boolean single = min == 1 && !repeats();
			if (literal != null && single) {
				run.append(fold(literal));
				skipQuantifier();
				continue;
			}
			flush(run, candidates);
			if (literal != null && min >= 1) {
				// a repeated literal: at least one occurrence
				candidates.add(Set.of(String.valueOf(fold(literal))));
			}
			else if (words != null && min >= 1) {
				candidates.add(words);
			}
			skipQuantifier();
		}
		flush(run, candidates);
		Set<String> best = null;
		for (Set<String> candidate : candidates) {
			if (best == null || shortest(candidate) > shortest(best)) {
				best = candidate;
			}
		}
		return best;
	}

	private static void flush(StringBuilder run, List<Set<String>> candidates) {
		if (run.length() > 0) {
			candidates.add(Set.of(run.toString()));
			run.setLength(0);
		}
	}

	private static int shortest(Set<String> words) {
		return words.stream().mapToInt(String::length).min().orElse(0);
	}

	/**
	 * An escape: the literal character it stands for, or null for a class or a zero-width
	 * assertion.
	 */
	private Character escape() {
		pos++;
		if (pos >= regex.length()) {
			throw new Unsupported();
		}
		char e = regex.charAt(pos++);
		if ("bBwWsSdDhHvVRX".indexOf(e) >= 0) {
			return null;
		}
		if (".\\/-[](){}*+?|^$#&\"'@:%!,;=<>~`".indexOf(e) >= 0) {
			return e;
		}
		// \Q, \p{..}, back references, octal, hex, \n and the rest: not read here
		throw new Unsupported();
	}

	private void skipClass() {
		pos++;
		if (pos < regex.length() && regex.charAt(pos) == '^') {
			pos++;
		}
		if (pos < regex.length() && regex.charAt(pos) == ']') {
			pos++;
		}
		while (pos < regex.length() && regex.charAt(pos) != ']') {
			char c = regex.charAt(pos);
			if (c == '[' || c == '&') {
				throw new Unsupported();
			}
			pos += c == '\\' ? 2 : 1;
		}
		expect(']');
	}

	/**
	 * The minimum count of the quantifier at pos (1 when there is none), not consumed.
	 */
	private int quantifierMin() {
		if (pos >= regex.length()) {
			return 1;
		}
		char q = regex.charAt(pos);
		if (q == '?' || q == '*') {
			return 0;
		}
		if (q == '+') {
			return 1;
		}
		if (q == '{') {
			int end = regex.indexOf('}', pos);
			if (end < 0) {
				throw new Unsupported();
			}
			String body = regex.substring(pos + 1, end);
			String min = body.contains(",") ? body.substring(0, body.indexOf(',')) : body;
			try {
				return Integer.parseInt(min.strip());
			}
			catch (NumberFormatException e) {
				throw new Unsupported();
			}
		}
		return 1;
	}

	/** Whether the item at pos may repeat (a quantifier other than none). */
	private boolean repeats() {
		return pos < regex.length() && "?*+{".indexOf(regex.charAt(pos)) >= 0;
	}

	private void skipQuantifier() {
		if (pos >= regex.length()) {
			return;
		}
		char q = regex.charAt(pos);
		if (q == '{') {
			pos = regex.indexOf('}', pos) + 1;
		}
		else if (q == '?' || q == '*' || q == '+') {
			pos++;
		}
		else {
			return;
		}
		// lazy or possessive
		if (pos < regex.length() && (regex.charAt(pos) == '?' || regex.charAt(pos) == '+')) {
			pos++;
		}
	}

	private void expect(char c) {
		if (pos >= regex.length() || regex.charAt(pos) != c) {
			throw new Unsupported();
		}
		pos++;
	}

	/** An expression this reader does not prove anything about. */
	private static final class Unsupported extends RuntimeException {

		Unsupported() {
			super(null, null, false, false);
		}

	}

}
