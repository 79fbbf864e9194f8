package com.contactdecision.redis;

import com.contactdecision.facts.Channel;
import com.contactdecision.facts.ContactRecord;
import com.contactdecision.facts.DialMode;
import com.contactdecision.facts.Direction;
import com.contactdecision.facts.EventOutcome;
import com.contactdecision.facts.LineType;
import com.contactdecision.facts.Purpose;
import com.contactdecision.facts.Recipient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * The one place a history member is written and read (the history store, the decision's
 * read and any multi-consumer read call it).
 *
 * <p>
 * <b>Compact form</b> (written since the compact encoding): {@code ~} then fields
 * separated by {@code |}:
 *
 * <pre>
 * ~decision|at|codes|collector|debt,debt|phone|email|requestId|inResponseTo|eventId|recordId[|settledBy|outcome]
 * </pre>
 *
 * <ul>
 * <li>{@code decision}: the decision id without its {@code dec-} prefix; {@code !} then
 * the id for an id of another shape; empty for none.</li>
 * <li>{@code at}: epoch milliseconds in base 36 (8 characters today; the score holds the
 * same milliseconds), then {@code .} and the nanoseconds below the millisecond in base 36
 * when there are any.</li>
 * <li>{@code codes}: 7 characters, the ordinals in base 36 of channel, direction, line
 * type, recipient, dial mode, purpose and outcome ({@code -} for none). <b>The enums are
 * append-only for this reason</b>: {@code HistoryMembersTests} pins their order.</li>
 * <li>{@code recordId}: empty when it is {@code rsv:<decisionId>}, {@code =} when it is
 * the eventId, else the id.</li>
 * <li>the settlement (an event or a release settling a reservation) is appended by the
 * Lua scripts as {@code |eventId|outcome}, so a script never parses a member.</li>
 * </ul>
 * The consumer id is not stored: it is in the key. Text fields escape {@code % | , = !}
 * as {@code %XX}, so no id, number or address can forge a separator. A typical settled
 * call is ~100 bytes instead of ~460 as JSON.
 *
 * <p>
 * <b>Legacy form</b>: {@code {"r":<record JSON>[,"s":<settlement JSON>]}}, as written
 * before; still read, and still settled in place by the scripts (they splice JSON into a
 * member that starts with <code>{</code>). A store upgrades in place: every write is
 * compact, an erasure (which rewrites the whole history) converts it all, and the rest
 * ages out with the retention.
 */
final class HistoryMembers {

	static final char COMPACT = '~';

	private static final String DECISION_PREFIX = "dec-";

	private static final int FIELDS = 11;

	private static final ObjectMapper JSON = RedisClients.json();

	private HistoryMembers() {
	}

	/** A stored legacy member: the record, and the event that settled it. */
	record Stored(ContactRecord r, Settlement s) {

		ContactRecord record() {
			return s == null ? r : r.settledBy(s.eventId(), s.outcome());
		}

	}

	/** A legacy settlement, as the scripts splice it into a legacy member. */
	record Settlement(String eventId, EventOutcome outcome) {
	}

	static String encode(ContactRecord r) {
		StringBuilder sb = new StringBuilder(112).append(COMPACT);
		String d = r.decisionId();
		if (d != null) {
			if (d.startsWith(DECISION_PREFIX) && d.length() > DECISION_PREFIX.length()) {
				escape(sb, d.substring(DECISION_PREFIX.length()));
			}
			else {
				escape(sb.append('!'), d);
			}
		}
		sb.append('|').append(Long.toString(r.at().toEpochMilli(), Character.MAX_RADIX));
		int subMilli = r.at().getNano() % 1_000_000;
		if (subMilli != 0) {
			// An instant keeps its nanoseconds, as in memory.
			sb.append('.').append(Integer.toString(subMilli, Character.MAX_RADIX));
		}
		sb.append('|');
		sb.append(code(r.channel()))
			.append(code(r.direction()))
			.append(code(r.lineType()))
			.append(code(r.recipient()))
			.append(code(r.dialMode()))
			.append(code(r.purpose()))
			.append(code(r.outcome()));
		escape(sb.append('|'), r.collectorId());
		sb.append('|');
		for (int i = 0; i < r.debtIds().size(); i++) {
			escape(i == 0 ? sb : sb.append(','), r.debtIds().get(i));
		}
		escape(sb.append('|'), r.phone());
		escape(sb.append('|'), r.email());
		escape(sb.append('|'), r.requestId());
		escape(sb.append('|'), r.inResponseTo());
		escape(sb.append('|'), r.eventId());
		sb.append('|');
		if (r.recordId() != null && !(d != null && r.recordId().equals("rsv:" + d))) {
			if (r.recordId().equals(r.eventId())) {
				sb.append('=');
			}
			else {
				escape(sb, r.recordId());
			}
		}
		return sb.toString();
	}

	/**
	 * What the scripts append to a compact member when an event (or a release) settles
	 * it.
	 */
	static String settlement(String eventId, EventOutcome outcome) {
		StringBuilder sb = new StringBuilder(24).append('|');
		escape(sb, eventId);
		return sb.append('|').append(code(outcome)).toString();
	}

	/** The same settlement for a legacy (JSON) member. */
	static String legacySettlement(String eventId, EventOutcome outcome) {
		try {
			return JSON.writeValueAsString(new Settlement(eventId, outcome));
		}
		catch (JacksonException e) {
			throw new IllegalStateException("Cannot serialise a settlement", e);
		}
	}

	/**
	 * @param consumerId whose history the member is in (the compact form leaves it to the
	 * key)
	 */
	static ContactRecord decode(String consumerId, String member) {
		if (member.isEmpty() || member.charAt(0) != COMPACT) {
			try {
				return JSON.readValue(member, Stored.class).record();
			}
			catch (JacksonException e) {
				throw new IllegalStateException("Unreadable contact record in Redis", e);
			}
		}
		String[] f = member.substring(1).split("\\|", -1);
		if ((f.length != FIELDS && f.length != FIELDS + 2) || f[2].length() != 7) {
			throw new IllegalStateException("Unreadable contact record in Redis (" + f.length + " fields)");
		}
		try {
			String decisionId = f[0].isEmpty() ? null
					: f[0].charAt(0) == '!' ? unescape(f[0].substring(1)) : DECISION_PREFIX + unescape(f[0]);
			int dot = f[1].indexOf('.');
			Instant at = dot < 0 ? Instant.ofEpochMilli(Long.parseLong(f[1], Character.MAX_RADIX))
					: Instant.ofEpochMilli(Long.parseLong(f[1].substring(0, dot), Character.MAX_RADIX))
						.plusNanos(Integer.parseInt(f[1].substring(dot + 1), Character.MAX_RADIX));
			String codes = f[2];
			List<String> debts = new ArrayList<>(1);
			if (!f[4].isEmpty()) {
				for (String debt : f[4].split(",", -1)) {
					debts.add(unescape(debt));
				}
			}
			String eventId = text(f[9]);
			String recordId = f[10].isEmpty() ? (decisionId == null ? null : "rsv:" + decisionId)
					: f[10].equals("=") ? eventId : unescape(f[10]);
			ContactRecord r = new ContactRecord(recordId, consumerId, text(f[3]), debts,
					value(Channel.values(), codes.charAt(0)), value(Direction.values(), codes.charAt(1)), text(f[5]),
					text(f[6]), value(LineType.values(), codes.charAt(2)), value(Recipient.values(), codes.charAt(3)),
					value(DialMode.values(), codes.charAt(4)), value(Purpose.values(), codes.charAt(5)),
					value(EventOutcome.values(), codes.charAt(6)), at, decisionId, eventId, text(f[8]), text(f[7]));
			if (f.length == FIELDS + 2) {
				if (f[12].length() != 1) {
					throw new IllegalStateException("Unreadable contact record in Redis (settlement)");
				}
				r = r.settledBy(text(f[11]), value(EventOutcome.values(), f[12].charAt(0)));
			}
			return r;
		}
		catch (IllegalArgumentException | IndexOutOfBoundsException e) {
			throw new IllegalStateException("Unreadable contact record in Redis", e);
		}
	}

	private static char code(Enum<?> e) {
		return e == null ? '-' : Character.forDigit(e.ordinal(), Character.MAX_RADIX);
	}

	private static <E extends Enum<E>> E value(E[] values, char code) {
		if (code == '-') {
			return null;
		}
		int i = Character.digit(code, Character.MAX_RADIX);
		if (i < 0 || i >= values.length) {
			throw new IllegalArgumentException("unknown code " + code);
		}
		return values[i];
	}

	private static String text(String field) {
		return field.isEmpty() ? null : unescape(field);
	}

	private static void escape(StringBuilder sb, String s) {
		if (s == null) {
			return;
		}
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c == '%' || c == '|' || c == ',' || c == '=' || c == '!') {
				sb.append('%').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
			}
			else {
				sb.append(c);
			}
		}
	}

	private static String unescape(String s) {
		int p = s.indexOf('%');
		if (p < 0) {
			return s;
		}
		StringBuilder sb = new StringBuilder(s.length());
		int i = 0;
		while (p >= 0) {
			sb.append(s, i, p);
			sb.append((char) Integer.parseInt(s.substring(p + 1, p + 3), 16));
			i = p + 3;
			p = s.indexOf('%', i);
		}
		return sb.append(s, i, s.length()).toString();
	}

}
