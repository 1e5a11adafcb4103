import type { TimestampMessage } from './job-task.messages';

const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An RFC 3339 string from the read model → google.protobuf.Timestamp, keeping every fractional
 * digit as nanos. A string that is not a valid instant has no Timestamp form and is left unset.
 */
export function isoToTimestamp(iso: string): TimestampMessage | undefined {
  const match = RFC3339.exec(iso);
  if (!match) return undefined;
  const [, wholeSeconds, fraction = '', zone] = match;
  const ms = Date.parse(`${wholeSeconds}${zone}`);
  if (Number.isNaN(ms)) return undefined;
  return { seconds: ms / 1000, nanos: Number(fraction.padEnd(9, '0')) };
}

/** google.protobuf.Timestamp → the API's JSON spelling (UTC, milliseconds); null when unset. */
export function timestampToIso(timestamp: TimestampMessage | null | undefined): string | null {
  if (!timestamp) return null;
  const ms = Number(timestamp.seconds ?? 0) * 1000 + Math.floor((timestamp.nanos ?? 0) / 1e6);
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
