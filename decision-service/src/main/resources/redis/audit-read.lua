-- A drain's next batch: first entries another member (or an earlier run of this one) left pending
-- longer than the lease, else new ones.
-- KEYS: audit stream. ARGV: group, consumer, count, lease ms.
-- Returns {entryId, decisionId, record, ...}.
local entries = redis.call('XAUTOCLAIM', KEYS[1], ARGV[1], ARGV[2], ARGV[4], '0-0', 'COUNT', ARGV[3])[2]
if #entries == 0 then
  local r = redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', ARGV[3], 'STREAMS', KEYS[1], '>')
  if r then entries = r[1][2] end
end
local out = {}
for _, e in ipairs(entries) do
  if e and e[2] then
    local f = e[2]
    local id, rec = '', ''
    for i = 1, #f, 2 do
      if f[i] == 'id' then id = f[i + 1] elseif f[i] == 'r' then rec = f[i + 1] end
    end
    table.insert(out, e[1]); table.insert(out, id); table.insert(out, rec)
  end
end
return out
