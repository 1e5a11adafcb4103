import { JobTaskInfo } from '@app/domain';
import { JsonObject } from '@app/query';
import { luceneRegexMatches } from './lucene-regex.model';

/**
 * A model of the Elasticsearch core queries the translation emits, evaluated over plain documents
 * under this project's mapping (keywords, int32 counts, millisecond dates, nested `errors` with
 * `message` ignore_above 8191). Unit tests use it to check the translation against the reference
 * evaluator before the real cluster is wired in; it is a model, not a substitute for that test.
 */
type Ctx = { kind: 'root'; doc: JobTaskInfo } | { kind: 'error'; error: Record<string, unknown> };

const DATE_FIELDS = ['created_at', 'started_at', 'finished_at'];
const IGNORE_ABOVE: Record<string, number> = { 'errors.message': 8191 };

/** The indexed value of a field in this context, or null when it has none. */
function indexed(ctx: Ctx, field: string): string | number | null {
  let raw: unknown;
  if (ctx.kind === 'error') {
    raw = field.startsWith('errors.') ? ctx.error[field.slice('errors.'.length)] : undefined;
  } else {
    raw = field.startsWith('errors.') ? undefined : (ctx.doc as unknown as JsonObject)[field];
  }
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'string' && raw.length > (IGNORE_ABOVE[field] ?? Infinity)) return null;
  if (DATE_FIELDS.includes(field)) return Date.parse(raw as string);
  return raw as string | number;
}

const only = (o: JsonObject): [string, unknown] => {
  const [entry] = Object.entries(o);
  if (!entry) throw new Error('empty query clause');
  return entry;
};

/** Keyword order is UTF-8 byte order. */
function compareIndexed(a: string | number, b: unknown): number {
  if (typeof a === 'number') return a - (b as number);
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b as string, 'utf8'));
}

/** `wildcard` with `case_insensitive` folds ASCII letters only (observed on ES 8.19). */
function asciiAlternative(ch: string): string {
  if (!/^[A-Za-z]$/.test(ch)) return ch;
  return ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase();
}

const u = (ch: string) => `\\u{${(ch.codePointAt(0) ?? 0).toString(16)}}`;

function wildcardRegex(pattern: string, caseInsensitive: boolean): RegExp {
  let out = '';
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? '';
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else {
      const literal = c === '\\' ? (chars[++i] ?? '\\') : c;
      const alt = caseInsensitive ? asciiAlternative(literal) : literal;
      out += alt === literal ? u(literal) : `[${u(literal)}${u(alt)}]`;
    }
  }
  return new RegExp(`^(?:${out})$`, 'su');
}

function rangeHolds(value: string | number, bounds: JsonObject): boolean {
  const c = (b: unknown) => compareIndexed(value, b);
  return (
    (bounds.gt === undefined || c(bounds.gt) > 0) &&
    (bounds.gte === undefined || c(bounds.gte) >= 0) &&
    (bounds.lt === undefined || c(bounds.lt) < 0) &&
    (bounds.lte === undefined || c(bounds.lte) <= 0)
  );
}

function evaluate(query: JsonObject, ctx: Ctx): boolean {
  const [type, body] = only(query);
  const spec = body as JsonObject;
  switch (type) {
    case 'match_all':
      return true;
    case 'match_none':
      return false;
    case 'bool': {
      const filter = (spec.filter as JsonObject[] | undefined) ?? [];
      const should = (spec.should as JsonObject[] | undefined) ?? [];
      const mustNot = (spec.must_not as JsonObject[] | undefined) ?? [];
      return (
        filter.every((q) => evaluate(q, ctx)) &&
        (should.length === 0 || should.some((q) => evaluate(q, ctx))) &&
        !mustNot.some((q) => evaluate(q, ctx))
      );
    }
    case 'nested':
      return (
        ctx.kind === 'root' &&
        ctx.doc.errors.some((error) =>
          evaluate(spec.query as JsonObject, {
            kind: 'error',
            error: error as unknown as JsonObject,
          }),
        )
      );
    case 'exists':
      return indexed(ctx, spec.field as string) !== null;
    case 'term': {
      const [field, value] = only(spec);
      const v = indexed(ctx, field);
      return v !== null && compareIndexed(v, value) === 0;
    }
    case 'terms': {
      const [field, values] = only(spec);
      const v = indexed(ctx, field);
      return v !== null && (values as unknown[]).some((value) => compareIndexed(v, value) === 0);
    }
    case 'range': {
      const [field, bounds] = only(spec);
      const v = indexed(ctx, field);
      return v !== null && rangeHolds(v, bounds as JsonObject);
    }
    case 'wildcard': {
      const [field, options] = only(spec);
      const { value, case_insensitive } = options as { value: string; case_insensitive?: boolean };
      const v = indexed(ctx, field);
      return typeof v === 'string' && wildcardRegex(value, case_insensitive === true).test(v);
    }
    case 'regexp': {
      const [field, options] = only(spec);
      const v = indexed(ctx, field);
      return typeof v === 'string' && luceneRegexMatches((options as { value: string }).value, v);
    }
    default:
      throw new Error(`the model does not know the query type ${type}`);
  }
}

export function esQueryMatches(query: JsonObject, doc: JobTaskInfo): boolean {
  return evaluate(query, { kind: 'root', doc });
}
