-- lua.spiffe_id: the spiffe:// URI SAN of the TLS client certificate, or "" when there is none.
-- HAProxy before 3.1 has no ssl_c_san, so this walks the DER of ssl_c_der to the subjectAltName
-- extension (OID 2.5.29.17) and returns its first uniformResourceIdentifier ([6]) starting with
-- spiffe://. Any malformed input yields "": an unreadable certificate proves no identity.

-- Reads the tag and length at pos; returns tag, content start, content end (inclusive) or nil.
local function tlv(der, pos, limit)
  if pos + 1 > limit then return nil end
  local tag = der:byte(pos)
  local len = der:byte(pos + 1)
  local start = pos + 2
  if len >= 0x80 then
    local n = len - 0x80
    if n < 1 or n > 4 or start + n - 1 > limit then return nil end
    len = 0
    for i = 0, n - 1 do len = len * 256 + der:byte(start + i) end
    start = start + n
  end
  local stop = start + len - 1
  if stop > limit then return nil end
  return tag, start, stop
end

local SAN_OID = "\85\29\17" -- 2.5.29.17 without its tag and length

local function spiffe_from_der(der)
  if der == nil or #der < 4 then return "" end
  local _, cs, ce = tlv(der, 1, #der)               -- Certificate
  if not cs then return "" end
  local tag, ts, te = tlv(der, cs, ce)               -- tbsCertificate
  if tag ~= 0x30 then return "" end
  local pos = ts
  while pos <= te do
    local t, s, e = tlv(der, pos, te)
    if not t then return "" end
    if t == 0xA3 then                                -- [3] extensions
      local _, xs, xe = tlv(der, s, e)               -- SEQUENCE OF Extension
      if not xs then return "" end
      local p = xs
      while p <= xe do
        local et, es, ee = tlv(der, p, xe)           -- Extension
        if et ~= 0x30 then return "" end
        local ot, os, oe = tlv(der, es, ee)          -- extnID
        if ot == 0x06 and der:sub(os, oe) == SAN_OID then
          local q = oe + 1
          local vt, vs, ve = tlv(der, q, ee)
          if vt == 0x01 then q = ve + 1; vt, vs, ve = tlv(der, q, ee) end  -- critical BOOLEAN
          if vt ~= 0x04 then return "" end           -- extnValue OCTET STRING
          local gt, gs, ge = tlv(der, vs, ve)        -- GeneralNames
          if gt ~= 0x30 then return "" end
          local g = gs
          while g <= ge do
            local nt, ns, ne = tlv(der, g, ge)
            if not nt then return "" end
            if nt == 0x86 then
              local uri = der:sub(ns, ne)
              if uri:sub(1, 9) == "spiffe://" then return uri end
            end
            g = ne + 1
          end
          return ""
        end
        p = ee + 1
      end
      return ""
    end
    pos = e + 1
  end
  return ""
end

core.register_fetches("spiffe_id", function(txn)
  return spiffe_from_der(txn.f:ssl_c_der())
end)
