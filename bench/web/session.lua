-- wrk script: one role's session (FIP_ROLE: leader, department, district, enterprise, public), a weighted mix of the pages
-- and API calls that role makes, writes included; the same report line as percentiles.lua, plus the role.
-- Writes carry the antiforgery token in FIP_TOKEN (the cookie API refuses a write without it).
dofile(os.getenv("FIP_BENCH_DIR") .. "/percentiles.lua")
local role = os.getenv("FIP_ROLE") or "leader"
local token = os.getenv("FIP_TOKEN") or ""
local words = { "航空", "科技", "星辰", "华创", "新材料", "能源", "智能", "生物", "数字", "恒远" }

local function escape(s) return (s:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end)) end

-- A valid 统一社会信用代码 (GB 32100 check character) of 邗江区 (321003), numbered by a per-thread counter.
local alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
local weights = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 }
local function creditCode(serial)
  local body = string.format("91321003B%08d", serial % 100000000)
  local sum = 0
  for i = 1, 17 do sum = sum + (alphabet:find(body:sub(i, i), 1, true) - 1) * weights[i] end
  local check = (31 - sum % 31) % 31
  return body .. alphabet:sub(check + 1, check + 1)
end

local counter = 0
setup = function(thread) counter = counter + 1; thread:set("id", counter) end
local serial, json = 0, {}
init = function()
  math.randomseed(os.time() + 7 * (id or 0))
  serial = (os.time() % 100000) * 1000 -- new codes on every run
  -- wrk.format replaces wrk.headers (the -H cookie) with the table it is given: the writes' headers start from a copy.
  for k, v in pairs(wrk.headers) do json[k] = v end
  json["Content-Type"] = "application/json"
  json["RequestVerificationToken"] = token
end

local function get(path) return function() return wrk.format("GET", path) end end
local function search(base) return function() return wrk.format("GET", base .. escape(words[math.random(#words)])) end end

local mixes = {
  leader = { { 40, get("/") }, { 20, get("/Cockpit") }, { 20, get("/Goals") }, { 20, get("/Supervision") } },
  department = {
    { 30, get("/Supervision") }, { 20, get("/Goals") }, { 20, get("/Talent/Map") }, { 15, get("/api/v1/goals") },
    { 10, search("/Registries/enterprises?q=") },
    { 5, function() return wrk.format("POST", "/api/v1/messages/read-all", json, "") end },
  },
  district = {
    { 35, search("/Registries/enterprises?q=") }, { 20, get("/Goals") }, { 15, get("/") },
    { 10, function() return wrk.format("GET", string.format("/Chains/Track/%d", math.random(13))) end },
    { 10, get("/api/v1/enterprises?pageSize=20") },
    { 10, function()
        serial = serial + 1
        local body = string.format('{"creditCode":"%s","name":"压测新登记企业%d有限公司","district":"邗江区"}', creditCode(serial), serial)
        return wrk.format("POST", "/api/v1/enterprises", json, body)
      end },
  },
  enterprise = { { 30, get("/") }, { 30, get("/Support") }, { 20, get("/Support/Applications") }, { 20, get("/Portal/Policies") } },
  public = { { 30, get("/Portal") }, { 40, search("/Portal/Policies?q=") }, { 30, get("/Portal/Scenarios") } },
}
local mix = mixes[role] or error("unknown FIP_ROLE " .. role)
local total = 0
for _, m in ipairs(mix) do total = total + m[1] end

request = function()
  local r = math.random(total)
  for _, m in ipairs(mix) do
    r = r - m[1]
    if r <= 0 then return m[2]() end
  end
end

local reporter = done
done = function(summary, latency, requests)
  io.write("ROLE " .. role .. " ")
  reporter(summary, latency, requests)
end
