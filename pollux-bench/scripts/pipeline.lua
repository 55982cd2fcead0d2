-- wrk script for HTTP pipelining, as TechEmpower runs it: wrk ... -s pipeline.lua URL -- DEPTH
-- Each send writes DEPTH copies of the request; wrk counts every response and times each batch.
--
-- wrk's own "Latency Distribution" is wrong under pipelining. After the run wrk "corrects" for
-- coordinated omission with stats_correct(latency, interval), interval = duration / (responses /
-- connections) in whole microseconds: for every batch timed at n >= 2 * interval it adds one
-- synthetic sample at each n - k * interval above interval. Pipelined, `responses` counts every
-- response, so the interval is DEPTH times too small; the synthetic samples then fall below the
-- histogram's min, which stats_percentile (it scans min..max) never visits, although they count
-- in the total: the ranks of high percentiles lie past the last visible sample and wrk prints
-- 0.00us (src/stats.c, src/wrk.c of wrk 4.1). done() below undoes the correction, which is
-- deterministic, and prints the uncorrected percentiles of the latency per pipelined batch:
--
--   Batch latency (uncorrected): p50 3412us p75 5270us p90 7830us p99 12004us max 24080us
--
-- It needs the connection count of the run in the environment: WRK_CONNECTIONS=256.
init = function(args)
  local depth = tonumber(args[1]) or 1
  local r = {}
  for i = 1, depth do
    r[i] = wrk.format()
  end
  req = table.concat(r)
end

request = function()
  return req
end

-- How the undoing works. Let O be the histogram wrk recorded (batches per microsecond) and C the
-- corrected one, e the interval. A batch timed at n >= w > e leaves exactly one sample of C in
-- [w, w + e - 1] (itself or one synthetic copy n - k * e), and one below w leaves none there, so
-- the number of batches timed at w or more is
--   tail(w) = C-mass of [w, w + e - 1]   for w > e,   C-mass of [w, 2e] for w <= e,
-- whatever lies below min. wrk's Lua API shows C only through latency:percentile(p), the smallest
-- visible value whose cumulative count reaches p % of C's total; so a C-mass is measured in
-- percent of that (unknown) total by bisecting p, and the total cancels out of the percentiles.
-- Cost: about 45 percentile calls per mass, each a scan of the histogram up to its answer; a few
-- thousand scans in all, well under a second unless the slowest batch took seconds.

local BISECTIONS = 45 -- p in [0, 100] to 100 / 2^45: far finer than one sample of any run

-- share(x): the percentage of C's total at or below x among the visible samples.
local function share_function(latency)
  local lo, hi = latency.min, latency.max
  local function reaches(p) -- the p-th percentile of C exists and is <= x (see share)
    local v = latency:percentile(p)
    return v ~= 0 or lo == 0, v
  end
  local cache = {}
  local function share(x)
    if x < lo then
      return 0
    end
    if x > hi then
      x = hi
    end
    if cache[x] then
      return cache[x]
    end
    local a, b = 0, 100
    for _ = 1, BISECTIONS do
      local m = (a + b) / 2
      local ok, v = reaches(m)
      if ok and v <= x then
        a = m
      else
        b = m
      end
    end
    cache[x] = a
    return a
  end
  return share
end

-- The percentiles `wanted` (e.g. {50, 99}) of the uncorrected batch latency, in microseconds;
-- `interval` is wrk's correction interval, nil when wrk corrected nothing.
function batch_percentiles(latency, interval, wanted)
  local lo, hi = latency.min, latency.max
  local e = interval or math.huge
  local share = share_function(latency)
  local function mass(a, b) -- C-mass of [a, b], in percent of C's total
    return share(b) - share(a - 1)
  end
  local function tail(w) -- batches timed at w or more, same unit
    if w > hi then
      return 0
    elseif w > e then
      return mass(w, w + e - 1)
    else
      return mass(w, 2 * e)
    end
  end
  local total = tail(lo)
  local result = {}
  for i, q in ipairs(wanted) do
    -- the smallest v with at least q % of the batches at or below it
    local above = total * (1 - q / 100) + 1e-10 -- bisection errors are below 1e-11
    local a, b = lo, hi
    while a < b do
      local m = math.floor((a + b) / 2)
      if tail(m + 1) <= above then
        b = m
      else
        a = m + 1
      end
    end
    result[i] = a
  end
  return result
end

-- wrk's correction interval for this run (integer microseconds, as wrk computes it), or nil.
function correction_interval(summary, connections)
  local per_connection = math.floor(summary.requests / connections)
  if per_connection == 0 then
    return nil
  end
  return math.floor(summary.duration / per_connection)
end

done = function(summary, latency, requests)
  local connections = tonumber(os.getenv("WRK_CONNECTIONS") or "")
  if not connections then
    io.write("Batch latency (uncorrected): unknown, set WRK_CONNECTIONS\n")
    return
  end
  if latency.max == 0 then
    io.write("Batch latency (uncorrected): no batch completed\n")
    return
  end
  local wanted = { 50, 75, 90, 99 }
  local p = batch_percentiles(latency, correction_interval(summary, connections), wanted)
  local line = "Batch latency (uncorrected):"
  for i, q in ipairs(wanted) do
    line = line .. string.format(" p%d %dus", q, p[i])
  end
  io.write(line .. string.format(" max %dus\n", latency.max)) -- the correction leaves max alone
end
