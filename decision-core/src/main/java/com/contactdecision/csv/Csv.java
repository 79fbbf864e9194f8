package com.contactdecision.csv;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The one CSV reader: the rule directory's parameter tables and the bundled time-zone
 * tables are read by it. RFC 4180 lines: commas separate, double quotes enclose, a
 * doubled quote is a quote; a cell does not span lines. Blank lines and lines starting
 * with {@code #} are comments. Stateless.
 */
public final class Csv {

	private Csv() {
	}

	/**
	 * One line of a table that holds data.
	 *
	 * @param line its 1-based line number in the file, for messages
	 * @param cells its cells, as written (not stripped)
	 */
	public record Row(int line, List<String> cells) {

		public Row {
			cells = List.copyOf(cells);
		}

	}

	/**
	 * The rows of a table, header included, in file order. A line that is not valid CSV
	 * (an unterminated quote) is handed to {@code problems} with its line number and left
	 * out, so a caller can report every bad line at once or throw at the first.
	 */
	public static List<Row> rows(String text, BiConsumer<Integer, String> problems) {
		List<Row> rows = new ArrayList<>();
		String[] lines = text.split("\r?\n", -1);
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i];
			if (line.isBlank() || line.stripLeading().startsWith("#")) {
				continue;
			}
			try {
				rows.add(new Row(i + 1, splitLine(line)));
			}
			catch (IllegalArgumentException e) {
				problems.accept(i + 1, e.getMessage());
			}
		}
		return rows;
	}

	/** The cells of one line. */
	public static List<String> splitLine(String line) {
		List<String> cells = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char ch = line.charAt(i);
			if (quoted) {
				if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
					cell.append('"');
					i++;
				}
				else if (ch == '"') {
					quoted = false;
				}
				else {
					cell.append(ch);
				}
			}
			else if (ch == '"') {
				quoted = true;
			}
			else if (ch == ',') {
				cells.add(cell.toString());
				cell.setLength(0);
			}
			else {
				cell.append(ch);
			}
		}
		if (quoted) {
			throw new IllegalArgumentException("unterminated quoted cell");
		}
		cells.add(cell.toString());
		return cells;
	}

}
