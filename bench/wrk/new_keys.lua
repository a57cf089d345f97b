-- Every request a new idempotency key, a new ticket id and a new card: each one is a new check-in.
-- `thread_id` is a global set per wrk thread by setup(): distinct within a run.
local counter = 0
local token = os.getenv("SANAD_TOKEN")
local threads_made = 0
-- Several wrk processes at once (bench/multi_instance_load.sh) keep apart by SANAD_BENCH_OFFSET.
local offset = tonumber(os.getenv("SANAD_BENCH_OFFSET") or "0")

function setup(thread)
  threads_made = threads_made + 1
  thread:set("thread_id", offset + threads_made)
end

function request()
  counter = counter + 1
  local id = string.format("%08x-0000-4000-8000-%012d", thread_id, counter)
  local key = "k" .. thread_id .. "-" .. counter
  local card = string.format("%08x%08x", thread_id, counter) .. string.rep("0", 48)
  local body = '{"ticket_id":"' .. id .. '","queue_id":"general","card_ref":"' .. card .. '","number":null}'
  return wrk.format("POST", "/api/nfc/check-in", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["X-Idempotency-Key"] = key,
  }, body)
end

-- done(): the RESULT line that bench/server_load.sh reads (run from the repository root).
dofile("bench/wrk/report.lua")
