package com.contactdecision.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pseudonyms as HMAC-SHA256 under a secret: {@code ps:<secretId>:<first 128 bits, hex>}.
 * The first secret makes new pseudonyms; the others are retired secrets still recognised
 * (rotation: put the new secret first, keep the old one until every stored pseudonym has
 * been rewritten or has expired). Thread-safe.
 */
public final class HmacPseudonymiser implements Pseudonymiser {

	/** A secret and the short id written into every pseudonym made with it. */
	public record Secret(String id, byte[] key) {

		static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,16}");

		public Secret {
			if (id == null || !ID.matcher(id).matches()) {
				throw new IllegalArgumentException("a pseudonym secret id is 1-16 letters, digits, '-' or '_': " + id);
			}
			if (key == null || key.length < 16) {
				throw new IllegalArgumentException(
						"a pseudonym secret must have at least 128 bits (secret " + id + ")");
			}
			key = key.clone();
		}

	}

	private static final String ALGORITHM = "HmacSHA256";

	/**
	 * 128 bits: no collision among any plausible number of phone numbers and addresses.
	 */
	private static final int BYTES = 16;

	private final List<Secret> secrets;

	private final List<ThreadLocal<Mac>> macs;

	/**
	 * @param secrets the current secret first, then retired ones still recognised
	 */
	public HmacPseudonymiser(List<Secret> secrets) {
		if (secrets == null || secrets.isEmpty()) {
			throw new IllegalArgumentException("at least one pseudonym secret is required");
		}
		this.secrets = List.copyOf(secrets);
		List<ThreadLocal<Mac>> m = new ArrayList<>();
		for (Secret s : this.secrets) {
			SecretKeySpec key = new SecretKeySpec(s.key(), ALGORITHM);
			m.add(ThreadLocal.withInitial(() -> {
				try {
					Mac mac = Mac.getInstance(ALGORITHM);
					mac.init(key);
					return mac;
				}
				catch (GeneralSecurityException e) {
					throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
				}
			}));
		}
		this.macs = List.copyOf(m);
	}

	/**
	 * A pseudonymiser with a secret of its own, drawn at random: for the embedded stores
	 * and tools whose data lives no longer than the process, so nothing needs to
	 * recognise its pseudonyms later.
	 */
	public static HmacPseudonymiser ephemeral() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return new HmacPseudonymiser(List.of(new Secret("tmp", key)));
	}

	@Override
	public String pseudonym(String value) {
		return make(0, value);
	}

	@Override
	public List<String> pseudonyms(String value) {
		List<String> all = new ArrayList<>(secrets.size());
		for (int i = 0; i < secrets.size(); i++) {
			all.add(make(i, value));
		}
		return all;
	}

	private String make(int secret, String value) {
		if (value == null) {
			return null;
		}
		Mac mac = macs.get(secret).get();
		byte[] digest = mac.doFinal(value.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
		return PREFIX + secrets.get(secret).id() + ":" + HexFormat.of().formatHex(digest, 0, BYTES);
	}

}
