-- Where a run's stream stands, read atomically so a subscriber's resume decision is consistent.
-- KEYS[1] meta hash   KEYS[2] events stream
-- Returns {base, head, oldest retained id}; '' for what does not exist.
local m = redis.call('HMGET', KEYS[1], 'base', 'seq')
local first = redis.call('XRANGE', KEYS[2], '-', '+', 'COUNT', 1)
local oldest = ''
if first[1] then oldest = first[1][1] end
return {m[1] or '', m[2] or '', oldest}
