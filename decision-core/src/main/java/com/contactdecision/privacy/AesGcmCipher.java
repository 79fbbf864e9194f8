package com.contactdecision.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts values at rest with AES-GCM:
 * {@code enc:<keyId>:<base64(iv || ciphertext || tag)>}. The key id travels with the
 * ciphertext, so keys can rotate: new values are written under the active key, and any
 * key still configured decrypts what was written under it. The associated data (for
 * example the consumer id) binds a ciphertext to its owner: one consumer's value copied
 * under another's key does not decrypt. A value without the prefix is plaintext written
 * before encryption was enabled and is read as it is. Thread-safe.
 */
public final class AesGcmCipher {

	public static final String PREFIX = "enc:";

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final Map<String, SecretKeySpec> keys;

	private final String activeId;

	private final SecureRandom random = new SecureRandom();

	/**
	 * @param keys AES keys (16, 24 or 32 bytes) by id; ids are 1-16 letters, digits, '-'
	 * or '_'
	 * @param activeId the key new values are encrypted under
	 */
	public AesGcmCipher(Map<String, byte[]> keys, String activeId) {
		Map<String, SecretKeySpec> k = new LinkedHashMap<>();
		keys.forEach((id, bytes) -> {
			if (!HmacPseudonymiser.Secret.ID.matcher(id).matches()) {
				throw new IllegalArgumentException("an encryption key id is 1-16 letters, digits, '-' or '_': " + id);
			}
			if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
				throw new IllegalArgumentException("encryption key " + id + " must be 128, 192 or 256 bits");
			}
			k.put(id, new SecretKeySpec(bytes.clone(), "AES"));
		});
		if (!k.containsKey(activeId)) {
			throw new IllegalArgumentException("the active encryption key " + activeId + " is not among the keys");
		}
		this.keys = Map.copyOf(k);
		this.activeId = activeId;
	}

	public String activeKeyId() {
		return activeId;
	}

	public String encrypt(String plaintext, String associatedData) {
		if (plaintext == null) {
			return null;
		}
		byte[] iv = new byte[IV_BYTES];
		random.nextBytes(iv);
		try {
			Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
			c.init(Cipher.ENCRYPT_MODE, keys.get(activeId), new GCMParameterSpec(TAG_BITS, iv));
			c.updateAAD(aad(associatedData));
			byte[] sealed = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
			return PREFIX + activeId + ":" + Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("AES-GCM is required of every JVM", e);
		}
	}

	/**
	 * @throws IllegalStateException when the key is unknown or the value was tampered
	 * with
	 */
	public String decrypt(String stored, String associatedData) {
		if (stored == null || !stored.startsWith(PREFIX)) {
			return stored;
		}
		int colon = stored.indexOf(':', PREFIX.length());
		if (colon < 0) {
			throw new IllegalStateException("an encrypted value without a key id");
		}
		String id = stored.substring(PREFIX.length(), colon);
		SecretKeySpec key = keys.get(id);
		if (key == null) {
			throw new IllegalStateException("a value is encrypted under key " + id
					+ ", which is not configured (decisioning.security.encryption-keys)");
		}
		byte[] in = Base64.getDecoder().decode(stored.substring(colon + 1));
		try {
			Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
			c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
			c.updateAAD(aad(associatedData));
			return new String(c.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
		}
		catch (javax.crypto.AEADBadTagException e) {
			throw new IllegalStateException("an encrypted value does not authenticate under key " + id
					+ " (tampered, or stored under another owner)", e);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("AES-GCM is required of every JVM", e);
		}
	}

	private static byte[] aad(String associatedData) {
		return associatedData == null ? new byte[0] : associatedData.getBytes(StandardCharsets.UTF_8);
	}

}
