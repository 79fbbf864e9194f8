package com.contactdecision.decision;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Decision ids: time-ordered (Crockford base32 of the millisecond, then 80 random bits),
 * so they sort by creation and never collide across instances.
 */
final class Ids {

	private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

	private static final SecureRandom RANDOM = new SecureRandom();

	private Ids() {
	}

	static String decisionId(Clock clock) {
		StringBuilder sb = new StringBuilder("dec-");
		long time = clock.millis();
		char[] t = new char[10];
		for (int i = 9; i >= 0; i--) {
			t[i] = ALPHABET[(int) (time & 31)];
			time >>>= 5;
		}
		sb.append(t);
		byte[] random = new byte[10];
		RANDOM.nextBytes(random);
		long bits = 0;
		int have = 0;
		for (byte b : random) {
			bits = (bits << 8) | (b & 0xff);
			have += 8;
			while (have >= 5) {
				sb.append(ALPHABET[(int) ((bits >>> (have - 5)) & 31)]);
				have -= 5;
			}
		}
		return sb.toString();
	}

}
