-- wrk script: POSTs a pool of pre-generated bodies, making every id unique per request.
--
-- Environment (set by bench/lantern_bench/load.py):
--   BENCH_POOL_DIR     folder with bodies 0000.bin .. (count-1).bin
--   BENCH_POOL_COUNT   number of bodies
--   BENCH_FORMAT       "pb" (ids are bytes; placeholder = 6 bytes fe ed fa ce ca fe)
--                      or "json" (ids are text; placeholder = "@@RUNIDRUN@@", replaced by 12 hex digits)
--   BENCH_SALT         0-255, distinguishes runs against the same database
--   BENCH_CONTENT_TYPE Content-Type header
--   BENCH_AUTH         Authorization header value (may be empty)
--
-- Every request replaces each placeholder in the body with the same 6-byte value
-- (salt, thread number, 32-bit request counter), so all trace and observation ids of a request are new.
-- Each thread pre-splits the bodies at the placeholder once; a request only concatenates.
-- Prints one line "BENCHJSON {...}" from done() with counts and latency percentiles (microseconds).

local PB_MARK = string.char(0xfe, 0xed, 0xfa, 0xce, 0xca, 0xfe)
local JSON_MARK = "@@RUNIDRUN@@"

local threads = {}
local thread_count = 0

function setup(thread)
   thread:set("tid", thread_count)
   thread_count = thread_count + 1
   table.insert(threads, thread)
end

local function split(s, mark)
   local parts, start = {}, 1
   while true do
      local i, j = string.find(s, mark, start, true)
      if not i then break end
      table.insert(parts, string.sub(s, start, i - 1))
      start = j + 1
   end
   table.insert(parts, string.sub(s, start))
   return parts
end

function init(args)
   ok, backpressure, other, event_errors, counter = 0, 0, 0, 0, 0
   statuses = {}
   format = os.getenv("BENCH_FORMAT") or "pb"
   salt = tonumber(os.getenv("BENCH_SALT") or "0") % 256
   local mark = format == "pb" and PB_MARK or JSON_MARK
   headers = { ["Content-Type"] = os.getenv("BENCH_CONTENT_TYPE") or "application/x-protobuf" }
   local auth = os.getenv("BENCH_AUTH") or ""
   if auth ~= "" then headers["Authorization"] = auth end
   bodies = {}
   local dir, count = os.getenv("BENCH_POOL_DIR"), tonumber(os.getenv("BENCH_POOL_COUNT"))
   for n = 0, count - 1 do
      local f = assert(io.open(string.format("%s/%04d.bin", dir, n), "rb"))
      table.insert(bodies, split(f:read("*a"), mark))
      f:close()
   end
   -- start each thread at a different body
   index = (tid * 7919) % #bodies + 1
end

local function request_id()
   counter = counter + 1
   local c = counter
   local b4 = c % 256; c = math.floor(c / 256)
   local b3 = c % 256; c = math.floor(c / 256)
   local b2 = c % 256; c = math.floor(c / 256)
   local b1 = c % 256
   if format == "pb" then return string.char(salt, tid, b1, b2, b3, b4) end
   return string.format("%02x%02x%02x%02x%02x%02x", salt, tid, b1, b2, b3, b4)
end

function request()
   local parts = bodies[index]
   index = index % #bodies + 1
   local id = request_id()
   local pieces = {}
   for k = 1, #parts - 1 do
      pieces[2 * k - 1] = parts[k]
      pieces[2 * k] = id
   end
   pieces[2 * #parts - 1] = parts[#parts]
   return wrk.format("POST", nil, headers, table.concat(pieces))
end

function response(status, hdrs, body)
   if status == 200 or status == 207 then
      ok = ok + 1
      -- Langfuse batch answers: a 207 whose "errors" entries (the only objects with "message") are per-event errors
      if status == 207 then
         local start = 1
         while true do
            local i = string.find(body, '"message"', start, true)
            if not i then break end
            event_errors = event_errors + 1
            start = i + 9
         end
      end
   elseif status == 503 or status == 429 then
      backpressure = backpressure + 1
   else
      other = other + 1
      statuses[status] = (statuses[status] or 0) + 1
   end
end

function done(summary, latency, requests)
   local t = { ok = 0, backpressure = 0, other = 0, event_errors = 0 }
   local codes = {}
   for _, thread in ipairs(threads) do
      for k, _ in pairs(t) do t[k] = t[k] + (thread:get(k) or 0) end
      local s = thread:get("statuses") or {}
      for code, n in pairs(s) do codes[tostring(code)] = (codes[tostring(code)] or 0) + n end
   end
   local parts = {}
   for code, n in pairs(codes) do table.insert(parts, string.format('"%s":%d', code, n)) end
   local e = summary.errors
   io.write(string.format(
      'BENCHJSON {"requests":%d,"duration_us":%d,"bytes":%d,"ok":%d,"backpressure":%d,"other":%d,' ..
      '"event_errors":%d,"other_statuses":{%s},"socket_errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},' ..
      '"latency_us":{"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.1f}}\n',
      summary.requests, summary.duration, summary.bytes, t.ok, t.backpressure, t.other, t.event_errors,
      table.concat(parts, ","), e.connect, e.read, e.write, e.timeout,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
