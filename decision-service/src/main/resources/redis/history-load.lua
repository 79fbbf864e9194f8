-- The history from a score on, and its version, read atomically.
-- KEYS: h (history), v (version). ARGV: min score.
-- Returns {version, member...}.
local m = redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[1], '+inf')
table.insert(m, 1, redis.call('GET', KEYS[2]) or '0')
return m
