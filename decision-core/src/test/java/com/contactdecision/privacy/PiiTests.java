package com.contactdecision.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PiiTests {

	@Test
	void phoneNumbersAreMaskedButForTheirCountryCodeAndLastTwoDigits() {
		assertThat(Pii.mask("no consent for AUTODIALED SMS to +13125550100."))
			.isEqualTo("no consent for AUTODIALED SMS to +1********00.")
			.doesNotContain("3125550100");
	}

	@Test
	void emailAddressesKeepOnlyTheirDomain() {
		assertThat(Pii.mask("employer email jane.doe@acme.example may not be used"))
			.isEqualTo("employer email ***@acme.example may not be used");
	}

	@Test
	void textWithoutPersonalDataIsUnchanged() {
		assertThat(Pii.mask("7 counted calls about debt d-1 from 2026-06-01 to 2026-06-07"))
			.isEqualTo("7 counted calls about debt d-1 from 2026-06-01 to 2026-06-07");
		assertThat(Pii.mask(null)).isNull();
	}

}
