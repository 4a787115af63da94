-- Scenario 3: a write mix from several roles at once. $BENCH_PLAN holds the sampled writes, one
-- "kind<TAB>role<TAB>version<TAB>variables" a line, where the variables hold "%VERSION%" and
-- "%DAY%" for the facet version the write expects and the day of a benefit period.
--
-- Each wrk thread takes its own share of each kind's targets and cycles through them: the n-th
-- pass over a target expects the version its first pass read plus n, and enrols for the base day
-- plus n, so every write is valid (no stale version, no overlapping period) however many run.
package.path = os.getenv("BENCH_DIR") .. "/wrk/?.lua;" .. package.path
local common = require("common")

setup = common.setup
response = common.response
done = common.done

local kinds = {"assignCluster", "updateJknStatus", "enrolBenefit"}
local documents = {}
local targets = {}
local tokens = {}
local base_day
local count = 0

function init(args)
  local work = os.getenv("BENCH_WORK")
  for _, kind in ipairs(kinds) do
    documents[kind] = common.read(work .. "/" .. kind .. ".json-string")
    targets[kind] = {}
  end
  base_day = tonumber(os.getenv("BENCH_BASE_DAY"))
  local seen = {}
  for _, line in ipairs(common.lines(os.getenv("BENCH_PLAN"))) do
    local kind, role, version, variables = line:match("^(%w+)\t(%w+)\t(%d+)\t(.*)$")
    seen[kind] = (seen[kind] or 0) + 1
    -- this thread's share: every thread_count-th target of the kind
    if (seen[kind] - 1) % thread_count == thread_id then
      table.insert(targets[kind], {role = role, version = tonumber(version), variables = variables})
      if not tokens[role] then
        tokens[role] = assert(os.getenv("TOKEN_" .. role:upper()), "no token for " .. role)
      end
    end
  end
  for _, kind in ipairs(kinds) do
    assert(#targets[kind] > 0, "no " .. kind .. " targets for thread " .. thread_id)
  end
end

function request()
  local kind = kinds[count % #kinds + 1]
  local n = math.floor(count / #kinds)
  count = count + 1
  local share = targets[kind]
  local target = share[n % #share + 1]
  local pass = math.floor(n / #share)
  local variables = target.variables
      :gsub('"%%VERSION%%"', tostring(target.version + pass))
      :gsub('%%DAY%%', os.date("!%Y-%m-%d", (base_day + pass) * 86400))
  return common.post(tokens[target.role], '{"query":' .. documents[kind] .. ',"variables":' .. variables .. '}')
end
