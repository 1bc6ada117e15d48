-- Appends one event to a run's stream, atomically with its sequence and its fencing.
-- KEYS[1] meta hash (base, seq, ended)   KEYS[2] attempts hash (step -> attempt)   KEYS[3] events stream
-- ARGV[1] step or ''   ARGV[2] attempt   ARGV[3] event JSON without "seq"   ARGV[4] max events (MAXLEN ~)
-- ARGV[5] '1' if terminal   ARGV[6] retention after the end (s)   ARGV[7] idle retention (s)
-- ARGV[8] sequences to skip first: '1' when this node lost events of the run (Redis was unavailable),
--         so the hole tells every subscriber it missed something and must resync
-- Returns the new sequence, or -1 when the attempt is older than one already recorded for the step.
-- Numbers above 2^53 never occur (millis*1000 is ~2^51), but Lua prints numbers with 14 digits, so
-- sequences are formatted with %d and the base is built from TIME's strings.
local meta, attempts, events = KEYS[1], KEYS[2], KEYS[3]

if redis.call('HEXISTS', meta, 'seq') == 0 then
  local now = redis.call('TIME')
  local base = now[1] .. string.format('%03d', math.floor(tonumber(now[2]) / 1000)) .. '000'
  redis.call('HSET', meta, 'base', base, 'seq', base)
end

local step, attempt = ARGV[1], tonumber(ARGV[2])
if step ~= '' and attempt > 0 then
  local recorded = tonumber(redis.call('HGET', attempts, step) or '0')
  if attempt < recorded then
    return -1
  end
  if attempt > recorded then
    redis.call('HSET', attempts, step, ARGV[2])
  end
end

local seq = redis.call('HINCRBY', meta, 'seq', 1 + tonumber(ARGV[8]))
local id = string.format('%d', seq)
redis.call('XADD', events, 'MAXLEN', '~', ARGV[4], id .. '-0',
  'e', '{"seq":' .. id .. ',' .. string.sub(ARGV[3], 2))

if ARGV[5] == '1' then
  redis.call('HSET', meta, 'ended', '1')
  for _, key in ipairs(KEYS) do redis.call('EXPIRE', key, ARGV[6]) end
elseif redis.call('HEXISTS', meta, 'ended') == 1 then
  -- a late event after the end must not extend the run's life; it only must not leak a key
  for _, key in ipairs(KEYS) do redis.call('EXPIRE', key, ARGV[6], 'NX') end
else
  for _, key in ipairs(KEYS) do redis.call('EXPIRE', key, ARGV[7]) end
end
return seq
