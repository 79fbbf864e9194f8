package com.contactdecision.security;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.contactdecision.privacy.AesGcmCipher;
import com.contactdecision.privacy.HmacPseudonymiser;
import com.contactdecision.privacy.Pseudonymiser;

/**
 * The secrets behind personal data: the pseudonym secret (HMAC-SHA256) and the profile
 * encryption keys (AES-GCM). Configured, or generated on first start in the secrets
 * directory.
 */
@Configuration(proxyBeanMethods = false)
class PrivacyConfiguration {

	@Bean
	Pseudonymiser pseudonymiser(SecurityProperties properties) throws IOException {
		Map<String, byte[]> secrets = Secrets.load(properties.pseudonymSecrets(),
				Path.of(properties.secretsDir(), "pseudonym.secrets"), 32,
				"pseudonym secret (decisioning.security.pseudonym-secrets)");
		List<HmacPseudonymiser.Secret> list = new ArrayList<>();
		secrets.forEach((id, key) -> list.add(new HmacPseudonymiser.Secret(id, key)));
		return new HmacPseudonymiser(list);
	}

	@Bean
	AesGcmCipher profileCipher(SecurityProperties properties) throws IOException {
		Map<String, byte[]> keys = Secrets.load(properties.encryptionKeys(),
				Path.of(properties.secretsDir(), "encryption.keys"), 32,
				"profile encryption key (decisioning.security.encryption-keys)");
		return new AesGcmCipher(keys, keys.keySet().iterator().next());
	}

}
