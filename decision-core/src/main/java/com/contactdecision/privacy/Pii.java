package com.contactdecision.privacy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks phone numbers and email addresses in text bound for a log: reason messages name the
 * number or address they are about, and logs must not carry them in clear.
 */
public final class Pii {

	private static final Pattern PHONE = Pattern.compile("\\+[1-9]\\d{6,14}");

	private static final Pattern EMAIL = Pattern.compile("[^@\\s\"'<>(),;:]+@([^@\\s\"'<>(),;:]+\\.[^@\\s\"'<>(),;:]+)");

	private Pii() {
	}

	/** {@code +13125550100} becomes {@code +1********00}; {@code j@example.com} becomes {@code ***@example.com}. */
	public static String mask(String text) {
		if (text == null) {
			return null;
		}
		Matcher phone = PHONE.matcher(text);
		StringBuilder sb = new StringBuilder();
		while (phone.find()) {
			String n = phone.group();
			phone.appendReplacement(sb, Matcher.quoteReplacement(n.substring(0, 2) + "*".repeat(n.length() - 4)
					+ n.substring(n.length() - 2)));
		}
		phone.appendTail(sb);
		return EMAIL.matcher(sb).replaceAll("***@$1");
	}

	/**
	 * Replaces every phone number and email address in {@code text} by what {@code replacement}
	 * makes of it (a pseudonym): for audit records, where the same value must read the same.
	 */
	public static String replace(String text, java.util.function.UnaryOperator<String> replacement) {
		if (text == null) {
			return null;
		}
		StringBuilder sb = new StringBuilder();
		Matcher phone = PHONE.matcher(text);
		while (phone.find()) {
			phone.appendReplacement(sb, Matcher.quoteReplacement(replacement.apply(phone.group())));
		}
		phone.appendTail(sb);
		Matcher email = EMAIL.matcher(sb.toString());
		StringBuilder out = new StringBuilder();
		while (email.find()) {
			email.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(email.group())));
		}
		email.appendTail(out);
		return out.toString();
	}

}
