package com.contactdecision.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvTests {

	@Test
	void rowsKeepTheirLineNumbersAndSkipCommentsAndBlankLines() {
		List<String> problems = new ArrayList<>();

		List<Csv.Row> rows = Csv.rows("# a comment\r\nid,words\n\n  # indented comment\nx,\"a, \"\"quoted\"\" b\"\n",
				(line, problem) -> problems.add(line + ": " + problem));

		assertThat(rows).containsExactly(new Csv.Row(2, List.of("id", "words")),
				new Csv.Row(5, List.of("x", "a, \"quoted\" b")));
		assertThat(problems).isEmpty();
	}

	@Test
	void aLineWithAnUnterminatedQuoteIsReportedWithItsLineAndLeftOut() {
		List<String> problems = new ArrayList<>();

		List<Csv.Row> rows = Csv.rows("id,words\nx,\"open\ny,closed\n",
				(line, problem) -> problems.add(line + ": " + problem));

		assertThat(rows).extracting(Csv.Row::line).containsExactly(1, 3);
		assertThat(problems).containsExactly("2: unterminated quoted cell");
	}

	@Test
	void emptyCellsAreKept() {
		assertThat(Csv.splitLine("a,,c,")).containsExactly("a", "", "c", "");
	}

}
