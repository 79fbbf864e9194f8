-- Shared by the history write scripts (history-append, history-record, history-rewrite): trimming
-- (and the reservations it drops) and TTLs. Prepended to each of them, not a script of its own.

-- Drops the records older than the retention, counted back from the earlier of now and the newest
-- record, and the unsettled reservations among them.
local function trim(h, rsv, retention, now)
  local newest = redis.call('ZRANGE', h, -1, -1, 'WITHSCORES')
  if #newest == 0 then return end
  -- Relative to now, not only the newest record: a far-future record must not erase
  -- the history that counts today.
  local cutoff = '(' .. string.format('%.0f', math.min(tonumber(newest[2]), now) - retention)
  local old = redis.call('ZRANGEBYSCORE', h, '-inf', cutoff)
  if #old == 0 then return end
  for _, m in ipairs(old) do
    local ok, d = pcall(cjson.decode, m)
    if ok and type(d) == 'table' and type(d.r) == 'table' and type(d.r.decisionId) == 'string' then
      if redis.call('HGET', rsv, d.r.decisionId) == m then redis.call('HDEL', rsv, d.r.decisionId) end
    end
  end
  redis.call('ZREMRANGEBYSCORE', h, '-inf', cutoff)
end

local function expire(ms, keys)
  for _, k in ipairs(keys) do redis.call('PEXPIRE', k, ms) end
end
