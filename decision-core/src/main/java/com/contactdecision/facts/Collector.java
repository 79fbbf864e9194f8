package com.contactdecision.facts;

import java.util.Map;

/** Who is contacting, as the content and scope rules need it (CONTRACT section 4). */
public record Collector(String collectorId, String legalName, String businessName, CollectorType type,
		Map<String, String> licences) {

	public Collector {
		type = type == null ? CollectorType.DEBT_COLLECTOR : type;
		licences = Lists.of(licences);
	}

	/**
	 * Stands in when no collector is named and none is configured: Reg F applies (the
	 * stricter reading).
	 */
	public static Collector anonymous(String id) {
		return new Collector(id, null, null, CollectorType.DEBT_COLLECTOR, Map.of());
	}

	public Collector withId(String id) {
		return new Collector(id, legalName, businessName, type, licences);
	}

}
