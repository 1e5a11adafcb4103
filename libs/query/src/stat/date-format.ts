import type { DateFormat } from './stat.types';

/**
 * Group-key `date_format`: MongoDB `$dateToString` specifiers, always in UTC. Only the specifiers
 * below are supported; anything else is rejected rather than rendered differently from MongoDB.
 */
export type DateToken = { literal: string } | { spec: 'Y' | 'm' | 'd' | 'H' | 'M' | 'S' };

const SPECIFIERS = ['Y', 'm', 'd', 'H', 'M', 'S'] as const;
export const SUPPORTED_DATE_SPECIFIERS = '%Y %m %d %H %M %S %%';

function isSpecifier(c: string): c is DateTokenSpec {
  return (SPECIFIERS as readonly string[]).includes(c);
}
type DateTokenSpec = (typeof SPECIFIERS)[number];

/** Returns the tokens, or the offending specifier as a string. */
export function tokenizeDatePattern(pattern: string): DateToken[] | string {
  const tokens: DateToken[] = [];
  let literal = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? '';
    if (c !== '%') {
      literal += c;
      continue;
    }
    const next = pattern[i + 1];
    i++;
    if (next === '%') {
      literal += '%';
    } else if (next !== undefined && isSpecifier(next)) {
      if (literal) tokens.push({ literal });
      literal = '';
      tokens.push({ spec: next });
    } else {
      return `%${next ?? ''}`;
    }
  }
  if (literal) tokens.push({ literal });
  return tokens;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function renderSpec(spec: DateTokenSpec, d: Date): string {
  switch (spec) {
    case 'Y':
      return pad(d.getUTCFullYear(), 4);
    case 'm':
      return pad(d.getUTCMonth() + 1, 2);
    case 'd':
      return pad(d.getUTCDate(), 2);
    case 'H':
      return pad(d.getUTCHours(), 2);
    case 'M':
      return pad(d.getUTCMinutes(), 2);
    case 'S':
      return pad(d.getUTCSeconds(), 2);
    default: {
      const unreachable: never = spec;
      return unreachable;
    }
  }
}

function tokensOf(pattern: string): DateToken[] {
  const tokens = tokenizeDatePattern(pattern);
  if (typeof tokens === 'string') throw new Error(`unvalidated date_format ${pattern}`);
  return tokens;
}

/** The grouping value of a date under a key's `date_format`; null dates stay null (as in MongoDB). */
export function applyDateFormat(format: DateFormat, d: Date | null): string | number | null {
  if (d === null) return null;
  if (format.kind === 'part') {
    switch (format.part) {
      case 'year':
        return d.getUTCFullYear();
      case 'month':
        return d.getUTCMonth() + 1;
      case 'day':
        return d.getUTCDate();
      default: {
        const unreachable: never = format.part;
        return unreachable;
      }
    }
  }
  return tokensOf(format.pattern)
    .map((t) => ('literal' in t ? t.literal : renderSpec(t.spec, d)))
    .join('');
}

/**
 * The coarsest Elasticsearch date_histogram interval that never splits a formatted value: every date
 * in one bucket formats identically. Formats that drop a coarser unit (`%m` alone) map several buckets
 * onto one value; the reader merges those.
 */
export function histogramInterval(format: DateFormat): Record<string, string> {
  const specs =
    format.kind === 'part'
      ? [format.part === 'year' ? 'Y' : format.part === 'month' ? 'm' : 'd']
      : tokensOf(format.pattern).flatMap((t) => ('spec' in t ? [t.spec] : []));
  if (specs.includes('S')) return { fixed_interval: '1s' };
  if (specs.includes('M')) return { fixed_interval: '1m' };
  if (specs.includes('H')) return { fixed_interval: '1h' };
  if (specs.includes('d')) return { fixed_interval: '1d' };
  if (specs.includes('m')) return { calendar_interval: '1M' };
  return { calendar_interval: '1y' };
}

/** Whether distinct histogram buckets always format to distinct values (no merging needed). */
export function isInjective(format: DateFormat): boolean {
  if (format.kind === 'part') return format.part === 'year';
  const chain = ['Y', 'm', 'd', 'H', 'M', 'S'];
  const present = new Set(tokensOf(format.pattern).flatMap((t) => ('spec' in t ? [t.spec] : [])));
  const finest = Math.max(-1, ...chain.map((s, i) => (present.has(s as DateTokenSpec) ? i : -1)));
  return finest >= 0 && chain.slice(0, finest + 1).every((s) => present.has(s as DateTokenSpec));
}
