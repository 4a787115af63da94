-- Shared by the wrk scripts: counts failed requests (an HTTP error, or a GraphQL answer that
-- carries "errors" or a null result: a 200 with errors is not a success) and, when wrk is done,
-- writes one JSON line of results to $BENCH_RESULT.

local common = {}

local threads = {}
local next_id = 0

-- wrk calls setup once per thread in the main Lua state: number the threads so that each one
-- can take its own share of a sample.
function common.setup(thread)
  thread:set("thread_id", next_id)
  thread:set("thread_count", tonumber(os.getenv("BENCH_THREADS") or "1"))
  next_id = next_id + 1
  table.insert(threads, thread)
end

failures = 0
local reported = 0

function common.response(status, headers, body)
  if status ~= 200 or body:find('"errors"', 1, true) or body:find('^{"data":{"[%w]+":null') then
    failures = failures + 1
    if reported < 3 then
      reported = reported + 1
      io.stderr:write("failed request (HTTP " .. status .. "): " .. body:sub(1, 400) .. "\n")
    end
  end
end

function common.done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do
    failed = failed + (thread:get("failures") or 0)
  end
  local errors = summary.errors
  local socket_errors = errors.connect + errors.read + errors.write + errors.timeout
  local seconds = summary.duration / 1e6
  local line = string.format(
    '{"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_ms":%.3f,"p99_ms":%.3f,"mean_ms":%.3f,"max_ms":%.3f,' ..
    '"failures":%d,"non_2xx":%d,"socket_errors":%d}',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.mean / 1000, latency.max / 1000,
    failed + socket_errors, errors.status, socket_errors)
  local path = os.getenv("BENCH_RESULT")
  if path then
    local file = assert(io.open(path, "w"))
    file:write(line, "\n")
    file:close()
  end
  print(line)
end

-- A file's lines, without empty ones.
function common.lines(path)
  local lines = {}
  for line in io.lines(path) do
    if line ~= "" then table.insert(lines, line) end
  end
  return lines
end

-- The whole content of a file.
function common.read(path)
  local file = assert(io.open(path, "r"))
  local content = file:read("*a")
  file:close()
  return content
end

-- A GraphQL POST with this token and JSON body.
function common.post(token, body)
  return wrk.format("POST", "/graphql", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
  }, body)
end

return common
