package com.contactdecision.rules;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
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
import com.contactdecision.facts.PermittedHours;

/**
 * Parameter tables: CSV files beside the rules whose rows become facts the rules match on, so that a
 * compliance officer changes a number or adds a state by editing rows, not rule logic. The file
 * name says the row type ({@code *-caps.csv}, {@code *-hours.csv}, {@code *-patterns.csv},
 * {@code *-holidays.csv}, {@code *-content-requirements.csv}); the
 * header row names the columns; lists are separated by {@code |}; lines starting with {@code #} are
 * comments.
 * Drools decision tables ({@code *.drl.csv}) are not supported: the loader refuses them by name.
 */
public final class ParameterTables {

	/** File-name suffix to row type. Adding a kind of table is adding a record and a line here. */
	static final Map<String, Class<? extends Record>> TYPES = Map.of("-caps.csv", FrequencyCap.class, "-hours.csv",
			PermittedHours.class, "-patterns.csv", ContentPattern.class, "-holidays.csv", HolidayPolicy.class,
			"-content-requirements.csv", ContentRequirement.class);

	/** The table kinds, for messages. */
	static final String KINDS = "*" + String.join(", *", TYPES.keySet().stream().sorted().toList());

	private ParameterTables() {
	}

	public static boolean isParameterTable(String fileName) {
		return fileName.endsWith(".csv") && !fileName.endsWith(".drl.csv");
	}

	/** Parses one table; problems name the file and line. */
	public static List<Object> parse(String file, String content, List<RuleProblem> problems) {
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
		List<Object> rows = new ArrayList<>();
		String[] header = null;
		for (Csv.Row row : Csv.rows(content, (n, problem) -> problems.add(new RuleProblem(file, n, problem)))) {
			int lineNo = row.line();
			List<String> cells = row.cells();
			if (header == null) {
				header = cells.stream().map(String::strip).toArray(String[]::new);
				List<String> expected = Arrays.stream(components).map(RecordComponent::getName).toList();
				if (!List.of(header).equals(expected)) {
					problems.add(new RuleProblem(file, lineNo, "the header must be exactly " + String.join(",", expected)));
					return List.of();
				}
				continue;
			}
			if (cells.size() != components.length) {
				problems.add(new RuleProblem(file, lineNo,
						"expected " + components.length + " columns, found " + cells.size()));
				continue;
			}
			try {
				Object[] args = new Object[components.length];
				for (int c = 0; c < components.length; c++) {
					args[c] = convert(cells.get(c).strip(), components[c].getGenericType(), header[c]);
				}
				Constructor<? extends Record> ctor = type
					.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new));
				rows.add(ctor.newInstance(args));
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
			throw new IllegalArgumentException("column " + column + ": '" + cell + "' is not a valid "
					+ (raw.isEnum() ? "value; one of " + Arrays.toString(raw.getEnumConstants()) : raw.getSimpleName()));
		}
		throw new IllegalStateException("unsupported column type " + type);
	}

}
