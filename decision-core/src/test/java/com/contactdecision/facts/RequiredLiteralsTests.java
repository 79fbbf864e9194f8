package com.contactdecision.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.contactdecision.csv.Csv;

/**
 * The content pre-screen must never rule out a text its expression matches: every pattern
 * of the rule directory, on every message text of the scenario suite and on texts made to
 * sit at the edges, finds exactly what the bare expression finds.
 */
class RequiredLiteralsTests {

	private static final Path RULES = Path.of("../rules");

	private static final Path SCENARIOS = Path.of("../rule-tests/scenarios");

	@Test
	void wordsAreTheOnesEveryMatchContains() {
		assertThat(RequiredLiterals.of("\\b(reply|text|respond|send|txt)(\\s+(back|us))?\\s*:?\\s*(stop|end|quit)\\b"))
			.containsExactlyInAnyOrder("reply", "text", "respond", "send", "txt");
		assertThat(RequiredLiterals.of("(https?://|www\\.)\\S*(unsub|stop)")).containsExactlyInAnyOrder("http", "www.");
		assertThat(RequiredLiterals.of("\\bdebt[\\s-]+collector\\b")).containsExactly("collector");
		assertThat(RequiredLiterals.of("\\bsu(e|ed|ing)\\b")).containsExactly("su");
		assertThat(RequiredLiterals.of("Ab")).containsExactly("ab");
	}

	@Test
	void noWordsWhenNoneCanBeProved() {
		assertThat(RequiredLiterals.of("(a|)")).isNull();
		assertThat(RequiredLiterals.of("\\d+")).isNull();
		assertThat(RequiredLiterals.of("(stop)?x*")).isNull();
		assertThat(RequiredLiterals.of("(?i)stop")).isNull();
		assertThat(RequiredLiterals.of("(?=stop)\\w+")).isNull();
		assertThat(RequiredLiterals.of("\\Qstop\\E")).isNull();
		assertThat(RequiredLiterals.of("stop|\\w+")).isNull();
	}

	@Test
	void foldsCaseAsTheExpressionDoes() {
		// U+017F LATIN SMALL LETTER LONG S matches "s" case-insensitively, U+212A KELVIN
		// SIGN "k"
		assertThat(RequiredLiterals.anyIn("Reply \u017FTOP", List.of("stop"))).isTrue();
		assertThat(RequiredLiterals.anyIn("\u212Aeep", List.of("keep"))).isTrue();
		assertThat(RequiredLiterals.anyIn("REPLY", List.of("reply"))).isTrue();
		assertThat(RequiredLiterals.anyIn("repl", List.of("reply"))).isFalse();
	}

	@Test
	void everyPatternOfTheRuleDirectoryFindsWhatItsExpressionFinds() throws IOException {
		List<String> regexes = patterns();
		List<String> texts = texts();
		assertThat(regexes).hasSizeGreaterThan(20);
		assertThat(texts).hasSizeGreaterThan(50);
		int screened = 0;
		for (String regex : regexes) {
			ContentPattern p = new ContentPattern("p", true, ContentCheck.OPT_OUT_INSTRUCTION, regex, "");
			Pattern bare = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
			screened += p.requiredWords() == null ? 0 : 1;
			for (String text : texts) {
				assertThat(p.foundIn(text)).as("%s in %s", regex, text).isEqualTo(bare.matcher(text).find());
			}
		}
		// most patterns must actually be screened, or the pre-screen saves nothing
		assertThat(screened).isGreaterThan(regexes.size() / 2);
	}

	private static List<String> patterns() throws IOException {
		List<String> regexes = new ArrayList<>();
		try (Stream<Path> files = Files.walk(RULES)) {
			for (Path f : files.filter(p -> p.toString().endsWith("-patterns.csv")).toList()) {
				List<Csv.Row> rows = Csv.rows(Files.readString(f), (line, problem) -> {
				});
				List<String> header = rows.get(0).cells();
				int column = header.indexOf("pattern");
				rows.stream().skip(1).map(r -> r.cells().get(column)).forEach(regexes::add);
			}
		}
		return regexes;
	}

	private static List<String> texts() throws IOException {
		List<String> texts = new ArrayList<>(List.of("", "Reply STOP to stop texts", "reply \u017Ftop",
				"To opt out click here", "visit WWW.X.EXAMPLE/unsub", "<a href=\"https://x.example/u\">Unsubscribe</a>",
				"We will not sue you", "This is from a DEBT-COLLECTOR", "pay $50 now", "Call 555-0100",
				"text back with the word \u201CSTOP\u201D", "\u212Aeep this", "Suing you is our last resort"));
		try (Stream<Path> files = Files.walk(SCENARIOS)) {
			for (Path f : files.filter(Files::isRegularFile).toList()) {
				for (String line : Files.readAllLines(f)) {
					texts.add(line);
					texts.add(line.toUpperCase(java.util.Locale.ROOT));
				}
			}
		}
		return texts;
	}

}
