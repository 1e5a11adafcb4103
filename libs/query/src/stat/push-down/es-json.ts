import type { JsonObject } from '../../search-port';
import { JOB_TASK_COLUMNS, type Kind, resolveKind, STRING } from '../field-kind';
import type { RowValue } from '../in-memory/row-value';

/** Defensive readers for Elasticsearch response JSON (typed `unknown` at the port). */
export function asObject(x: unknown): JsonObject {
  return x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as JsonObject) : {};
}

export function asArray(x: unknown): unknown[] {
  return Array.isArray(x) ? (x as unknown[]) : [];
}

export function asNumber(x: unknown): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}

export function docCount(bucket: unknown): number {
  return asNumber(asObject(bucket).doc_count) ?? 0;
}

/** The scalar kind of an indexed document path (`errors.*` are keywords of each error). */
export function indexedKind(key: string): Kind {
  const kind = resolveKind(JOB_TASK_COLUMNS, key) ?? STRING;
  return kind.t === 'array' ? kind.of : kind;
}

/** A term, metric value or composite key as the row value MongoDB would have produced. */
export function fromEs(raw: unknown, kind: Kind): RowValue {
  if (raw === null || raw === undefined) return null;
  switch (kind.t) {
    case 'date': {
      const ms = asNumber(raw);
      return ms === null ? null : new Date(ms);
    }
    case 'number':
      return asNumber(raw);
    case 'string':
      return typeof raw === 'string' ? raw : JSON.stringify(raw);
    case 'object':
    case 'array':
    case 'any':
      throw new Error(`no indexed values of kind ${kind.t}`);
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}
