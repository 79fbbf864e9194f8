-- A decision's facts about the consumer in one atomic read: the history from a score on and its
-- version, the profile, the consents and what an erasure kept (all under the consumer's {c:<id>}
-- hash tag).
-- KEYS: history, version, profile, consents, kept. ARGV: min score, most history records to read
-- (the core's limit plus one: it fails closed on a longer history rather than decide on part of it).
-- Returns {version, profile or '', {consent...}, {member...}, kept or ''}.
local h
if ARGV[2] then
  h = redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[1], '+inf', 'LIMIT', 0, tonumber(ARGV[2]))
else
  h = redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[1], '+inf')
end
return { redis.call('GET', KEYS[2]) or '0', redis.call('GET', KEYS[3]) or '',
         redis.call('LRANGE', KEYS[4], 0, -1), h, redis.call('GET', KEYS[5]) or '' }
