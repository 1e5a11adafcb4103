import { MARKER_UP_LUA } from '@app/platform';

/**
 * The projector's side of the marker (libs/platform cache-coherence.ts). Each field is this instance's:
 * `<seq>:<deadline>`, where seq grows with every group of writes, so a command that arrives late (a retry,
 * a reply lost on a dead link) can never clear or shorten the protection of a newer write.
 */

/**
 * Per domain: INCR its generation and, when seq > 0, raise this instance's field to seq with a fresh
 * deadline. A string marker left by an older projector becomes a field carrying its remaining expiry.
 * KEYS: generation, marker, generation, marker, … ARGV: instance id, TTL ms, then one seq per domain.
 */
export const MARK_WRITES = `${MARKER_UP_LUA}
local now = redis_now_ms()
local ttl = tonumber(ARGV[2])
for i = 1, #KEYS, 2 do
  redis.call('INCR', KEYS[i])
  local seq = tonumber(ARGV[2 + (i + 1) / 2])
  local marker = KEYS[i + 1]
  if seq > 0 then
    if redis.call('TYPE', marker).ok == 'string' then
      local left = redis.call('PTTL', marker)
      redis.call('DEL', marker)
      if left > 0 then redis.call('HSET', marker, 'legacy', '0:' .. string.format('%.0f', now + left)) end
    end
    local current = redis.call('HGET', marker, ARGV[1])
    if not current or (tonumber(string.match(current, '^(%d+):')) or 0) <= seq then
      redis.call('HSET', marker, ARGV[1], seq .. ':' .. string.format('%.0f', now + ttl))
    end
    if redis.call('PTTL', marker) < ttl then redis.call('PEXPIRE', marker, ttl) end
  end
end
return 1`;

/**
 * Per domain: remove this instance's field if its seq is at most the one observed, and fields whose
 * deadline passed (projectors that died). KEYS: markers. ARGV: instance id, then one seq per marker.
 */
export const CLEAR_OBSERVED = `${MARKER_UP_LUA}
local now = redis_now_ms()
for i, marker in ipairs(KEYS) do
  if redis.call('TYPE', marker).ok == 'hash' then
    local fields = redis.call('HGETALL', marker)
    for j = 1, #fields, 2 do
      local field, value = fields[j], fields[j + 1]
      local seq = tonumber(string.match(value, '^(%d+):'))
      local deadline = tonumber(string.match(value, ':(%d+)$'))
      if (field == ARGV[1] and seq ~= nil and seq <= tonumber(ARGV[1 + i]))
        or (deadline ~= nil and deadline <= now) then
        redis.call('HDEL', marker, field)
      end
    end
  end
end
return 1`;
