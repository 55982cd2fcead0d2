-- wrk script for HTTP pipelining, as TechEmpower runs it: wrk ... -s pipeline.lua URL -- DEPTH
-- Each send writes DEPTH copies of the request; wrk counts every response and times each batch.
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
