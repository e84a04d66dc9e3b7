-- wrk script for bench/proxy.sh.
--
-- Proxy paths: wrk connects to the proxy given on its command line and, with
-- BENCH_TARGET set, sends an absolute-form request line
-- ("GET http://host:port/page.html HTTP/1.1") with a matching Host header,
-- which is what a browser sends to a forward proxy.
--
-- Fixed rate: with BENCH_RATE set (total requests per second over all of
-- wrk's BENCH_THREADS threads), each thread hands out send times on a fixed
-- schedule, one slot every BENCH_THREADS/BENCH_RATE seconds; a connection
-- that has its response waits (wrk's delay()) for the next free slot. The
-- schedule is absolute, so the rate does not drift with response times.
-- wrk times each request from the moment it is written. A send that is
-- already late when its connection is free goes at once and is counted as
-- "late": a non-zero count means the server fell behind the schedule and
-- the latencies understate queueing (coordinated omission).
--
-- done() prints one "BENCH ..." line with exact figures (microseconds).

local target = os.getenv("BENCH_TARGET")
if target and target ~= "" then
  wrk.path = target
  wrk.headers["Host"] = target:match("^http://([^/]+)")
end

local rate = tonumber(os.getenv("BENCH_RATE") or "0") or 0
late = 0

if rate > 0 then
  local ffi = require("ffi")
  ffi.cdef [[
    typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
    int clock_gettime(int clock_id, bench_timespec *tp);
  ]]
  local ts = ffi.new("bench_timespec")
  local CLOCK_MONOTONIC = 1
  local function nowMs()
    ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
    return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
  end
  local threads = tonumber(os.getenv("BENCH_THREADS") or "1")
  local interval_ms = threads * 1000 / rate
  local next_slot = nil
  function delay()
    local now = nowMs()
    if next_slot == nil then next_slot = now end
    next_slot = next_slot + interval_ms
    local wait = next_slot - now
    if wait < 0 then
      late = late + 1
      return 0
    end
    return wait  -- wrk waits whole milliseconds, rounding down
  end
end

local all_threads = {}
function setup(thread)
  table.insert(all_threads, thread)
end

function done(summary, latency, requests)
  local late_total = 0
  for _, t in ipairs(all_threads) do late_total = late_total + (t:get("late") or 0) end
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d bytes=%d p50_us=%.1f p99_us=%.1f max_us=%.1f " ..
    "errors=%d non2xx=%d late=%d\n",
    summary.requests, summary.duration, summary.bytes, latency:percentile(50),
    latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.timeout, e.status, late_total))
end
