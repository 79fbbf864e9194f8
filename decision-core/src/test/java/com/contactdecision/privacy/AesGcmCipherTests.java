package com.contactdecision.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class AesGcmCipherTests {

	static final byte[] K1 = new byte[32];

	static final byte[] K2 = new byte[32];

	static {
		K2[0] = 1;
	}

	final AesGcmCipher cipher = new AesGcmCipher(Map.of("k1", K1), "k1");

	@Test
	void aValueIsEncryptedUnderTheActiveKeyAndReadBack() {
		String sealed = cipher.encrypt("{\"phones\":[\"+13125550100\"]}", "c-1");

		assertThat(sealed).startsWith("enc:k1:").doesNotContain("3125550100");
		assertThat(cipher.encrypt("same", "c-1")).as("a fresh IV each time")
			.isNotEqualTo(cipher.encrypt("same", "c-1"));
		assertThat(cipher.decrypt(sealed, "c-1")).isEqualTo("{\"phones\":[\"+13125550100\"]}");
	}

	@Test
	void afterARotationOldValuesStillDecryptAndNewOnesUseTheNewKey() {
		String old = cipher.encrypt("before", "c-1");
		AesGcmCipher rotated = new AesGcmCipher(Map.of("k1", K1, "k2", K2), "k2");

		assertThat(rotated.decrypt(old, "c-1")).isEqualTo("before");
		assertThat(rotated.encrypt("after", "c-1")).startsWith("enc:k2:");
	}

	@Test
	void aValueMovedToAnotherOwnerOrTamperedWithIsRefused() {
		String sealed = cipher.encrypt("secret", "c-1");
		// Flip one bit of the ciphertext itself (a base64 character may also carry
		// padding bits).
		byte[] raw = java.util.Base64.getDecoder().decode(sealed.substring("enc:k1:".length()));
		raw[14] ^= 1;
		String tampered = "enc:k1:" + java.util.Base64.getEncoder().encodeToString(raw);

		assertThatThrownBy(() -> cipher.decrypt(sealed, "c-2")).hasMessageContaining("does not authenticate");
		assertThatThrownBy(() -> cipher.decrypt(tampered, "c-1")).hasMessageContaining("does not authenticate");
		assertThatThrownBy(() -> new AesGcmCipher(Map.of("k2", K2), "k2").decrypt(sealed, "c-1"))
			.hasMessageContaining("not configured");
	}

	@Test
	void plaintextWrittenBeforeEncryptionIsReadAsItIs() {
		assertThat(cipher.decrypt("{\"jurisdiction\":\"US\"}", "c-1")).isEqualTo("{\"jurisdiction\":\"US\"}");
		assertThat(cipher.decrypt(null, "c-1")).isNull();
	}

}
