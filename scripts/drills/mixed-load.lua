-- wrk script: a signed-in mixed load. Nine requests in ten are GETs of the main pages with the session cookie; every tenth is a
-- PUT of an enterprise (employees changed) with a personal access token and its If-Match version. Each acknowledged write
-- (200 with the record's id and new version) is appended to LOG_PREFIX.<thread>.
--   wrk -t2 -c64 -d60s -s mixed-load.lua URL -- IDS_FILE LOG_PREFIX TOKEN COOKIE [WRITE_EVERY]
-- IDS_FILE: lines "id version"; each thread writes its own share of the ids, so no two threads write one record.
local threads = {}
local counter = 1

function setup(thread)
  thread:set("tid", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

local pages = { "/", "/Registries/enterprises", "/Goals", "/Alerts", "/Supervision", "/Chains", "/Registries/enterprises?q=%E7%A7%91%E6%8A%80" }
local ids, versions, next_id, n, log, token, cookie, every = {}, {}, 0, 0, nil, nil, nil, 10

function init(args)
  local file, prefix = args[1], args[2]
  token, cookie, every = args[3], args[4], tonumber(args[5] or "10")
  local total = tonumber(args[6] or "2")
  local i = 0
  for line in io.lines(file) do
    local id, version = line:match("^(%d+) (%S+)$")
    if id and (i % total) == (tid - 1) then
      table.insert(ids, tonumber(id))
      versions[tonumber(id)] = version
    end
    i = i + 1
  end
  log = io.open(prefix .. "." .. tid, "a")
end

function request()
  n = n + 1
  if n % every == 0 and #ids > 0 then
    next_id = next_id % #ids + 1
    local id = ids[next_id]
    local body = string.format('{"employees": %d}', (tid * 1000000 + n) % 2000000000)
    return wrk.format("PUT", "/api/v1/enterprises/" .. id, {
      ["Authorization"] = "Bearer " .. token,
      ["If-Match"] = '"' .. versions[id] .. '"',
      ["Content-Type"] = "application/json",
    }, body)
  end
  return wrk.format("GET", pages[n % #pages + 1], { ["Cookie"] = cookie })
end

function response(status, headers, body)
  if status == 200 and body and body:sub(1, 6) == '{"id":' then
    local id, version = body:match('"id":(%d+),"version":"([^"]+)"')
    if id then
      versions[tonumber(id)] = version
      log:write(id .. " " .. version .. "\n")
      log:flush()
    end
  end
end
