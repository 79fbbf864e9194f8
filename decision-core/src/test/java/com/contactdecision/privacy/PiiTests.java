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

	@Test
	void formattedNumbersAndStreetAddressesAreMaskedToo() {
		assertThat(Pii.mask("call (312) 555-0100 or 312-555-0101 at 221B Baker Street, or 12 N. Main St."))
			.doesNotContain("555-0100")
			.doesNotContain("555-0101")
			.doesNotContain("Baker")
			.doesNotContain("Main St")
			.contains("[street address]");
	}

	@Test
	void replaceSwapsEveryNumberAndAddressForWhatTheFunctionGives() {
		assertThat(Pii.replace("opted out of CALL at +13125550100 and EMAIL at j@example.com",
				v -> "<" + v.length() + ">"))
			.isEqualTo("opted out of CALL at <12> and EMAIL at <13>");
		assertThat(Pii.replace("nothing personal", v -> "x")).isEqualTo("nothing personal");
	}

}
