package com.contactdecision.rules;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.contactdecision.csv.Csv;
import com.contactdecision.facts.ContentPattern;
import com.contactdecision.facts.ContentRequirement;
import com.contactdecision.facts.FrequencyCap;
import com.contactdecision.facts.HolidayPolicy;
import com.contactdecision.facts.OptOutReply;
import com.contactdecision.facts.PermittedHours;
import com.contactdecision.facts.RevocationScope;

/**
 * Parameter tables: CSV files beside the rules whose rows become facts the rules match
 * on, so that a compliance officer changes a number or adds a state by editing rows, not
 * rule logic. The file name says the row type ({@code *-caps.csv}, {@code *-hours.csv},
 * {@code *-patterns.csv}, {@code *-holidays.csv}, {@code *-content-requirements.csv},
 * {@code *-replies.csv}, {@code *-revocation-scopes.csv}); the header row names the
 * columns; lists are separated by {@code |}; lines starting with {@code #} are comments.
 * Every table may date its rows with {@code effectiveFrom} and {@code effectiveUntil}.
 * Drools decision tables ({@code *.drl.csv}) are not supported: the loader refuses them
 * by name.
 */
public final class ParameterTables {

	/**
	 * File-name suffix to row type. Adding a kind of table is adding a record and a line
	 * here.
	 */
	static final Map<String, Class<? extends Record>> TYPES = Map.of("-caps.csv", FrequencyCap.class, "-hours.csv",
			PermittedHours.class, "-patterns.csv", ContentPattern.class, "-holidays.csv", HolidayPolicy.class,
			"-content-requirements.csv", ContentRequirement.class, "-replies.csv", OptOutReply.class,
			"-revocation-scopes.csv", RevocationScope.class);

	/** The table kinds, for messages. */
	static final String KINDS = "*" + String.join(", *", TYPES.keySet().stream().sorted().toList());

	private ParameterTables() {
	}

	public static boolean isParameterTable(String fileName) {
		return fileName.endsWith(".csv") && !fileName.endsWith(".drl.csv");
	}

	/** The optional columns that date a row (any table, anywhere in the header). */
	public static final String EFFECTIVE_FROM = "effectiveFrom";

	public static final String EFFECTIVE_UNTIL = "effectiveUntil";

	private static final java.util.regex.Pattern DATE = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	/** Parses one table into its row values; problems name the file and line. */
	public static List<Object> parse(String file, String content, List<RuleProblem> problems) {
		return rows(file, content, problems).stream().map(ParameterRow::value).toList();
	}

	/**
	 * Parses one table into its rows with their periods; problems name the file and line.
	 * The header lists the row type's columns in order; {@value #EFFECTIVE_FROM} and
	 * {@value #EFFECTIVE_UNTIL} may be added anywhere.
	 */
	public static List<ParameterRow> rows(String file, String content, List<RuleProblem> problems) {
		String name = file.substring(file.lastIndexOf('/') + 1);
		Class<? extends Record> type = TYPES.entrySet()
			.stream()
			.filter(e -> name.endsWith(e.getKey()))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(null);
		if (type == null) {
			problems.add(new RuleProblem(file, 0, "unknown kind of table: the file name must end with one of "
					+ TYPES.keySet().stream().sorted().toList()));
			return List.of();
		}
		RecordComponent[] components = type.getRecordComponents();
		List<ParameterRow> rows = new ArrayList<>();
		String[] header = null;
		int[] columnOf = null;
		int fromColumn = -1;
		int untilColumn = -1;
		int idColumn = -1;
		for (Csv.Row row : Csv.rows(content, (n, problem) -> problems.add(new RuleProblem(file, n, problem)))) {
			int lineNo = row.line();
			List<String> cells = row.cells();
			if (header == null) {
				header = cells.stream().map(String::strip).toArray(String[]::new);
				List<String> expected = Arrays.stream(components).map(RecordComponent::getName).toList();
				List<String> own = new ArrayList<>(List.of(header));
				fromColumn = own.indexOf(EFFECTIVE_FROM);
				untilColumn = own.indexOf(EFFECTIVE_UNTIL);
				own.removeIf(h -> h.equals(EFFECTIVE_FROM) || h.equals(EFFECTIVE_UNTIL));
				if (!own.equals(expected)
						|| header.length != expected.size() + (fromColumn >= 0 ? 1 : 0) + (untilColumn >= 0 ? 1 : 0)) {
					problems
						.add(new RuleProblem(file, lineNo, "the header must be exactly " + String.join(",", expected)
								+ " (optionally with " + EFFECTIVE_FROM + " and " + EFFECTIVE_UNTIL + ")"));
					return List.of();
				}
				columnOf = new int[components.length];
				for (int c = 0, h = 0; h < header.length; h++) {
					if (h != fromColumn && h != untilColumn) {
						columnOf[c++] = h;
					}
				}
				idColumn = List.of(header).indexOf("id");
				continue;
			}
			if (cells.size() != header.length) {
				problems.add(
						new RuleProblem(file, lineNo, "expected " + header.length + " columns, found " + cells.size()));
				continue;
			}
			try {
				Object[] args = new Object[components.length];
				for (int c = 0; c < components.length; c++) {
					args[c] = convert(cells.get(columnOf[c]).strip(), components[c].getGenericType(),
							header[columnOf[c]]);
				}
				Instant from = fromColumn < 0 ? null : instant(cells.get(fromColumn).strip(), EFFECTIVE_FROM);
				Instant until = untilColumn < 0 ? null : instant(cells.get(untilColumn).strip(), EFFECTIVE_UNTIL);
				if (from != null && until != null && !until.isAfter(from)) {
					throw new IllegalArgumentException("column " + EFFECTIVE_UNTIL + ": " + until + " is not after "
							+ EFFECTIVE_FROM + " " + from);
				}
				Constructor<? extends Record> ctor = type.getDeclaredConstructor(
						Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new));
				rows.add(new ParameterRow(ctor.newInstance(args), file, lineNo,
						idColumn < 0 ? null : cells.get(idColumn).strip(), from, until));
			}
			catch (java.lang.reflect.InvocationTargetException e) {
				problems.add(new RuleProblem(file, lineNo, e.getCause().getMessage()));
			}
			catch (IllegalArgumentException e) {
				problems.add(new RuleProblem(file, lineNo, e.getMessage()));
			}
			catch (ReflectiveOperationException e) {
				throw new IllegalStateException("table type " + type.getName() + " is not constructible", e);
			}
		}
		if (header == null) {
			problems.add(new RuleProblem(file, 0, "no header row"));
		}
		return rows;
	}

	/**
	 * An effective date: empty is open; a date ({@code 2027-01-31}) is the start of that
	 * day in UTC, so a US row starts a few hours early, never late; an instant with an
	 * offset ({@code 2027-01-31T00:00:00-05:00}) or {@code Z} is taken as written.
	 */
	static Instant instant(String cell, String column) {
		if (cell.isEmpty()) {
			return null;
		}
		try {
			if (DATE.matcher(cell).matches()) {
				return LocalDate.parse(cell).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			return OffsetDateTime.parse(cell).toInstant();
		}
		catch (DateTimeParseException e) {
			throw new IllegalArgumentException("column " + column + ": '" + cell
					+ "' is not a date (2027-01-31) or an instant with an offset (2027-01-31T00:00:00-05:00)");
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Object convert(String cell, Type type, String column) {
		if (type instanceof ParameterizedType p && (p.getRawType() == Set.class || p.getRawType() == List.class)) {
			Type element = p.getActualTypeArguments()[0];
			List<Object> values = new ArrayList<>();
			for (String part : cell.isEmpty() ? new String[0] : cell.split("\\|")) {
				values.add(convert(part.strip(), element, column));
			}
			return p.getRawType() == Set.class ? new LinkedHashSet<>(values) : values;
		}
		Class<?> raw = (Class<?>) type;
		try {
			if (raw == String.class) {
				return cell;
			}
			if (raw == int.class || raw == Integer.class) {
				return Integer.parseInt(cell);
			}
			if (raw == boolean.class || raw == Boolean.class) {
				if (!cell.equalsIgnoreCase("true") && !cell.equalsIgnoreCase("false")) {
					throw new IllegalArgumentException("expected true or false");
				}
				return Boolean.parseBoolean(cell);
			}
			if (raw.isEnum()) {
				return Enum.valueOf((Class<Enum>) raw, cell.toUpperCase(Locale.ROOT));
			}
		}
		catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("column " + column + ": '" + cell + "' is not a valid " + (raw.isEnum()
					? "value; one of " + Arrays.toString(raw.getEnumConstants()) : raw.getSimpleName()));
		}
		throw new IllegalStateException("unsupported column type " + type);
	}

}
