-- Settles the reservation of a decision that was never answered as NOT_PLACED, without an event,
-- so it no longer counts (same score, the settlement added).
-- KEYS: h (history), v (version), rsv (reservations).
-- ARGV: decisionId, settlement JSON (for a member written as JSON by an earlier version), retention
-- ms, compact settlement (appended to a compact member).
-- Returns 1 when settled, 0 when there is no such unsettled reservation.
local old = take(KEYS[3], ARGV[1])
if not old then return 0 end
local score = redis.call('ZSCORE', KEYS[1], old)
if not score then return 0 end
redis.call('ZREM', KEYS[1], old)
redis.call('ZADD', KEYS[1], score, settle(old, ARGV[2], ARGV[4] or ''))
redis.call('INCR', KEYS[2])
expire(ARGV[3], {KEYS[1], KEYS[2], KEYS[3]})
return 1
