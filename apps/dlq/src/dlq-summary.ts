import type { DeadLetter } from './dead-letter.view';

export interface DlqSummary {
  topic: string;
  total: number;
  byReason: [string, number][];
  bySource: [string, number][];
  oldest: string | null;
  newest: string | null;
}

const countBy = (
  records: readonly DeadLetter[],
  keyOf: (r: DeadLetter) => string,
): [string, number][] => {
  const counts = new Map<string, number>();
  for (const record of records) counts.set(keyOf(record), (counts.get(keyOf(record)) ?? 0) + 1);
  // Most frequent first; ties in name order, so the output is stable from run to run.
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
};

const iso = (ms: number | undefined): string | null =>
  ms === undefined ? null : new Date(ms).toISOString();

export function summarise(topic: string, records: readonly DeadLetter[]): DlqSummary {
  const times = records.map((r) => r.timestampMs).sort((a, b) => a - b);
  return {
    topic,
    total: records.length,
    byReason: countBy(records, (r) => r.reason),
    bySource: countBy(records, (r) => `${r.source.topic}[${r.source.partition ?? '?'}]`),
    oldest: iso(times[0]),
    newest: iso(times.at(-1)),
  };
}

function table(title: string, rows: [string, number][]): string[] {
  const width = Math.max(title.length, ...rows.map(([name]) => name.length));
  return [
    `${title.padEnd(width)}  count`,
    ...rows.map(([name, n]) => `${name.padEnd(width)}  ${String(n).padStart(5)}`),
  ];
}

export function formatSummary(summary: DlqSummary): string {
  if (summary.total === 0) return `${summary.topic}: no dead letters\n`;
  return [
    `${summary.topic}: ${summary.total} dead letter(s), oldest ${summary.oldest}, newest ${summary.newest}`,
    '',
    ...table('reason', summary.byReason),
    '',
    ...table('source partition', summary.bySource),
    '',
  ].join('\n');
}
