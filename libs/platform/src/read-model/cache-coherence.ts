/**
 * How the projector tells API caches that a domain's documents changed. Both apps build the Redis
 * keys and the marker check here, so they cannot drift apart.
 *
 * After each flush the projector, in one atomic script, increments the domain's generation (orphaning
 * every cached answer of that domain) and sets its field in the domain's "recently written" marker,
 * a Redis hash with one field per projector instance. The field stays until that projector has
 * observed a refresh covering the write on every shard copy of the index written (apps/projector
 * refresh.probe.ts), however late the refresh comes. While any live field exists the API answers
 * from Elasticsearch without caching: an answer computed before the refresh must not be stored under
 * the new generation.
 *
 * A field's value is `<seq>:<deadline>`, the deadline in Redis's own clock (`TIME`, ms). A projector
 * renews its fields while it waits; a field past its deadline belongs to a projector that died and
 * no longer counts. No host clock is ever compared with another.
 *
 * A renewal moves the deadline without a new increment: while a field stays live nothing can be stored
 * under the generation its bump made, so there is nothing to orphan. Only a field found gone or lapsed
 * (a Redis restart, a projector cut off from Redis for a whole TTL) gets the increment again, since
 * answers may have been stored in the gap (apps/projector write-marker.scripts.ts).
 */
export const READ_MODEL_REFRESH_MS = 1_000;

/**
 * How long after a write its marker normally lives on a healthy cluster: up to two refresh intervals (a
 * probe already waiting, then the one sent for the write) plus Redis round trips. Not a bound the cache
 * relies on (a late refresh keeps the marker up longer); tests use it to wait for the cache to come back
 * after the projector went quiet.
 */
export const RECENT_WRITE_WINDOW_MS = 2 * READ_MODEL_REFRESH_MS + 500;

/**
 * A marker field not renewed for this long is ignored: its projector died before it could observe the
 * refresh. The only case where an unrefreshed write can lose its protection (docs/api.md, "Cache").
 */
export const WRITE_MARKER_TTL_MS = 60_000;

export function generationKey(prefix: string, domainId: string): string {
  return `${prefix}generation:${domainId}`;
}

export function recentWriteKey(prefix: string, domainId: string): string {
  return `${prefix}recently-written:${domainId}`;
}

/**
 * Lua: `redis_now_ms()` and `marker_up(key)`, for any script that decides whether to use the cache.
 * A string marker (set by a projector from before the hash, with its own expiry) or a field without a
 * readable deadline counts as up: when unsure, do not cache.
 */
export const MARKER_UP_LUA = `
local function redis_now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function marker_up(key)
  local kind = redis.call('TYPE', key).ok
  if kind == 'none' then return false end
  if kind ~= 'hash' then return true end
  local now = redis_now_ms()
  for _, value in ipairs(redis.call('HVALS', key)) do
    local deadline = tonumber(string.match(value, ':(%d+)$'))
    if deadline == nil or deadline > now then return true end
  end
  return false
end
`;
