-- Appends a record if the history has not moved since it was read (optimistic concurrency).
-- KEYS: h (history), v (version), rsv (reservations).
-- ARGV: expected version, score, member, decisionId of a reservation or '', retention ms, now ms,
-- request field (q:<collector>:<requestId>, mapped to the decisionId so an event can settle by it) or ''.
-- Returns 1 when appended, 0 when the version moved.
if (redis.call('GET', KEYS[2]) or '0') ~= ARGV[1] then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
local request = ARGV[7] or ''
if ARGV[4] ~= '' then redis.call('HSET', KEYS[3], ARGV[4], reserved(ARGV[3], request)) end
if ARGV[4] ~= '' and request ~= '' then redis.call('HSET', KEYS[3], request, ARGV[4]) end
redis.call('INCR', KEYS[2])
trim(KEYS[1], KEYS[3], tonumber(ARGV[5]), tonumber(ARGV[6]))
expire(ARGV[5], {KEYS[1], KEYS[2], KEYS[3]})
return 1
