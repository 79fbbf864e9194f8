-- A decision's facts about the consumer in one atomic read: the history from a score on and its
-- version, the profile and the consents (all under the consumer's {c:<id>} hash tag).
-- KEYS: history, version, profile, consents. ARGV: min score.
-- Returns {version, profile or '', {consent...}, {member...}}.
local h = redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[1], '+inf')
return { redis.call('GET', KEYS[2]) or '0', redis.call('GET', KEYS[3]) or '',
         redis.call('LRANGE', KEYS[4], 0, -1), h }
