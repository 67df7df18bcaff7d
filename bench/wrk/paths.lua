-- wrk walks a list of request paths, so that a run can send each path once (the cold figures of
-- `make bench-compare`, bench/compare_load.py).
--
--   wrk -t2 -c8 -d10s -s bench/wrk/paths.lua http://127.0.0.1:8765/ -- PATHS_FILE THREADS
--
-- PATHS_FILE holds one path per line (`/api/v1/patrols/?year=1999&page_size=17`). Each thread
-- takes every THREADS-th path starting from its own offset, so no two threads send the same one.
-- A thread that runs out starts its share again and counts it in `wrapped`: a cold run should
-- end with wrapped=0 (a warm run, with one path, wraps on every request).
-- When done, one line for the driver: WRK-RESULT requests=… duration_us=… connect=… read=…
-- write=… status=… timeout=… wrapped=… (status: answers that were not 2xx or 3xx).

local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if line ~= "" then
      paths[#paths + 1] = line
    end
  end
  step = tonumber(args[2])
  index = (id % #paths) + 1
  wrapped = 0
end

function request()
  if index > #paths then
    index = (id % #paths) + 1
    wrapped = wrapped + 1
  end
  local path = paths[index]
  index = index + step
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  local wraps = 0
  for _, thread in ipairs(threads) do
    wraps = wraps + (thread:get("wrapped") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    "WRK-RESULT requests=%d duration_us=%d connect=%d read=%d write=%d status=%d timeout=%d wrapped=%d\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout, wraps
  ))
end
