import type { Spread } from '../lib/stats';

/** Number formats of the markdown report. */
export const int = (n: number): string => Math.round(n).toLocaleString('en-US');
export const ms = (n: number): string => (n >= 100 ? `${int(n)} ms` : `${n.toPrecision(3)} ms`);
export const sec = (n: number): string => `${(n / 1_000).toFixed(2)} s`;
export const x = (n: number): string => `${n.toFixed(2)}×`;
export const range = (s: Spread, f: (n: number) => string): string => `${f(s.min)} – ${f(s.max)}`;
export const check = (ok: boolean): string => (ok ? '✅' : '❌');
export const mb = (n: number | null): string => (n === null ? 'n/a' : `${int(n)} MiB`);
