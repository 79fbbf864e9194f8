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
 * holding those keys in parallel. A batch reads many decisions' facts in one pipeline
 * ({@link #readAll}).
 */
public final class RedisFactReader implements FactReader {

	/**
	 * The consumer's part (redis/decision-read.lua). EVAL, not EVALSHA: inside a pipeline
	 * a NOSCRIPT answer could not be retried without a second round trip. It reads one
	 * more history record than {@link Limits#MAX_HISTORY_RECORDS}, so the core sees the
	 * overflow and fails closed, and no consumer's history can make one read unbounded.
	 */
	private static final RedisClients.Script READ = RedisClients.Script.load("decision-read.lua");

	/** Queries per pipeline in {@link #readAll}: bounds one reply's size. */
	static final int PIPELINE = 200;

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
		return readAll(List.of(new Query(consumerId, debtIds, collectorId, historySince))).get(0);
	}

	/**
	 * The facts of many decisions in one pipeline per {@link #PIPELINE} queries: a batch
	 * of 10 000 items costs 50 round trips to read rather than 10 000.
	 */
	@Override
	public List<Facts> readAll(List<Query> queries) {
		List<Facts> all = new ArrayList<>(queries.size());
		for (int from = 0; from < queries.size(); from += PIPELINE) {
			List<Query> part = queries.subList(from, Math.min(queries.size(), from + PIPELINE));
			all.addAll(RedisClients.call("decision read", () -> {
				List<Pending> pending = new ArrayList<>(part.size());
				try (AbstractPipeline p = redis.pipelined()) {
					for (Query q : part) {
						pending.add(queue(p, q));
					}
					p.sync();
				}
				List<Facts> facts = new ArrayList<>(pending.size());
				for (Pending one : pending) {
					facts.add(decode(one));
				}
				return facts;
			}));
		}
		return all;
	}

	/** One query's replies, to be read once its pipeline is synced. */
	private record Pending(Query query, Response<Object> consumer, List<Response<String>> debts,
			Response<String> collector) {
	}

	private Pending queue(AbstractPipeline p, Query q) {
		String consumerId = q.consumerId();
		Response<Object> consumer = p.eval(READ.source(),
				List.of(history.keys().history(consumerId), history.keys().version(consumerId),
						profiles.keys().profile(consumerId), profiles.keys().consents(consumerId),
						profiles.keys().kept(consumerId)),
				List.of(q.historySince() == null ? "-inf" : Long.toString(q.historySince().toEpochMilli()),
						Integer.toString(Limits.MAX_HISTORY_RECORDS + 1)));
		List<Response<String>> debts = new ArrayList<>(q.debtIds().size());
		for (String id : q.debtIds()) {
			debts.add(p.get(profiles.keys().debt(id)));
		}
		Response<String> collector = q.collectorId() == null ? null : p.get(profiles.keys().collector(q.collectorId()));
		return new Pending(q, consumer, debts, collector);
	}

	private Facts decode(Pending pending) {
		String consumerId = pending.query().consumerId();
		List<String> debtIds = pending.query().debtIds();
		Response<String> collector = pending.collector();
		List<?> reply = (List<?>) pending.consumer().get();
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
			Debt d = profiles.read(pending.debts().get(i).get(), Debt.class);
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
	}

	private static String text(Object value) {
		return value instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8)
				: String.valueOf(value);
	}

}
