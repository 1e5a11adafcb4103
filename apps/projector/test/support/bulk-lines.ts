import type { estypes } from '@elastic/elasticsearch';

/** One operation of a `_bulk` body as the stubbed clients read it: its action and, for index/create, the source. */
export interface BulkLine {
  kind: 'index' | 'create';
  meta: estypes.BulkIndexOperation;
  source: string;
}

/** Splits the NDJSON the repository sends (a Buffer or a string) back into operations. */
export function bulkLines(body: unknown): BulkLine[] {
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : String(body);
  if (!text.endsWith('\n')) throw new Error('a bulk body ends with a newline');
  const rows = text.slice(0, -1).split('\n');
  const lines: BulkLine[] = [];
  for (let i = 0; i < rows.length; i += 2) {
    const action = JSON.parse(rows[i] ?? '') as Record<string, estypes.BulkIndexOperation>;
    const [kind, meta] = Object.entries(action)[0] ?? [];
    if ((kind !== 'index' && kind !== 'create') || meta === undefined || rows[i + 1] === undefined)
      throw new Error(`unexpected bulk action ${rows[i]}`);
    lines.push({ kind, meta, source: rows[i + 1] ?? '' });
  }
  return lines;
}
