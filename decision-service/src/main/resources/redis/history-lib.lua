-- Shared by the history write scripts (history-append, history-record, history-rewrite): trimming
-- (and the reservations it drops), settling a member, and TTLs. Prepended to each of them, not a
-- script of its own.

-- A reservations-hash value: the member, or (a reservation made with a requestId)
-- "<request field>\n<member>", so settling by decisionId drops the request's field too. A request
-- field (q:<collector>:<requestId>, both RedisKeys.encode-d) never holds a newline; a member never
-- starts with "q:". Returns the request field or nil, and the member.
local function entry(value)
  if string.sub(value, 1, 2) == 'q:' then
    local nl = string.find(value, '\n', 1, true)
    if nl then return string.sub(value, 1, nl - 1), string.sub(value, nl + 1) end
  end
  return nil, value
end

-- What the reservations hash holds for a reservation's decisionId (see entry).
local function reserved(member, request)
  if request == nil or request == '' then return member end
  return request .. '\n' .. member
end

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
  -- The reservations whose member is trimmed, found by value: no member is parsed, so
  -- this holds for both member forms (compact and the JSON of earlier versions).
  local gone = {}
  for _, m in ipairs(old) do gone[m] = true end
  local open = redis.call('HGETALL', rsv)
  for i = 1, #open, 2 do
    local request, member = entry(open[i + 1])
    if gone[member] then
      redis.call('HDEL', rsv, open[i])
      if request then redis.call('HDEL', rsv, request) end
    end
  end
  redis.call('ZREMRANGEBYSCORE', h, '-inf', cutoff)
end

-- Takes a reservation out of the reservations hash: its decisionId field and the field of its
-- request, if any. Returns its member, or nil when it is not (or no longer) open.
local function take(rsv, decision)
  local value = redis.call('HGET', rsv, decision)
  if not value then return nil end
  redis.call('HDEL', rsv, decision)
  local request, member = entry(value)
  if request then redis.call('HDEL', rsv, request) end
  return member
end

-- The member with its settlement: a JSON member (earlier versions) gets the JSON settlement
-- spliced in as "s", a compact one gets the compact settlement appended (HistoryMembers).
local function settle(old, json, compact)
  if string.sub(old, 1, 1) == '{' then
    return string.sub(old, 1, -2) .. ',"s":' .. json .. '}'
  end
  return old .. compact
end

local function expire(ms, keys)
  for _, k in ipairs(keys) do redis.call('PEXPIRE', k, ms) end
end
