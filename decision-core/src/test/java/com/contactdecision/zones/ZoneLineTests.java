package com.contactdecision.zones;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.prefixmapper.PrefixTimeZonesMap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.ObjectInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every zone the consumer may be in, no more and no fewer: split area codes, ZIP-level
 * zones and postal codes abroad, checked on both sides of zone lines and against the
 * bundled tables as a whole.
 */
class ZoneLineTests {

	private static final String NEW_YORK = "America/New_York";

	private static final String CHICAGO = "America/Chicago";

	private static final String DENVER = "America/Denver";

	private static final String INDIANAPOLIS = "America/Indiana/Indianapolis";

	private static final PhoneNumberUtil PHONE_UTIL = PhoneNumberUtil.getInstance();

	private static final PhoneNumberToTimeZonesMapper MAPPER = PhoneNumberToTimeZonesMapper.getInstance();

	private final TimeZoneResolver resolver = new TimeZoneResolver();

	private static List<String> ids(SortedSet<ZoneId> zones) {
		return zones.stream().map(ZoneId::getId).toList();
	}

	// --- split area codes
	// ----------------------------------------------------------------------------------------

	/**
	 * Exchange 555 (fictional numbers; 382 in 208) is in no table: the number gets every
	 * zone of its area code.
	 */
	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource({ "+12705550100, America/Chicago;America/New_York", // KY: Owensboro,
																	// Bowling Green
																	// Central;
																	// Elizabethtown
																	// Eastern
			"+13645550100, America/Chicago;America/New_York", // KY: overlay of 270, no
																// exchange data of its
																// own
			"+18125550100, America/Chicago;America/New_York", // IN: Evansville Central;
																// Bloomington Eastern
			"+19305550100, America/Chicago;America/New_York", // IN: overlay of 812
			"+18505550100, America/Chicago;America/New_York", // FL: Pensacola Central;
																// Tallahassee Eastern
			"+16055550100, America/Chicago;America/Denver", // SD
			"+17015550100, America/Chicago;America/Denver", // ND
			"+13085550100, America/Chicago;America/Denver", // NE
			"+16205550100, America/Chicago;America/Denver", // KS
			"+17855550100, America/Chicago;America/Denver", // KS
			"+14325550100, America/Chicago;America/Denver", // TX: Hudspeth-side exchanges
			"+12083820100, America/Boise;America/Denver;America/Los_Angeles", // ID: north
																				// Pacific,
																				// south
																				// Mountain
			"+15415550100, America/Boise;America/Denver;America/Los_Angeles", // OR:
																				// Malheur
																				// Co.
																				// Mountain
			"+19065550100, America/Chicago;America/New_York", // MI: Upper Peninsula
			"+14235550100, America/Chicago;America/New_York", // TN: Chattanooga Eastern,
																// plateau Central
	})
	void splitAreaCodeWithAnUnknownExchangeGetsEveryZoneOfTheAreaCode(String phone, String zones) {
		assertThat(ids(resolver.zonesForPhone(phone))).containsExactly(zones.split(";"));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource({ "+12706850100, America/Chicago", // Owensboro KY
			"+12702340100, America/New_York", // Elizabethtown KY
			"+18504340100, America/Chicago", // Pensacola FL
			"+18502220100, America/New_York", // Tallahassee FL
			"+18123320100, America/New_York", // Bloomington IN
			"+16053420100, America/Denver", // Rapid City SD
			"+16052240100, America/Chicago", // Pierre SD
			"+13086320100, America/Denver", // Scottsbluff NE
			"+13085320100, America/Chicago", // North Platte NE
			"+19067740100, America/Chicago", // Iron Mountain MI
			"+19062280100, America/New_York", // Marquette MI
			"+12082630100, America/Los_Angeles", // Sandpoint ID
	})
	void anExchangeThatPinsOneZoneGetsOnlyThatZone(String phone, String zone) {
		assertThat(ids(resolver.zonesForPhone(phone))).containsExactly(zone);
	}

	@Test
	void singleZoneAreaCodesAreUnchanged() {
		assertThat(ids(resolver.zonesForPhone("+19315550100"))).containsExactly(CHICAGO); // TN,
																							// all
																							// Central
		assertThat(ids(resolver.zonesForPhone("+19155550100"))).containsExactly(DENVER); // El
																							// Paso
		assertThat(ids(resolver.zonesForPhone("+12125550123"))).containsExactly(NEW_YORK);
	}

	@Test
	void tollFreeNumbersMayBeAnywhereInTheNanp() {
		// No area-code row: libphonenumber answers every zone of country code 1
		// (unchanged behaviour).
		assertThat(ids(resolver.zonesForPhone("+18005550100"))).contains(NEW_YORK, CHICAGO, DENVER, "America/Phoenix",
				"America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu");
		assertThat(resolver.zonesForPhone("+18885550100")).hasSizeGreaterThan(20);
	}

	/**
	 * Every row of nanp-area-codes.csv: every exchange row answers its zones, and a
	 * number in an exchange without a row answers exactly its area code's zones.
	 */
	@Test
	void everyAreaCodeAndExchangeOfTheTableAnswersItsRow() throws Exception {
		Map<String, List<String>> rows = table("nanp-area-codes.csv");
		int checked = 0;
		for (Map.Entry<String, List<String>> row : rows.entrySet()) {
			String prefix = row.getKey();
			if (prefix.length() == 6) {
				if (geographic("+1" + prefix + "0100")) {
					assertThat(ids(resolver.zonesForPhone("+1" + prefix + "0100"))).as(prefix)
						.isEqualTo(row.getValue());
					checked++;
				}
				continue;
			}
			int unknown = 0;
			for (int nxx = 200; nxx <= 999 && unknown < 3; nxx++) {
				String number = "+1" + prefix + nxx + "0100";
				if (!rows.containsKey(prefix + nxx) && geographic(number)) {
					assertThat(ids(resolver.zonesForPhone(number))).as(number).isEqualTo(row.getValue());
					unknown++;
					checked++;
				}
			}
		}
		assertThat(rows.keySet().stream().filter(p -> p.length() == 3)).hasSizeGreaterThan(400);
		assertThat(checked).isGreaterThan(5000);
	}

	/**
	 * No fewer than libphonenumber: for a number in every NANP prefix of libphonenumber's
	 * own time-zone data (area codes and the exchanges it names), the resolver's zones
	 * include a zone with the same clock as each zone libphonenumber answers for that
	 * number.
	 */
	@Test
	void everyNanpPrefixOfLibphonenumberIsCovered() throws Exception {
		PrefixTimeZonesMap map = new PrefixTimeZonesMap();
		try (InputStream in = PrefixTimeZonesMap.class
			.getResourceAsStream("/com/google/i18n/phonenumbers/timezones/data/map_data")) {
			map.readExternal(new ObjectInputStream(in));
		}
		int checked = 0;
		for (String line : map.toString().split("\n")) {
			String[] f = line.split("\\|", 2);
			if (!f[0].startsWith("1") || f[0].length() < 4) {
				continue;
			}
			String prefix = f[0].substring(1);
			String nxx = prefix.length() == 3 ? "555" : (prefix.substring(3) + "00").substring(0, 3);
			String number = "+1" + prefix.substring(0, 3) + nxx + "0100";
			if (!PHONE_UTIL.isValidNumber(PHONE_UTIL.parse(number, "ZZ"))) {
				continue;
			}
			SortedSet<ZoneId> ours = resolver.zonesForPhone(number);
			for (String zone : MAPPER.getTimeZonesForNumber(PHONE_UTIL.parse(number, "ZZ"))) {
				assertThat(ours).as(number + " covers " + zone).anyMatch(z -> sameClock(z, ZoneId.of(zone)));
			}
			checked++;
		}
		assertThat(checked).isGreaterThan(1500);
	}

	// --- ZIP-level zones
	// -----------------------------------------------------------------------------------------

	@ParameterizedTest(name = "{0} {1}: {2}")
	@CsvSource({ "IN, 47546, America/Indiana/Indianapolis", // Jasper, Dubois Co.: Eastern
															// side of the Indiana line
			"IN, 47601, America/Chicago", // Boonville, Warrick Co.: Central side
			"FL, 32401, America/Chicago", // Panama City: ZIP3 324 straddles, this ZIP
											// does not
			"FL, 32320, America/New_York", // Apalachicola
			"TX, 79830, America/Chicago", // Alpine: ZIP3 798 straddles
			"TX, 79901, America/Denver", // El Paso
			"KY, 42101, America/Chicago", // Bowling Green
			"KY, 42701, America/New_York", // Elizabethtown
			"TN, 38555, America/Chicago", // Crossville, Cumberland Plateau
			"TN, 37745, America/New_York", // Greeneville
			"NE, 69101, America/Chicago", // North Platte: ZIP3 691 straddles
			"NE, 69361, America/Denver", // Scottsbluff
			"SD, 57501, America/Chicago", // Pierre: ZIP3 575 straddles
			"SD, 57701, America/Denver", // Rapid City
			"ID, 83501, America/Los_Angeles", // Lewiston: ZIP3 835 straddles
			"ID, 83201, America/Boise", // Pocatello
			"MI, 49801, America/Menominee", // Iron Mountain: ZIP3 498 straddles
			"MI, 49855, America/Detroit", // Marquette
			"ND, 58501, America/Chicago", // Bismarck: ZIP3 585 straddles
	})
	void aZipOnOneSideOfAZoneLineDoesNotGetTheOtherSidesZone(String state, String zip, String zone) {
		assertThat(ids(resolver.zonesForAddress("US", state, zip))).containsExactly(zone);
		assertThat(ids(resolver.zonesForAddress("US", null, zip))).containsExactly(zone);
	}

	@ParameterizedTest(name = "{0} {1} straddles")
	@CsvSource({ "FL, 32456, America/Chicago;America/New_York", // Port St. Joe: Gulf Co.
																// is split
			"IN, 46511, America/Chicago;America/Indiana/Indianapolis", // Culver: reaches
																		// Starke Co.
																		// (Central)
			"KY, 42728, America/Chicago;America/New_York", // Columbia: reaches Central
															// counties
			"OR, 97913, America/Boise;America/Los_Angeles", // Nyssa, Malheur Co.
			"NV, 89883, America/Denver;America/Los_Angeles", // West Wendover keeps
																// Mountain time
			"AL, 36867, America/Chicago;America/New_York", // Phenix City keeps Eastern
															// time with Columbus GA
	})
	void aZipAcrossAZoneLineGetsBothSides(String state, String zip, String zones) {
		assertThat(ids(resolver.zonesForAddress("US", state, zip))).containsExactly(zones.split(";"));
	}

	@Test
	void aZipReachingIntoAnotherStateIsNarrowedToTheStateOfTheAddress() {
		// Union City OH reaches into Randolph Co. IN; an Ohio address is in the Ohio
		// part.
		assertThat(ids(resolver.zonesForAddress("US", null, "45390"))).containsExactly(INDIANAPOLIS, NEW_YORK);
		assertThat(ids(resolver.zonesForAddress("US", "OH", "45390"))).containsExactly(NEW_YORK);
	}

	@Test
	void aZipOfAnotherStateStillAddsItsZones() {
		assertThat(ids(resolver.zonesForAddress("US", "IN", "60601"))).containsExactly(CHICAGO, INDIANAPOLIS);
	}

	/**
	 * Every ZIP of us-zip5.csv, without a state, answers exactly its row; the table stays
	 * under 1 MB.
	 */
	@Test
	void everyZipOfTheTableAnswersItsRow() throws IOException {
		Map<String, List<String>> rows = table("us-zip5.csv");
		int checked = 0;
		for (Map.Entry<String, List<String>> row : rows.entrySet()) {
			String[] range = row.getKey().split("-");
			int from = Integer.parseInt(range[0]);
			int to = Integer.parseInt(range[range.length - 1]);
			for (int zip = from; zip <= to; zip++) {
				String code = String.format("%05d", zip);
				assertThat(ids(resolver.zonesForAddress("US", null, code))).as(code).isEqualTo(row.getValue());
				checked++;
			}
		}
		assertThat(checked).isGreaterThan(40000);
		try (InputStream in = TimeZoneResolver.class.getResourceAsStream("/zones/us-zip5.csv")) {
			assertThat(in.readAllBytes().length).isLessThan(1 << 20);
		}
	}

	// --- countries with several zones
	// ----------------------------------------------------------------------------

	@ParameterizedTest(name = "{0} {1}: {2}")
	@CsvSource({ "PT, 9500-123, Atlantic/Azores", // Ponta Delgada
			"PT, 9900-014, Atlantic/Azores", // Horta
			"PT, 9000-018, Atlantic/Madeira", // Funchal
			"PT, 1100-148, Europe/Lisbon", // Lisbon
			"ES, 35001, Atlantic/Canary", // Las Palmas de Gran Canaria
			"ES, 38001, Atlantic/Canary", // Santa Cruz de Tenerife
			"ES, 28001, Europe/Madrid", // Madrid
			"ES, 07001, Europe/Madrid", // Palma: the Balearics keep peninsular time
			"ES, 51001, Africa/Ceuta", // Ceuta
			"ES, 52001, Africa/Ceuta", // Melilla
			"EC, 200101, Pacific/Galapagos", // Puerto Baquerizo Moreno
			"EC, EC170150, America/Guayaquil", // Quito
			"EC, 090101, America/Guayaquil", // Guayaquil
	})
	void aPostalCodeThatDecidesGivesItsZone(String country, String postalCode, String zone) {
		assertThat(ids(resolver.zonesForAddress(country, null, postalCode))).containsExactly(zone);
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource({ "PT, ABC", "PT, 12", "ES, 99001", "EC, 9", "PT, ''" })
	void aPostalCodeThatDecidesNothingGivesEveryZoneOfTheCountry(String country, String postalCode) {
		assertThat(resolver.zonesForAddress(country, null, postalCode))
			.isEqualTo(resolver.zonesForAddress(country, null, null))
			.hasSizeGreaterThan(1);
	}

	// --- helpers
	// -------------------------------------------------------------------------------------------------

	/**
	 * A valid number libphonenumber ties to a place (not toll-free, not a Caribbean
	 * mobile).
	 */
	private static boolean geographic(String number) throws Exception {
		var parsed = PHONE_UTIL.parse(number, "ZZ");
		return PHONE_UTIL.isValidNumber(parsed) && PHONE_UTIL.isNumberGeographical(parsed);
	}

	/** Key -> zones of a bundled "key,zones" table, in file order. */
	private static Map<String, List<String>> table(String resource) throws IOException {
		Map<String, List<String>> rows = new LinkedHashMap<>();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(
				TimeZoneResolver.class.getResourceAsStream("/zones/" + resource), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] f = line.split(",");
				rows.put(f[0], new ArrayList<>(new TreeSet<>(Arrays.asList(f[1].split(";")))));
			}
		}
		return rows;
	}

	/** Same UTC offset now and at every transition of either zone up to 2040. */
	private static boolean sameClock(ZoneId a, ZoneId b) {
		ZoneRules ra = a.getRules();
		ZoneRules rb = b.getRules();
		Instant from = Instant.parse("2020-01-01T00:00:00Z");
		Instant to = Instant.parse("2040-01-01T00:00:00Z");
		Set<Instant> instants = new TreeSet<>(List.of(from));
		for (ZoneRules rules : List.of(ra, rb)) {
			for (ZoneOffsetTransition t = rules.nextTransition(from); t != null
					&& t.getInstant().isBefore(to); t = rules.nextTransition(t.getInstant())) {
				instants.add(t.getInstant());
			}
		}
		return instants.stream().allMatch(i -> ra.getOffset(i).equals(rb.getOffset(i)));
	}

}
