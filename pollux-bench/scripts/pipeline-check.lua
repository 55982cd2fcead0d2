-- A self-check of pipeline.lua's undoing of wrk's latency correction, run by wrk itself (its
-- LuaJIT is the only Lua here); no server needed, the connection errors are expected:
--
--   wrk -t1 -c1 -d1s -s pollux-bench/scripts/pipeline-check.lua http://127.0.0.1:9/
--
-- For several seeds it draws batch latencies, records them into a histogram as wrk does,
-- applies wrk's stats_correct, and checks that batch_percentiles() on a stand-in for wrk's
-- latency object (percentile() scanning min..max exactly as wrk's stats_percentile) finds the
-- percentiles of the samples drawn. Prints one line per case and "pipeline-check: ok" or
-- "pipeline-check: FAILED".
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "pipeline.lua")

-- wrk's stats (src/stats.c): a count per microsecond, min and max of the recorded values.
local function histogram()
  return { data = {}, count = 0, min = math.huge, max = 0 }
end

local function record(s, n)
  s.data[n] = (s.data[n] or 0) + 1
  s.count = s.count + 1
  if n < s.min then s.min = n end
  if n > s.max then s.max = n end
end

local function correct(s, expected) -- stats_correct, line for line
  for n = expected * 2, s.max do
    local count = s.data[n] or 0
    local m = n - expected
    while count > 0 and m > expected do
      s.data[m] = (s.data[m] or 0) + count
      s.count = s.count + count
      m = m - expected
    end
  end
end

local function percentile(s, p) -- stats_percentile: C's round() is half away from zero
  local rank = math.floor((p / 100) * s.count + 0.5 + 0.5)
  local total = 0
  for i = s.min, s.max do
    total = total + (s.data[i] or 0)
    if total >= rank then return i end
  end
  return 0
end

local function stand_in(s) -- what done() sees: min, max and percentile() of the corrected data
  return { min = s.min, max = s.max, percentile = function(_, p) return percentile(s, p) end }
end

-- The smallest v with at least q % of the samples at or below it.
local function truth(samples, q)
  table.sort(samples)
  local need = q / 100 * #samples
  for i, v in ipairs(samples) do
    if i >= need then return v end
  end
end

local function draw(seed, n, base, spread, slow)
  math.randomseed(seed)
  local samples = {}
  for i = 1, n do
    local v = base + math.floor(-spread * math.log(1 - math.random()))
    if math.random() < slow then v = v + math.random(1, 40 * spread) end
    samples[i] = v
  end
  return samples
end

done = function()
  local failed = false
  local cases = {
    -- seed, batches, base us, spread us, share of slow batches, interval (nil: none)
    { 1, 20000, 800, 900, 0.02, 61 },
    { 2, 20000, 1500, 2000, 0.005, 383 },
    { 3, 5000, 100, 300, 0.05, 7 },
    { 4, 20000, 800, 900, 0.02, nil },
    { 5, 3000, 40, 50, 0.01, 2000 },
    { 6, 20000, 3000, 500, 0.0, 250 },
  }
  for _, c in ipairs(cases) do
    local samples = draw(c[1], c[2], c[3], c[4], c[5])
    local s = histogram()
    for _, v in ipairs(samples) do record(s, v) end
    if c[6] then correct(s, c[6]) end
    local wanted = { 50, 90, 99 }
    local got = batch_percentiles(stand_in(s), c[6], wanted)
    local line = string.format("seed %d interval %s:", c[1], tostring(c[6]))
    for i, q in ipairs(wanted) do
      local want = truth(samples, q)
      line = line .. string.format(" p%d %d (want %d, wrk says %d)", q, got[i], want,
        percentile(s, q))
      if got[i] ~= want then failed = true end
    end
    io.write(line .. "\n")
  end
  io.write(failed and "pipeline-check: FAILED\n" or "pipeline-check: ok\n")
end
