-- Replaces the whole history (erasure, pseudonymisation) if its version still holds.
-- KEYS: h (history), v (version), rsv (reservations).
-- ARGV: expected version, retention ms, n, n pairs (score, member), then pairs (field, value) of the
-- reservations hash (decisionId to member, or to "<request field>\n<member>"; request field to
-- decisionId: see history-lib.lua).
-- Returns 1 when replaced, 0 when the version moved.
if (redis.call('GET', KEYS[2]) or '0') ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1], KEYS[3])
local n = tonumber(ARGV[3])
local i = 4
for _ = 1, n do
  redis.call('ZADD', KEYS[1], ARGV[i], ARGV[i + 1])
  i = i + 2
end
while i < #ARGV do
  redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 1])
  i = i + 2
end
redis.call('INCR', KEYS[2])
expire(ARGV[2], {KEYS[1], KEYS[2], KEYS[3]})
return 1
