-- Replays over 16 keys whose first answers are already stored (bench/server_load.sh seeds them).
local token = os.getenv("SANAD_TOKEN")
local bodies = {}
local counter = 0

for i = 1, 16 do
  local id = string.format("00000000-0000-4000-8000-%012d", i)
  local card = string.format("%064x", i)
  bodies[i] = '{"ticket_id":"' .. id .. '","queue_id":"general","card_ref":"' .. card .. '","number":null}'
end

function request()
  counter = counter + 1
  local i = counter % 16 + 1
  return wrk.format("POST", "/api/nfc/check-in", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["X-Idempotency-Key"] = "replay-key-" .. i,
  }, bodies[i])
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT requests=%d seconds=%.2f rps=%.0f p50_ms=%.3f p99_ms=%.3f errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
end
