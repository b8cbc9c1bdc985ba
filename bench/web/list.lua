-- wrk script: the enterprise list filtered by a random district + focus/extended track + a name substring (the words of
-- bench/Fip.Benchmarks' list measure), then the same report line as percentiles.lua.
dofile(os.getenv("FIP_BENCH_DIR") .. "/percentiles.lua")
local words = { "航空", "科技", "星辰", "华创", "新材料", "能源", "智能", "生物", "数字", "恒远" }
local counter = 0
setup = function(thread) counter = counter + 1; thread:set("id", counter) end
init = function() math.randomseed(7 + (id or 0)) end
request = function()
  local q = words[math.random(#words)]
  local escaped = q:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end)
  return wrk.format("GET", string.format("/Registries/enterprises?district=%d&track=%d&q=%s", math.random(9), math.random(7), escaped))
end
