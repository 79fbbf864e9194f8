package com.contactdecision.zones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.List;
import java.util.SortedSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeZoneResolverTests {

	private static final String NEW_YORK = "America/New_York";

	private static final String CHICAGO = "America/Chicago";

	private static final String DENVER = "America/Denver";

	private static final String PHOENIX = "America/Phoenix";

	private final TimeZoneResolver resolver = new TimeZoneResolver();

	private static List<String> ids(SortedSet<ZoneId> zones) {
		return zones.stream().map(ZoneId::getId).toList();
	}

	// --- phone
	// -------------------------------------------------------------------------------------------------

	@ParameterizedTest
	@CsvSource({ "+12125550123, America/New_York", "+14155550199, America/Los_Angeles", "+13125550100, America/Chicago",
			"+16025550100, America/Phoenix", "+442079460000, Europe/London", })
	void phoneAreaCodeMapsToItsZone(String phone, String zone) {
		assertThat(ids(resolver.zonesForPhone(phone))).containsExactly(zone);
	}

	@Test
	void phoneSpanningSeveralZonesReturnsAllSortedById() {
		// 907 spans Alaska and the Aleutians; libphonenumber also places exchange 907-581
		// in Pacific/Honolulu.
		assertThat(ids(resolver.zonesForPhone("+19075550100"))).containsExactly("America/Adak", "America/Anchorage",
				"Pacific/Honolulu");
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "555-FOO", "   ", "2125550123", "+1", "+999123" })
	void garbagePhoneGivesEmptySet(String phone) {
		assertThat(resolver.zonesForPhone(phone)).isEmpty();
	}

	@Test
	void phoneTheMapperCannotPlaceGivesEmptySetNotEtcUnknown() {
		// 555 is not an assigned NANP area code: libphonenumber answers "Etc/Unknown" for
		// it.
		assertThat(resolver.zonesForPhone("+15555550100")).isEmpty();
	}

	// --- US addresses
	// ------------------------------------------------------------------------------------------

	@ParameterizedTest(name = "{0} {1} -> {2}")
	@CsvSource({ "IL, 60601, America/Chicago", "FL, 32501, America/Chicago", "FL, 33101, America/New_York",
			"TX, 79901, America/Denver", "TX, 75201, America/Chicago", "IN, 46201, America/Indiana/Indianapolis",
			"IN, 47708, America/Chicago", "MA, 02139, America/New_York", "AZ, 85004, America/Phoenix",
			"ID, 83814, America/Los_Angeles", "ID, 83702, America/Boise", "OR, 97201, America/Los_Angeles",
			"MI, 48226, America/Detroit", "AK, 99701, America/Anchorage", "HI, 96813, Pacific/Honolulu",
			"PR, 00901, America/Puerto_Rico", })
	void zipNarrowsToOneZone(String state, String zip, String zone) {
		assertThat(ids(resolver.zonesForAddress("US", state, zip))).containsExactly(zone);
	}

	/**
	 * ZIPs absent from us-zip5.csv (e.g. 32414, 49803, 79801) fall back to their ZIP3.
	 */
	@ParameterizedTest(name = "{0} {1} straddles")
	@CsvSource({ "FL, 32414, America/Chicago, America/New_York", "AZ, 86503, America/Denver, America/Phoenix",
			"MI, 49803, America/Detroit, America/Menominee", "AK, 99546, America/Adak, America/Anchorage",
			"TX, 79801, America/Chicago, America/Denver", "OR, 97914, America/Boise, America/Los_Angeles", })
	void zip3StraddlingAZoneLineGivesBothZones(String state, String zip, String first, String second) {
		assertThat(ids(resolver.zonesForAddress("US", state, zip))).containsExactly(first, second);
	}

	@Test
	void singleZoneStateWithoutPostalCode() {
		assertThat(ids(resolver.zonesForAddress("US", "IL", null))).containsExactly(CHICAGO);
		assertThat(ids(resolver.zonesForAddress("US", "CA", null))).containsExactly("America/Los_Angeles");
	}

	@Test
	void splitStateWithoutPostalCodeGivesEveryZoneOfTheState() {
		assertThat(ids(resolver.zonesForAddress("US", "FL", null))).containsExactly(CHICAGO, NEW_YORK);
		assertThat(ids(resolver.zonesForAddress("US", "IN", null))).containsExactly(CHICAGO,
				"America/Indiana/Indianapolis");
		assertThat(ids(resolver.zonesForAddress("US", "KY", null))).containsExactly(CHICAGO, NEW_YORK);
	}

	@Test
	void arizonaIsPhoenixExceptThatTheNavajoNationKeepsDaylightTime() {
		// Without a ZIP the Navajo Nation (Mountain time with DST) cannot be ruled out.
		assertThat(ids(resolver.zonesForAddress("US", "AZ", null))).containsExactly(DENVER, PHOENIX);
		assertThat(ids(resolver.zonesForAddress("US", "AZ", "85701"))).containsExactly(PHOENIX);
	}

	@Test
	void splitStateWithUnusablePostalCodeGivesEveryZoneOfTheState() {
		assertThat(ids(resolver.zonesForAddress("US", "FL", "ABCDE"))).containsExactly(CHICAGO, NEW_YORK);
		assertThat(ids(resolver.zonesForAddress("US", "FL", "   "))).containsExactly(CHICAGO, NEW_YORK);
	}

	@Test
	void zipPlusFourAndLowerCaseCodesAreAccepted() {
		assertThat(ids(resolver.zonesForAddress("us", "fl", "32501-1234"))).containsExactly(CHICAGO);
		assertThat(ids(resolver.zonesForAddress("US", "US-FL", "325011234"))).containsExactly(CHICAGO);
	}

	@Test
	void stateDerivedFromZipWhenStateIsMissing() {
		assertThat(ids(resolver.zonesForAddress("US", null, "60601"))).containsExactly(CHICAGO);
		assertThat(ids(resolver.zonesForAddress("US", null, "32501"))).containsExactly(CHICAGO);
		assertThat(ids(resolver.zonesForAddress("US", null, "32414"))).containsExactly(CHICAGO, NEW_YORK);
	}

	@Test
	void zipOfAnotherStateAddsItsZonesToTheStatesZones() {
		assertThat(ids(resolver.zonesForAddress("US", "NY", "60601"))).containsExactly(CHICAGO, NEW_YORK);
	}

	@Test
	void singleZoneStateSharingAZip3WithASplitStateKeepsItsOwnZone() {
		// 834 is an Idaho ZIP3 that also holds Alta, WY.
		assertThat(ids(resolver.zonesForAddress("US", "WY", "83414"))).containsExactly(DENVER);
	}

	@Test
	void usAddressWithNothingUsableIsUnknown() {
		assertThat(resolver.zonesForAddress("US", null, null)).isEmpty();
		assertThat(resolver.zonesForAddress("US", "AE", "FOO")).isEmpty();
		assertThat(resolver.zonesForAddress("US", null, "00000")).isEmpty();
	}

	@Test
	void everyStateDcAndTerritoryIsMapped() {
		List<String> codes = List.of("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL",
				"IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ",
				"NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA",
				"WV", "WI", "WY", "PR", "VI", "GU", "AS", "MP");
		assertThat(codes)
			.allSatisfy(code -> assertThat(resolver.zonesForAddress("US", code, null)).as(code).isNotEmpty());
	}

	// --- other countries
	// ---------------------------------------------------------------------------------------

	@Test
	void britishAddress() {
		assertThat(ids(resolver.zonesForAddress("GB", null, "SW1A 1AA"))).containsExactly("Europe/London");
	}

	@ParameterizedTest
	@ValueSource(strings = { "GB", "IE", "DE", "FR", "ES", "IT", "NL", "BE", "PT", "AT", "PL", "SE", "DK", "FI", "CA",
			"MX", "AU" })
	void requiredCountriesAreMapped(String country) {
		assertThat(resolver.zonesForAddress(country, null, null)).isNotEmpty();
	}

	@Test
	void multiZoneCountryWithoutBetterInformationGivesAllItsZones() {
		assertThat(ids(resolver.zonesForAddress("CA", null, null))).contains("America/St_Johns", "America/Halifax",
				"America/Toronto", "America/Winnipeg", "America/Regina", "America/Edmonton", "America/Vancouver");
		assertThat(ids(resolver.zonesForAddress("ES", null, null))).containsExactly("Africa/Ceuta", "Atlantic/Canary",
				"Europe/Madrid");
		assertThat(ids(resolver.zonesForAddress("ES", null, "ABC"))).containsExactly("Africa/Ceuta", "Atlantic/Canary",
				"Europe/Madrid");
	}

	@Test
	void canadianProvinceNarrowsTheCountry() {
		assertThat(ids(resolver.zonesForAddress("CA", "ON", "M5V 3L9"))).containsExactly("America/Atikokan",
				"America/Toronto", "America/Winnipeg");
		assertThat(ids(resolver.zonesForAddress("CA", "CA-AB", null))).containsExactly("America/Edmonton");
		assertThat(ids(resolver.zonesForAddress("CA", "ZZ", null))).contains("America/St_Johns", "America/Vancouver");
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "XX", "USA", "Germany" })
	void unknownCountryIsUnknown(String country) {
		assertThat(resolver.zonesForAddress(country, "FL", "32501")).isEmpty();
	}

	@Test
	void resultsAreImmutable() {
		SortedSet<ZoneId> zones = resolver.zonesForAddress("US", "FL", null);
		assertThatThrownBy(() -> zones.add(ZoneId.of("Europe/London")))
			.isInstanceOf(UnsupportedOperationException.class);
	}

	// --- isIanaZone
	// --------------------------------------------------------------------------------------------

	@ParameterizedTest
	@ValueSource(strings = { "America/Chicago", "Europe/London", "America/Indiana/Indianapolis", "Pacific/Honolulu" })
	void regionZonesAreIana(String id) {
		assertThat(TimeZoneResolver.isIanaZone(id)).isTrue();
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(
			strings = { "+05:00", "UTC+3", "GMT-5", "Z", "UTC", "EST", "Etc/GMT+5", "Mars/Olympus", "america/chicago" })
	void offsetsAliasesAndUnknownNamesAreNotIana(String id) {
		assertThat(TimeZoneResolver.isIanaZone(id)).isFalse();
	}

}
