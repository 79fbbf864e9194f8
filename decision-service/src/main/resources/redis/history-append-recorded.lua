-- history-append.lua, and in the same atomic write the decision's audit record on the audit stream
-- (RedisAuditStream): a reservation never exists without its record, nor a record without its
-- reservation. Standalone Redis only: the stream is in another Cluster slot than the consumer's keys.
-- KEYS: h (history), v (version), rsv (reservations), audit stream.
-- ARGV: as history-append.lua (expected version, score, member, decisionId or '', retention ms,
-- now ms), then the backlog limit, decisionId, record JSON, and the request field
-- (q:<collector>:<requestId>, mapped to the decisionId so an event can settle by it) or ''.
-- Returns 1 when appended, 0 when the version moved, -1 when the audit backlog is full (nothing
-- written: the decision fails closed).
if (redis.call('GET', KEYS[2]) or '0') ~= ARGV[1] then return 0 end
if redis.call('XLEN', KEYS[4]) >= tonumber(ARGV[7]) then return -1 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
local request = ARGV[10] or ''
if ARGV[4] ~= '' then redis.call('HSET', KEYS[3], ARGV[4], reserved(ARGV[3], request)) end
if ARGV[4] ~= '' and request ~= '' then redis.call('HSET', KEYS[3], request, ARGV[4]) end
redis.call('INCR', KEYS[2])
trim(KEYS[1], KEYS[3], tonumber(ARGV[5]), tonumber(ARGV[6]))
expire(ARGV[5], {KEYS[1], KEYS[2], KEYS[3]})
redis.call('XADD', KEYS[4], '*', 'id', ARGV[8], 'r', ARGV[9])
return 1
