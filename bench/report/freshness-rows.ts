import type { FreshnessFigure } from '../figures/freshness.figure';
import { check, int, ms, range, sec } from './format';

/** Figure 3's rows: the three readers at the paced rate, then what each saw after the last write. */
export function freshnessRows(fr: FreshnessFigure): string[][] {
  return [
    [
      '3',
      `freshness at ${int(fr.rate)} events/s (${fr.inflight > 0 ? `${int(fr.inflight)} in flight` : 'natural stream'}, ${Math.round(fr.fractionOfMax * 100)} % of that level's max), API as deployed (cache on): p50 / p99`,
      `${ms(fr.api.all.p50)} / ${ms(fr.api.all.p99)}`,
      `p99 per window ${range(fr.api.windowP99, ms)}`,
      `p99 ≤ 2 s ${check(fr.api.all.p99 <= 2_000)}`,
    ],
    [
      '3',
      'freshness, API with cache off: p50 / p99',
      `${ms(fr.apiUncached.all.p50)} / ${ms(fr.apiUncached.all.p99)}`,
      `p99 per window ${range(fr.apiUncached.windowP99, ms)}`,
      '',
    ],
    [
      '3',
      'freshness, Elasticsearch search: p50 / p99',
      `${ms(fr.es.all.p50)} / ${ms(fr.es.all.p99)}`,
      `p99 per window ${range(fr.es.windowP99, ms)}`,
      '',
    ],
    [
      '3',
      'after the last write (tail probe): API cached / uncached / ES',
      [fr.endOfStream.api, fr.endOfStream.apiUncached, fr.endOfStream.es]
        .map((v) => (v === null ? `not within ${sec(fr.endOfStream.timeoutMs)}` : ms(v)))
        .join(' / '),
      '',
      '',
    ],
  ];
}
