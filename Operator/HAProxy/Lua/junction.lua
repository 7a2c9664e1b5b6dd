-- junction.lua: the Lua actions behind the FaultInjection and RequestMirror route filters.
-- Loaded by haproxy.cfg (lua-load) only when a route uses one of them. HAProxy 2.6 and 3.x.

-- lua.junction_delay <ms>: holds the request for <ms> milliseconds, then lets it continue.
-- core.msleep yields to HAProxy's scheduler, so other requests keep flowing meanwhile.
core.register_action("junction_delay", { "http-req" }, function(txn, ms)
  core.msleep(tonumber(ms))
end, 1)

-- Copies of mirrored requests still being sent, per process. Beyond the cap a copy is dropped
-- instead of queued: a slow mirror must never make the proxy hold ever more memory.
local in_flight = 0
local MAX_IN_FLIGHT = 256

-- Connection-level and framing headers describe the original hop, not the copy; the HTTP client
-- sets its own framing from the body it sends.
local HOP = {
  ["connection"] = true, ["keep-alive"] = true, ["proxy-connection"] = true, ["te"] = true,
  ["trailer"] = true, ["transfer-encoding"] = true, ["upgrade"] = true, ["content-length"] = true,
  ["expect"] = true, ["host"] = true,
}

-- Istio's shadow host: "shop.example.com:8080" -> "shop.example.com-shadow:8080".
local function shadow(host)
  if host == nil or host == "" then return "mirror-shadow" end
  local name, port = host:match("^(.*[^:])(:%d+)$")
  if name ~= nil and (not name:find(":", 1, true) or name:sub(-1) == "]") then
    return name .. "-shadow" .. port
  end
  return host .. "-shadow"
end

-- The request's body when the whole of it is in the buffer and within the limit; nil when it
-- must not be copied (larger than the limit, or shorter than its declared length). "" when the
-- request has none.
local function whole_body(txn, limit)
  local declared = txn.f:req_hdr("content-length")
  local body = txn.f:req_body() or ""
  if #body > limit then return nil end
  if declared ~= nil and declared ~= "" then
    local n = tonumber(declared)
    if n == nil or n > limit or n ~= #body then return nil end
  end
  return body
end

-- lua.junction_mirror <address> <timeout ms> <body limit>: sends a copy of the request to the
-- mirror listener at <address> (the internal frontend in front of the mirror Service) from a
-- task of its own, and returns at once; the copy's answer is read and discarded. The listener
-- restores the method from x-junction-mirror-method (the HTTP client of 2.6 sends fixed
-- methods only).
core.register_action("junction_mirror", { "http-req" }, function(txn, address, timeout, limit)
  if in_flight >= MAX_IN_FLIGHT then return end
  local body = whole_body(txn, tonumber(limit))
  if body == nil then return end

  local headers = {}
  for name, values in pairs(txn.http:req_get_headers()) do
    if not HOP[name] and name ~= "x-junction-mirror-method" then
      local list = {}
      local i = 0
      while values[i] ~= nil do
        list[#list + 1] = values[i]
        i = i + 1
      end
      headers[name] = list
    end
  end
  headers["host"] = { shadow(txn.f:req_hdr("host")) }
  headers["x-junction-mirror-method"] = { txn.f:method() }
  local url = "http://mirror" .. txn.f:pathq()
  local ms = tonumber(timeout)

  in_flight = in_flight + 1
  core.register_task(function()
    pcall(function()
      local client = core.httpclient()
      client:post({ url = url, dst = address, headers = headers, body = body, timeout = ms })
    end)
    in_flight = in_flight - 1
  end)
end, 3)
