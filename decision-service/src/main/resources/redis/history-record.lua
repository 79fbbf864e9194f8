-- Records a contact event once per eventId; an event that names a reservation's decisionId (or else
-- the request field of its decision) settles that reservation in place (same score, the settlement
-- added) instead of adding a record.
-- KEYS: h (history), v (version), rsv (reservations), e (an eventId key of an earlier version, read
-- only), ev (the consumer's eventIds: eventId to the epoch millis it is remembered until).
-- ARGV: idempotency ms, retention ms, decisionId or '', member, score, settlement JSON, now ms,
-- request field (q:<collector>:<requestId>) or '', compact settlement (appended to a compact member;
-- the settlement JSON is for a member written as JSON by an earlier version), eventId.
-- Returns 1 when recorded, 0 for a repeated eventId.
-- The eventId, remembered for the idempotency retention in the consumer's hash of eventIds (one
-- small hash instead of a key per event); a key of an earlier version (KEYS[4]) still counts.
if redis.call('EXISTS', KEYS[4]) == 1 then return 0 end
local now = tonumber(ARGV[7])
local remembered = redis.call('HGET', KEYS[5], ARGV[10])
if remembered and tonumber(remembered) > now then return 0 end
local seen = redis.call('HGETALL', KEYS[5])
for i = 1, #seen, 2 do
  if tonumber(seen[i + 1]) <= now then redis.call('HDEL', KEYS[5], seen[i]) end
end
redis.call('HSET', KEYS[5], ARGV[10], string.format('%.0f', now + tonumber(ARGV[1])))
redis.call('PEXPIRE', KEYS[5], ARGV[1])
local settled = false
local decision = ARGV[3]
local request = ARGV[8] or ''
if decision == '' and request ~= '' then
  decision = redis.call('HGET', KEYS[3], request) or ''
  if decision ~= '' then redis.call('HDEL', KEYS[3], request) end
end
if decision ~= '' then
  local old = take(KEYS[3], decision)
  if old then
    local score = redis.call('ZSCORE', KEYS[1], old)
    if score then
      redis.call('ZREM', KEYS[1], old)
      redis.call('ZADD', KEYS[1], score, settle(old, ARGV[6], ARGV[9] or ''))
      settled = true
    end
  end
end
if not settled then redis.call('ZADD', KEYS[1], ARGV[5], ARGV[4]) end
redis.call('INCR', KEYS[2])
trim(KEYS[1], KEYS[3], tonumber(ARGV[2]), tonumber(ARGV[7]))
expire(ARGV[2], {KEYS[1], KEYS[2], KEYS[3]})
return 1
