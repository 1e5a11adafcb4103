import { MARKER_UP_LUA } from '@app/platform';
import type Redis from 'ioredis';

/**
 * The projector's side of the marker (libs/platform cache-coherence.ts). Each field is this instance's:
 * `<seq>:<deadline>`, where seq grows with every group of writes, so a command that arrives late (a retry,
 * a reply lost on a dead link) can never clear or shorten the protection of a newer write.
 */

/** What a MARK_WRITES entry is: new writes, or the renewal of a field whose writes still wait. */
export const MARK_KIND = { write: 'w', renewal: 'r' } as const;

/**
 * Per domain: INCR its generation and, when seq > 0, raise this instance's field to seq with a fresh
 * deadline. A string marker left by an older projector becomes a field carrying its remaining expiry.
 *
 * A renewal INCRs only if this instance's field is not live any more (gone, past its deadline, or holding
 * an older seq than the renewal, which the write mark of the newer writes always precedes). While
 * the field has been live without a break since the bump of the writes it protects, the API could
 * neither read a slot free of markers nor store under the new generation, so nothing can be cached
 * there that a bump would need to orphan. A field that is gone (Redis restarted or lost the key) or
 * lapsed (this projector could not reach Redis for a whole TTL) left a gap in which answers computed
 * before the writes were searchable may have been stored: that case, and only that one, bumps again.
 * KEYS: generation, marker, generation, marker, … ARGV: instance id, TTL ms, then per domain its seq and
 * its kind (MARK_KIND). Returns how many generations it bumped.
 */
export const MARK_WRITES = `${MARKER_UP_LUA}
local now = redis_now_ms()
local ttl = tonumber(ARGV[2])
local bumped = 0
for i = 1, #KEYS, 2 do
  local generation, marker = KEYS[i], KEYS[i + 1]
  local seq = tonumber(ARGV[2 + i])
  local renewal = ARGV[3 + i] == '${MARK_KIND.renewal}'
  if seq > 0 and redis.call('TYPE', marker).ok == 'string' then
    local left = redis.call('PTTL', marker)
    redis.call('DEL', marker)
    if left > 0 then redis.call('HSET', marker, 'legacy', '0:' .. string.format('%.0f', now + left)) end
  end
  local current = false
  if redis.call('TYPE', marker).ok == 'hash' then current = redis.call('HGET', marker, ARGV[1]) end
  local held = current and tonumber(string.match(current, '^(%d+):')) or 0
  local deadline = current and tonumber(string.match(current, ':(%d+)$')) or 0
  if not renewal or held < seq or deadline <= now then
    redis.call('INCR', generation)
    bumped = bumped + 1
  end
  if seq > 0 then
    if held <= seq then
      redis.call('HSET', marker, ARGV[1], seq .. ':' .. string.format('%.0f', now + ttl))
    end
    if redis.call('PTTL', marker) < ttl then redis.call('PEXPIRE', marker, ttl) end
  end
end
return bumped`;

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

/**
 * The scripts as commands of the projector's Redis client (`defineCommand`), which its MULTIs copy: each
 * goes as `EVALSHA`, its text only the first time on a connection. Inside MULTI a `NOSCRIPT` (Redis lost
 * its scripts: `SCRIPT FLUSH`, a restart behind a proxy) is only an element of EXEC's reply, which ioredis
 * neither retries nor notices (it goes on sending `EVALSHA` on that connection), so the caller must
 * (GenerationNotifier). Both take the number of keys first.
 */
export interface MarkerCommands<R> {
  markWrites(numberOfKeys: number, ...keysAndArgs: (string | number)[]): R;
  clearObserved(numberOfKeys: number, ...keysAndArgs: (string | number)[]): R;
}

export function defineMarkerCommands(redis: Redis): void {
  redis.defineCommand('markWrites', { lua: MARK_WRITES });
  redis.defineCommand('clearObserved', { lua: CLEAR_OBSERVED });
}

export function isNoScript(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('NOSCRIPT');
}
