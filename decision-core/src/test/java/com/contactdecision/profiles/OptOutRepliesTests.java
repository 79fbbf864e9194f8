package com.contactdecision.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.contactdecision.facts.OptOutReply;
import com.contactdecision.profiles.OptOutReplies.Reading;
import com.contactdecision.rules.ParameterTables;
import com.contactdecision.rules.RuleProblem;

/**
 * Replies read with the shipped table (rules/consent/opt-out-replies.csv): every class of
 * input the FCC's order and the issue name, in English and Spanish, and every word of
 * every row.
 */
class OptOutRepliesTests {

	private static final Path TABLE = Path.of("../rules/consent/opt-out-replies.csv");

	private static List<OptOutReply> rows;

	@BeforeAll
	static void shippedTable() throws IOException {
		List<RuleProblem> problems = new ArrayList<>();
		rows = ParameterTables.parse(TABLE.toString(), Files.readString(TABLE), problems)
			.stream()
			.map(OptOutReply.class::cast)
			.toList();
		assertThat(problems).isEmpty();
		assertThat(rows).isNotEmpty();
	}

	private static OptOutReplies.Result read(String text) {
		return OptOutReplies.read(text, rows);
	}

	@ParameterizedTest
	@ValueSource(strings = { "STOP", "stop", "Stop.", "Stop!", "STOP!!!", " \tStop \t", "\nSTOP\r\n", "Stop 🛑",
			"🙏 stop 🙏", "please stop texting", "Please STOP texting me.", "cancel these", "Cancel this!", "quit",
			"END", "revoke", "opt out", "Opt-Out", "OPT OUT please", "unsubscribe", "Unsubscribe me now", "stopall",
			"STOP ALL", "Do not text me", "Don't text me", "don’t call me", "leave me alone", "remove me please",
			"wrong number", "no more texts", "stop texting me thanks" })
	void aKeywordWithPunctuationEmojiSpacesOrPoliteWordsRevokesClearly(String text) {
		assertThat(read(text).reading()).as(text).isEqualTo(Reading.REVOKED);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ALTO", "alto!", "Para", "para por favor", "PARE", "basta ya", "Basta!!", "detener",
			"cancelar", "Cancela estos mensajes", "baja", "darme de baja", "revocar", "No más", "NO MAS MENSAJES",
			"no me escriban", "No me llamen, gracias", "número equivocado" })
	void spanishRepliesRevokeClearly(String text) {
		assertThat(read(text).reading()).as(text).isEqualTo(Reading.REVOKED);
	}

	@ParameterizedTest
	@ValueSource(strings = { "UNSTOP", "unstop", "START", "Start.", "YES", "yes please", "Sí", "SI", "comenzar", "Alta",
			"subscribe", "don't stop", "no pares", "hello", "Who is this?", "ok", "", "   ", "👍" })
	void optInWordsAndOrdinaryRepliesAreNotRevocations(String text) {
		assertThat(read(text).reading()).as(text).isEqualTo(Reading.NONE);
		assertThat(read(text).matched()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Emphasized “Reply STOP to opt out”",
			"Laughed at “Reply STOP to opt out. Msg&data rates may apply.”", "Liked \"Reply STOP to end texts\"",
			"Loved “Text STOP to cancel”", "Questioned “Reply STOP to opt out”",
			"Reacted 👍 to “Reply STOP to opt out”", "Le gustó “Responda ALTO para cancelar”",
			"Enfatizó “Responda PARA para no recibir más mensajes”" })
	void aReactionQuotingTheSendersOwnTextIsNotARevocation(String text) {
		OptOutReplies.Result r = read(text);
		assertThat(r.reading()).as(text).isEqualTo(Reading.NONE);
		assertThat(r.rows()).singleElement().asString().endsWith("-reactions");
	}

	@Test
	void aReactionWordThatIsNotFollowedByAQuoteIsReadAsItsWords() {
		assertThat(read("Emphasized. STOP").reading()).isEqualTo(Reading.REVOKED_NEEDS_REVIEW);
		assertThat(read("Loved it but stop").reading()).isEqualTo(Reading.REVOKED_NEEDS_REVIEW);
	}

	@ParameterizedTest
	@ValueSource(strings = { "I can't stop thinking about this bill, can we talk?", "I'll pay by the end of the month",
			"Is there a way to cancel the late fee", "stop start", "STOP. Actually, yes, keep me posted",
			"Pagaré para el viernes", "no puedo pagar, basta de llamadas" })
	void aKeywordInsideAnUnclearSentenceRevokesAndIsMarkedForReview(String text) {
		OptOutReplies.Result r = read(text);
		assertThat(r.reading()).as(text).isEqualTo(Reading.REVOKED_NEEDS_REVIEW);
		assertThat(r.revokes()).isTrue();
		assertThat(r.matched()).isNotEmpty();
	}

	@Test
	void theMatchedWordsAndRowsAreReported() {
		OptOutReplies.Result r = read("Please STOP texting, opt out!");

		assertThat(r.reading()).isEqualTo(Reading.REVOKED);
		assertThat(r.matched()).containsExactlyInAnyOrder("STOP", "OPT OUT");
		assertThat(r.rows()).containsExactlyInAnyOrder("en-per-se", "en-filler");
	}

	@Test
	void everyWordOfEveryRowIsReadAsItsRowSays() {
		for (OptOutReply row : rows) {
			for (String word : row.words()) {
				OptOutReplies.Result r = read(word);
				Reading expected = switch (row.kind()) {
					case REVOKE -> Reading.REVOKED;
					case FILLER, NOT_REVOKE -> Reading.NONE;
					case REACTION -> Reading.NONE;
				};
				assertThat(r.reading()).as(row.id() + ": " + word).isEqualTo(expected);
				if (row.kind() == OptOutReply.Kind.REVOKE) {
					assertThat(r.rows()).as(row.id() + ": " + word).contains(row.id());
					// with a filler word on each side it is still clear, in upper case
					// and punctuated
					assertThat(read("please " + word.toUpperCase() + "!").reading()).as(word)
						.isEqualTo(Reading.REVOKED);
				}
				if (row.kind() == OptOutReply.Kind.NOT_REVOKE) {
					assertThat(r.rows()).as(row.id() + ": " + word).contains(row.id());
				}
				if (row.kind() == OptOutReply.Kind.REACTION) {
					assertThat(read(word + " “Reply STOP to opt out”").rows()).as(word).containsExactly(row.id());
				}
			}
		}
		Set<OptOutReply.Kind> kinds = new TreeSet<>(rows.stream().map(OptOutReply::kind).toList());
		assertThat(kinds).containsExactlyInAnyOrder(OptOutReply.Kind.values());
		assertThat(rows).extracting(OptOutReply::language).contains("en", "es");
	}

	@Test
	void withoutARevokeRowTheStatutoryWordsStillRevoke() {
		List<OptOutReply> onlyFiller = rows.stream().filter(r -> r.kind() != OptOutReply.Kind.REVOKE).toList();

		assertThat(OptOutReplies.read("Stop!", onlyFiller).reading()).isEqualTo(Reading.REVOKED);
		assertThat(OptOutReplies.read("please unsubscribe me", onlyFiller).reading()).isEqualTo(Reading.REVOKED);
		assertThat(OptOutReplies.read("STOP", List.of()).reading()).isEqualTo(Reading.REVOKED);
		assertThat(OptOutReplies.read("STOP", List.of()).rows()).containsExactly("statutory-keywords");
	}

	@Test
	void aDisabledRowIsNotRead() {
		List<OptOutReply> withoutSpanish = rows.stream()
			.map(r -> r.id().equals("es-keywords")
					? new OptOutReply(r.id(), false, r.language(), r.kind(), r.words(), r.citation()) : r)
			.toList();

		assertThat(OptOutReplies.read("ALTO", withoutSpanish).reading()).isEqualTo(Reading.NONE);
		assertThat(OptOutReplies.read("ALTO", rows).reading()).isEqualTo(Reading.REVOKED);
	}

}
