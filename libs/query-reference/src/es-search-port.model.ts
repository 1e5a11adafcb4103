import { JobTaskInfo } from '@app/domain';
import { DomainSearchPort, JsonObject, SearchRequestBody, SearchResponseBody } from '@app/query';
import { esQueryMatches } from './es-query.model';

type SortSpec = { field: string; desc: boolean; missing: unknown };
type SortValue = string | number | null;

const WINDOW = 10_000;

function parseSort(sort: unknown[] | undefined): SortSpec[] {
  return (sort ?? []).map((entry) => {
    const [[field, options]] = Object.entries(entry as JsonObject) as [[string, JsonObject]];
    return { field, desc: options.order === 'desc', missing: options.missing ?? '_last' };
  });
}

function valueOf(doc: JobTaskInfo, spec: SortSpec): SortValue {
  const raw = (doc as unknown as JsonObject)[spec.field];
  if (raw === null || raw === undefined)
    return typeof spec.missing === 'number' ? spec.missing : null;
  return spec.field.endsWith('_at') ? Date.parse(raw as string) : (raw as string | number);
}

const encoded = new Map<string, Buffer>();
function utf8(text: string): Buffer {
  let bytes = encoded.get(text);
  if (!bytes) {
    bytes = Buffer.from(text, 'utf8');
    encoded.set(text, bytes);
  }
  return bytes;
}

function compareKey(a: SortValue, b: SortValue, spec: SortSpec): number {
  if (a === null || b === null) {
    if (a === b) return 0;
    const nullFirst = spec.missing === '_first';
    return (a === null) === nullFirst ? -1 : 1;
  }
  const c = typeof a === 'number' ? a - (b as number) : Buffer.compare(utf8(a), utf8(b as string));
  return spec.desc ? -c : c;
}

function compareTuples(a: SortValue[], b: SortValue[], specs: SortSpec[]): number {
  for (let i = 0; i < specs.length; i++) {
    const c = compareKey(a[i] ?? null, b[i] ?? null, specs[i] as SortSpec);
    if (c !== 0) return c;
  }
  return 0;
}

/**
 * DomainSearchPort over the ES query model, with ES's paging rules: the 10,000 window for
 * from + size, search_after only inside a point in time, rotating PIT ids, totals only when tracked.
 * Requests go through JSON, as they would on the wire.
 */
export class ModelSearchPort implements DomainSearchPort {
  readonly requests: SearchRequestBody[] = [];
  readonly openPits = new Set<string>();
  private pits = 0;

  constructor(private readonly docs: JobTaskInfo[]) {}

  search(request: SearchRequestBody): Promise<SearchResponseBody> {
    const body = JSON.parse(JSON.stringify(request)) as SearchRequestBody;
    this.requests.push(body);
    const specs = parseSort(body.sort);
    const size = body.size ?? 10;
    if (body.pit && !this.openPits.has(body.pit.id)) throw new Error('unknown PIT');
    if (!body.pit && (body.from ?? 0) + size > WINDOW) throw new Error('result window too large');
    if (body.search_after && !body.pit)
      throw new Error('this planner only uses search_after in a PIT');
    const rows = this.docs
      .filter((doc) => esQueryMatches(body.query ?? { match_all: {} }, doc))
      .map((doc) => ({ doc, sort: specs.map((spec) => valueOf(doc, spec)) }))
      .sort((a, b) => compareTuples(a.sort, b.sort, specs));
    const after = body.search_after as SortValue[] | undefined;
    const start = after
      ? rows.findIndex((r) => compareTuples(r.sort, after, specs) > 0)
      : (body.from ?? 0);
    const page = start < 0 ? [] : rows.slice(start, start + size);
    const hits = page.map(({ doc, sort }) => ({ _source: source(doc, body._source), sort }));
    const total =
      body.track_total_hits === true
        ? { value: rows.length, relation: 'eq' }
        : { value: Math.min(rows.length, WINDOW), relation: rows.length > WINDOW ? 'gte' : 'eq' };
    const response: SearchResponseBody = { hits: { total, hits } };
    if (body.pit) {
      this.openPits.delete(body.pit.id);
      response.pit_id = `${body.pit.id}+`;
      this.openPits.add(response.pit_id);
    }
    return Promise.resolve(JSON.parse(JSON.stringify(response)) as SearchResponseBody);
  }

  count(query: JsonObject | undefined): Promise<number> {
    return Promise.resolve(
      this.docs.filter((doc) => esQueryMatches(query ?? { match_all: {} }, doc)).length,
    );
  }

  openPointInTime(): Promise<string> {
    const id = `pit-${++this.pits}`;
    this.openPits.add(id);
    return Promise.resolve(id);
  }

  closePointInTime(id: string): Promise<void> {
    this.openPits.delete(id);
    return Promise.resolve();
  }
}

function source(doc: JobTaskInfo, filter: SearchRequestBody['_source']): JsonObject | undefined {
  if (filter === false) return undefined;
  const all = { ...(doc as unknown as JsonObject), projection: { internal: true } };
  if (!Array.isArray(filter)) return all;
  return Object.fromEntries(Object.entries(all).filter(([k]) => filter.includes(k)));
}
