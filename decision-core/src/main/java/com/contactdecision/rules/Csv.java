package com.contactdecision.rules;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 lines: commas separate, double quotes enclose, a doubled quote is a quote. */
final class Csv {

	private Csv() {
	}

	static List<String> splitLine(String line) {
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
