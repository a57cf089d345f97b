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

-- done(): the RESULT line that bench/server_load.sh reads (run from the repository root).
dofile("bench/wrk/report.lua")
