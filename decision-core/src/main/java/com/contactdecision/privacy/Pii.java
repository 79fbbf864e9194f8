package com.contactdecision.privacy;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds phone numbers, email addresses and street addresses in free text: to mask them in
 * anything bound for a log (reason messages name the number or address they are about,
 * and logs must not carry them in clear), and to replace them by pseudonyms in records
 * kept after erasure.
 */
public final class Pii {

	/**
	 * E.164, and the common North American ways of writing a number: (312) 555-0100,
	 * 312-555-0100, 312.555.0100.
	 */
	private static final Pattern PHONE = Pattern
		.compile("\\+[1-9]\\d{6,14}|\\(\\d{3}\\)\\s?\\d{3}[-.\\s]\\d{4}\\b|\\b\\d{3}[-.]\\d{3}[-.]\\d{4}\\b");

	private static final Pattern EMAIL = Pattern
		.compile("[^@\\s\"'<>(),;:]+@([^@\\s\"'<>(),;:]+\\.[^@\\s\"'<>(),;:]+)");

	/**
	 * A house number and one to four words ending in a street type: "221B Baker Street",
	 * "12 N. Main St".
	 */
	private static final Pattern STREET = Pattern.compile("\\b\\d{1,6}[A-Za-z]?(\\s+[A-Z][A-Za-z.'-]*){1,4}\\s+"
			+ "(Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Way|Terrace|Parkway|Pkwy"
			+ "|Highway|Hwy|Square|Sq|Circle|Cir)\\b\\.?");

	private Pii() {
	}

	/**
	 * {@code +13125550100} becomes {@code +1********00}; {@code j@example.com} becomes
	 * {@code ***@example.com}; {@code 12 Main Street} becomes {@code [street address]}.
	 */
	public static String mask(String text) {
		if (text == null) {
			return null;
		}
		String s = replace(PHONE, text, n -> n.length() <= 4 ? "****"
				: n.substring(0, 2) + "*".repeat(n.length() - 4) + n.substring(n.length() - 2));
		s = EMAIL.matcher(s).replaceAll("***@$1");
		return STREET.matcher(s).replaceAll("[street address]");
	}

	/**
	 * Replaces every phone number and email address in the text by
	 * {@code replacement(value)}.
	 */
	public static String replace(String text, UnaryOperator<String> replacement) {
		if (text == null) {
			return null;
		}
		return replace(EMAIL, replace(PHONE, text, replacement), replacement);
	}

	private static String replace(Pattern p, String text, UnaryOperator<String> replacement) {
		Matcher m = p.matcher(text);
		if (!m.find()) {
			return text;
		}
		StringBuilder sb = new StringBuilder();
		do {
			m.appendReplacement(sb, Matcher.quoteReplacement(replacement.apply(m.group())));
		}
		while (m.find());
		m.appendTail(sb);
		return sb.toString();
	}

}
