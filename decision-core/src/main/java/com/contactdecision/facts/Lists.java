package com.contactdecision.facts;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Null-tolerant copies for record constructors: JSON may omit any collection. */
public final class Lists {

	private Lists() {
	}

	/**
	 * Null elements are dropped: an empty string in a JSON array reads as absent
	 * (json.Json).
	 */
	public static <T> List<T> of(List<T> list) {
		if (list == null) {
			return List.of();
		}
		for (T t : list) {
			if (t == null) {
				return list.stream().filter(java.util.Objects::nonNull).toList();
			}
		}
		return List.copyOf(list);
	}

	public static <T> Set<T> of(Set<T> set) {
		return set == null ? Set.of() : Set.copyOf(set);
	}

	public static <K, V> Map<K, V> of(Map<K, V> map) {
		return map == null ? Map.of() : Map.copyOf(map);
	}

}
