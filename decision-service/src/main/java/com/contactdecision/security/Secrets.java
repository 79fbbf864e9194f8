package com.contactdecision.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secrets as configured ({@code id:base64[,id:base64...]}), or, when none is, read from a
 * file in the secrets directory that the first start creates, readable by its owner only.
 * Two instances started together on one directory agree: the file is created atomically,
 * and the loser reads the winner's.
 */
final class Secrets {

	private static final Logger log = LoggerFactory.getLogger(Secrets.class);

	private Secrets() {
	}

	/**
	 * @param configured the configured value, or blank
	 * @param file the file to read, or create with one new secret of {@code bytes} random
	 * bytes
	 * @param what names the secret (and its property) in messages; never the secret
	 * @return secrets by id, in the configured order (the current one first)
	 */
	static Map<String, byte[]> load(String configured, Path file, int bytes, String what) throws IOException {
		if (!SecurityProperties.blank(configured)) {
			return parse(configured, what);
		}
		if (!Files.exists(file)) {
			byte[] secret = new byte[bytes];
			new SecureRandom().nextBytes(secret);
			try {
				writeOwnerOnly(file, "k1:" + Base64.getEncoder().encodeToString(secret) + "\n");
				log.warn(
						"no {} configured: generated one in {} (owner-only); back it up, and give every instance the same",
						what, file.toAbsolutePath());
			}
			catch (FileAlreadyExistsException e) {
				// Another instance created it first: use theirs.
			}
		}
		return parse(Files.readString(file, StandardCharsets.UTF_8).strip(), what + " in " + file);
	}

	static Map<String, byte[]> parse(String value, String what) {
		Map<String, byte[]> secrets = new LinkedHashMap<>();
		for (String part : value.split(",")) {
			String p = part.strip();
			int colon = p.indexOf(':');
			if (colon <= 0) {
				throw new IllegalArgumentException(what + ": expected id:base64[,id:base64...]");
			}
			try {
				secrets.put(p.substring(0, colon), Base64.getDecoder().decode(p.substring(colon + 1)));
			}
			catch (IllegalArgumentException e) {
				throw new IllegalArgumentException(what + ": secret " + p.substring(0, colon) + " is not base64", e);
			}
		}
		return secrets;
	}

	/**
	 * Creates the file (and its directory) readable and writable by the owner only, with
	 * its content in place before its name appears (written aside, then linked), so a
	 * concurrent reader never sees it empty; fails with
	 * {@link FileAlreadyExistsException} if it exists.
	 */
	static void writeOwnerOnly(Path file, String content) throws IOException {
		Path dir = file.toAbsolutePath().getParent();
		Files.createDirectories(dir);
		Path aside = dir.resolve("." + file.getFileName() + "." + Long.toHexString(new SecureRandom().nextLong()));
		if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			Files.createFile(aside, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		else {
			Files.createFile(aside);
			java.io.File f = aside.toFile();
			f.setReadable(false, false);
			f.setWritable(false, false);
			f.setReadable(true, true);
			f.setWritable(true, true);
		}
		try {
			Files.writeString(aside, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
			Files.createLink(file.toAbsolutePath(), aside);
		}
		finally {
			Files.deleteIfExists(aside);
		}
	}

}
