package com.contactdecision.facts;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One row of a content-pattern table ({@code *-patterns.csv}): a case-insensitive regular
 * expression that is evidence of a {@link ContentCheck} in a message's text (and email
 * subject). Compliance officers add, disable and reword these rows; the content rules
 * only say how each check is read. A pattern that is not a valid regular expression is
 * refused when the table is loaded. Immutable and thread-safe (compiled patterns are
 * cached by their source).
 */
public record ContentPattern(String id, boolean enabled, ContentCheck check, String pattern, String description) {

	private static final Map<String, Compiled> COMPILED = new ConcurrentHashMap<>();

	public ContentPattern {
		if (id == null || id.isBlank()) {
			throw new IllegalArgumentException("column id: a pattern needs an id");
		}
		if (check == null) {
			throw new IllegalArgumentException("column check: required");
		}
		if (pattern == null || pattern.isBlank()) {
			throw new IllegalArgumentException("column pattern: required");
		}
		compile(pattern);
	}

	private static Pattern compile(String regex) {
		try {
			return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
		}
		catch (PatternSyntaxException e) {
			throw new IllegalArgumentException(
					"column pattern: '" + regex + "' is not a valid regular expression: " + e.getDescription());
		}
	}

	public Pattern compiled() {
		return compiledWithWords().pattern();
	}

	private Compiled compiledWithWords() {
		return COMPILED.computeIfAbsent(pattern, p -> new Compiled(compile(p), RequiredLiterals.of(p)));
	}

	/**
	 * The words of which every match contains one ({@link RequiredLiterals}), or null
	 * when the expression has none that can be proved.
	 */
	List<String> requiredWords() {
		return compiledWithWords().words();
	}

	/** Whether the pattern occurs in a piece of text (false for null). */
	public boolean foundIn(String text) {
		if (text == null) {
			return false;
		}
		Compiled c = compiledWithWords();
		// A text without any of the words every match contains cannot match: most
		// patterns are ruled out for most messages without running the expression.
		return (c.words() == null || RequiredLiterals.anyIn(text, c.words())) && c.pattern().matcher(text).find();
	}

	public boolean foundIn(Contact c) {
		return foundIn(c.text()) || foundIn(c.subject());
	}

	/**
	 * Whether the pattern occurs in the message once every occurrence of the
	 * {@code ignored} patterns has been blanked out, e.g. a suit threat outside "we will
	 * not sue you".
	 */
	public boolean foundInIgnoring(Contact c, Collection<?> ignored) {
		return foundIn(without(c.text(), ignored)) || foundIn(without(c.subject(), ignored));
	}

	private static String without(String text, Collection<?> ignored) {
		if (text == null) {
			return null;
		}
		String result = text;
		for (Object o : ignored) {
			if (o instanceof ContentPattern p && p.enabled() && p.foundIn(result)) {
				result = p.compiled().matcher(result).replaceAll(" ");
			}
		}
		return result;
	}

	/** A compiled expression and its required words (null: none proved). */
	private record Compiled(Pattern pattern, List<String> words) {
	}

}
