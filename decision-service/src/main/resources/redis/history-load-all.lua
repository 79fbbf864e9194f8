-- The whole history with its scores, and its version, read atomically.
-- KEYS: h (history), v (version).
-- Returns {version, member, score, member, score...}.
local m = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
table.insert(m, 1, redis.call('GET', KEYS[2]) or '0')
return m
