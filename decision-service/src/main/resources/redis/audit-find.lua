-- Looks for a decision's record among the next entries of the audit stream (not yet drained).
-- KEYS: audit stream. ARGV: exclusive start, count, decisionId.
-- Returns {last entry id or '', record or ''}.
local e = redis.call('XRANGE', KEYS[1], ARGV[1], '+', 'COUNT', ARGV[2])
local last = ''
for _, x in ipairs(e) do
  last = x[1]
  local f = x[2]
  for i = 1, #f, 2 do
    if f[i] == 'id' and f[i + 1] == ARGV[3] then
      for j = 1, #f, 2 do if f[j] == 'r' then return {last, f[j + 1]} end end
    end
  end
end
return {last, ''}
