-- Adds a decision's record to the audit stream before the decision is answered.
-- KEYS: audit stream. ARGV: backlog limit, decisionId, record JSON.
-- Returns 1, or -1 when the backlog is full (nothing written: the decision fails closed).
if redis.call('XLEN', KEYS[1]) >= tonumber(ARGV[1]) then return -1 end
redis.call('XADD', KEYS[1], '*', 'id', ARGV[2], 'r', ARGV[3])
return 1
