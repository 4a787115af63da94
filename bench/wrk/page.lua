-- Scenario 1: the same page request again and again ($BENCH_BODY holds its JSON body), with the
-- token of $BENCH_ROLE.
package.path = os.getenv("BENCH_DIR") .. "/wrk/?.lua;" .. package.path
local common = require("common")

setup = common.setup
response = common.response
done = common.done

local request_text

function init(args)
  local token = assert(os.getenv("TOKEN_" .. os.getenv("BENCH_ROLE"):upper()), "no token")
  request_text = common.post(token, common.read(os.getenv("BENCH_BODY")))
end

function request()
  return request_text
end
