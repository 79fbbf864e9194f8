package com.contactdecision.redis;

import com.contactdecision.history.HistorySnapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

import com.contactdecision.decision.FactReader;
import com.contactdecision.facts.Collector;
import com.contactdecision.facts.Consent;
import com.contactdecision.facts.ConsumerProfile;
import com.contactdecision.facts.ContactRecord;
import com.contactdecision.facts.Debt;
import com.contactdecision.profiles.ConsumerRecords;
import com.contactdecision.redis.RedisProfileStore;
import com.contactdecision.validation.Limits;

/**
 * The decision's read in one round trip: one pipeline holding a script over the
 * consumer's slot (history and its version, profile, consents: all under the
 * {@code {c:<id>}} hash tag, so the history and its version are read atomically) and a
 * GET per debt and for the collector. On a Cluster the pipeline fans out to the nodes
 * holding those keys in parallel.
 */
public final class RedisFactReader implements FactReader {

	/**
	 * The consumer's part (redis/decision-read.lua). EVAL, not EVALSHA: inside a pipeline
	 * a NOSCRIPT answer could not be retried without a second round trip. It reads one
	 * more history record than {@link Limits#MAX_HISTORY_RECORDS}, so the core sees the
	 * overflow and fails closed, and no consumer's history can make one read unbounded.
	 */
	private static final RedisClients.Script READ = RedisClients.Script.load("decision-read.lua");

	private final UnifiedJedis redis;

	private final RedisContactHistory history;

	private final RedisProfileStore profiles;

	public RedisFactReader(UnifiedJedis redis, RedisContactHistory history, RedisProfileStore profiles) {
		this.redis = redis;
		this.history = history;
		this.profiles = profiles;
	}

	@Override
	public Facts read(String consumerId, List<String> debtIds, String collectorId, Instant historySince) {
		return RedisClients.call("decision read", () -> {
			Response<Object> consumer;
			List<Response<String>> debts = new ArrayList<>();
			Response<String> collector = null;
			try (AbstractPipeline p = redis.pipelined()) {
				consumer = p.eval(READ.source(),
						List.of(history.keys().history(consumerId), history.keys().version(consumerId),
								profiles.keys().profile(consumerId), profiles.keys().consents(consumerId),
								profiles.keys().kept(consumerId)),
						List.of(historySince == null ? "-inf" : Long.toString(historySince.toEpochMilli()),
								Integer.toString(Limits.MAX_HISTORY_RECORDS + 1)));
				for (String id : debtIds) {
					debts.add(p.get(profiles.keys().debt(id)));
				}
				if (collectorId != null) {
					collector = p.get(profiles.keys().collector(collectorId));
				}
				p.sync();
			}
			List<?> reply = (List<?>) consumer.get();
			long version = Long.parseLong(text(reply.get(0)));
			String profile = text(reply.get(1));
			String kept = text(reply.get(4));
			List<Consent> consents = new ArrayList<>();
			for (Object c : (List<?>) reply.get(2)) {
				consents.add(profiles.read(text(c), Consent.class));
			}
			List<ContactRecord> records = new ArrayList<>();
			for (Object m : (List<?>) reply.get(3)) {
				records.add(history.decode(consumerId, text(m)));
			}
			Map<String, Debt> found = new LinkedHashMap<>();
			for (int i = 0; i < debtIds.size(); i++) {
				Debt d = profiles.read(debts.get(i).get(), Debt.class);
				if (d != null) {
					found.put(debtIds.get(i), d);
				}
			}
			// What an erasure kept still decides, with any profile put since
			// (ConsumerRecords.withKept).
			ConsumerProfile onFile = ConsumerRecords.withKept(
					profile.isEmpty() ? null : profiles.readProfile(consumerId, profile),
					kept.isEmpty() ? null : profiles.readProfile(consumerId, kept));
			return new Facts(onFile, consents, found,
					collector == null ? null : profiles.read(collector.get(), Collector.class),
					new HistorySnapshot(records, version));
		});
	}

	private static String text(Object value) {
		return value instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8)
				: String.valueOf(value);
	}

}
