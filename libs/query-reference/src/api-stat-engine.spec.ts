import { parseStatRequest } from '@app/query';
import { runStatOverDocuments } from './api-stat-engine';
import { STAT_CASES } from './stat-cases';
import { STAT_SAMPLE } from './stat-fixtures';

const limits = { maxGroups: 10000 };
const asSources = (docs: object[]): Record<string, unknown>[] => docs as Record<string, unknown>[];

describe(runStatOverDocuments.name, () => {
  it.each(STAT_CASES.map((c) => [c.name, c] as const))('should answer: %s', (_name, c) => {
    const req = parseStatRequest({ domain_id: 'domain-1', query: c.query }, limits);
    expect(runStatOverDocuments(asSources(c.docs ?? STAT_SAMPLE), req, limits)).toEqual(c.expected);
  });
});
