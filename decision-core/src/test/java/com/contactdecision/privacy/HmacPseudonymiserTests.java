package com.contactdecision.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

class HmacPseudonymiserTests {

	static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

	static final byte[] OTHER = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8);

	final HmacPseudonymiser pseudonyms = new HmacPseudonymiser(List.of(new HmacPseudonymiser.Secret("k1", SECRET)));

	@Test
	void theSameValueGivesTheSamePseudonymWhateverItsCase() {
		assertThat(pseudonyms.pseudonym("J@Example.com ")).isEqualTo(pseudonyms.pseudonym("j@example.com"))
			.startsWith("ps:k1:")
			.hasSize("ps:k1:".length() + 32);
		assertThat(pseudonyms.pseudonym("+13125550100")).isNotEqualTo(pseudonyms.pseudonym("+13125550101"));
	}

	@Test
	void aPseudonymIsNoUnkeyedHashOfTheValue() throws Exception {
		String p = pseudonyms.pseudonym("+13125550100");
		String sha = HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest("+13125550100".getBytes(StandardCharsets.UTF_8)));

		assertThat(sha).doesNotContain(p.substring("ps:k1:".length(), "ps:k1:".length() + 12));
		assertThat(new HmacPseudonymiser(List.of(new HmacPseudonymiser.Secret("k1", OTHER))).pseudonym("+13125550100"))
			.as("another secret, another pseudonym")
			.isNotEqualTo(p);
	}

	@Test
	void duringARotationTheRetiredSecretsPseudonymIsStillRecognised() {
		HmacPseudonymiser rotated = new HmacPseudonymiser(
				List.of(new HmacPseudonymiser.Secret("k2", OTHER), new HmacPseudonymiser.Secret("k1", SECRET)));

		assertThat(rotated.pseudonym("+13125550100")).startsWith("ps:k2:");
		assertThat(rotated.pseudonyms("+13125550100")).hasSize(2).contains(pseudonyms.pseudonym("+13125550100"));
	}

	@Test
	void aShortSecretOrAMalformedIdIsRefused() {
		assertThatThrownBy(() -> new HmacPseudonymiser.Secret("k1", new byte[8])).hasMessageContaining("128 bits");
		assertThatThrownBy(() -> new HmacPseudonymiser.Secret("k:1", SECRET)).hasMessageContaining("id");
		assertThat(Pseudonymiser.isPseudonym(pseudonyms.pseudonym("x@y.z"))).isTrue();
		assertThat(Pseudonymiser.isPseudonym("+13125550100")).isFalse();
	}

}
