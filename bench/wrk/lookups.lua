-- Scenario 2: random lookups, one person by NIK then one household by KK, from a sample of real
-- identities ($BENCH_SAMPLE: one "NIK<TAB>KK" a line), with the token of $BENCH_ROLE.
package.path = os.getenv("BENCH_DIR") .. "/wrk/?.lua;" .. package.path
local common = require("common")

setup = common.setup
response = common.response
done = common.done

local token, member_query, household_query
local niks, kks = {}, {}
local count = 0

function init(args)
  token = assert(os.getenv("TOKEN_" .. os.getenv("BENCH_ROLE"):upper()), "no token")
  -- the documents as JSON strings, quoted by jq in run.sh
  member_query = common.read(os.getenv("BENCH_WORK") .. "/member-lookup.json-string")
  household_query = common.read(os.getenv("BENCH_WORK") .. "/household-lookup.json-string")
  for _, line in ipairs(common.lines(os.getenv("BENCH_SAMPLE"))) do
    local nik, kk = line:match("^(%d+)\t(%d+)$")
    table.insert(niks, nik)
    table.insert(kks, kk)
  end
  math.randomseed(1000 + thread_id)
end

function request()
  count = count + 1
  local i = math.random(#niks)
  if count % 2 == 1 then
    return common.post(token, '{"query":' .. member_query .. ',"variables":{"nik":"' .. niks[i] .. '"}}')
  end
  return common.post(token, '{"query":' .. household_query .. ',"variables":{"kk":"' .. kks[i] .. '"}}')
end
