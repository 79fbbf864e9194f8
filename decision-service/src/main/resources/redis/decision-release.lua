-- Releases a pending idempotency claim: deletes the key only if it still holds this claim's token.
-- KEYS: req. ARGV: token.
-- Returns 1 when deleted, 0 otherwise.
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
