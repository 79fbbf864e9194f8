-- wrk script for bench/http-load.sh: POST /v1/decisions in a fixed cycle of four requests:
--   CHECK  call at 10:00 local on the seeded consumer  (ALLOW)
--   CHECK  call at 07:59 local on the seeded consumer  (DENY INCONVENIENT_TIME, next-eligible search)
--   CHECK  SMS with content on the seeded consumer
--   RESERVE call at 10:00 local on a consumer never seen before (records an attempt; distinct
--           consumers so the caps never bite and every RESERVE is a real append)
-- args (after --): <consumerId> <runId>; env LOAD_LABEL names the run in the RESULT line
-- env LOAD_MIX picks another mix (bench/scale.sh): cycle (the four above, default), check (only the
--   first CHECK), reserve (only RESERVEs on distinct consumers), liveness (GET /actuator/health/liveness)
local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

local bodies, reserve_prefix, reserve_suffix
-- done() runs in wrk's main Lua state, where init() never ran: the label comes from the environment
local label = os.getenv("LOAD_LABEL") or "run"
local mix = os.getenv("LOAD_MIX") or "cycle"
-- every endpoint but health needs a key (README "Security"); http-load.sh exports API_KEY
local headers = { ["Content-Type"] = "application/json", ["X-Api-Key"] = os.getenv("API_KEY") or "" }

function init(args)
  local consumer = args[1] or "c-load"
  local run = args[2] or "run"

  local call = '"debtIds":["d-load"],"channel":"CALL","destination":{"phone":"+16145550100","type":"MOBILE"}'
  bodies = {
    '{"consumerId":"' .. consumer .. '",' .. call .. ',"mode":"CHECK","at":"2026-06-10T10:00:00-04:00"}',
    '{"consumerId":"' .. consumer .. '",' .. call .. ',"mode":"CHECK","at":"2026-06-10T07:59:00-04:00"}',
    '{"consumerId":"' .. consumer .. '","debtIds":["d-load"],"channel":"SMS",'
      .. '"destination":{"phone":"+16145550100","type":"MOBILE"},"mode":"CHECK",'
      .. '"message":{"text":"Northwind Recovery: this is a communication from a debt collector about your account. '
      .. 'Call 800-555-0100. Reply STOP to opt out."},"at":"2026-06-10T14:00:00-04:00"}',
  }
  reserve_prefix = '{"consumerId":"c-rsv-' .. run .. '-' .. tostring(tid) .. '-'
  reserve_suffix = '",' .. call .. ',"consumer":{"addresses":[{"country":"US","state":"OH","postalCode":"43215"}]},'
    .. '"mode":"RESERVE","at":"2026-06-10T10:00:00-04:00"}'
end

function request()
  counter = counter + 1
  if mix == "liveness" then
    return wrk.format("GET", "/actuator/health/liveness")
  end
  local slot = counter % 4
  if mix == "check" then
    slot = 1
  elseif mix == "reserve" then
    slot = 0
  end
  local body
  if slot == 0 then
    body = reserve_prefix .. counter .. reserve_suffix
  else
    body = bodies[slot]
  end
  return wrk.format("POST", "/v1/decisions", headers, body)
end

function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT label=%s requests=%d seconds=%.1f rps=%.0f p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d mean_us=%.0f "
      .. "non2xx=%d connect_err=%d read_err=%d write_err=%d timeouts=%d\n",
    label, summary.requests, secs, summary.requests / secs,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
    latency.max, latency.mean, e.status, e.connect, e.read, e.write, e.timeout))
end
