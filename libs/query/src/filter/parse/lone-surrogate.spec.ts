import { parseStatRequest } from '../../stat/parse/stat-request.parser';
import { parseQueryScope } from './query-scope.parser';

/*
 * JSON can carry half of a surrogate pair ("\ud800"), which no UTF-8 text holds. Elasticsearch
 * replaces it with U+FFFD when it turns the value into a term (measured on 8.19: `eq "\ud800"` found
 * a task whose job_id is "\ufffd"), so such a value can only ever give a wrong answer: it is a 400.
 */
const LONE = ['\ud800', 'a\udfffb', 'x\ud83d'];

const scope = (raw: Record<string, unknown>) => () => parseQueryScope(raw, 'query');
const invalid = expect.objectContaining({ code: 'ERROR_INVALID_PARAMETER' }) as Error;

describe('lone surrogates in string values', () => {
  it.each(LONE.flatMap((v) => ['eq', 'not', 'lt', 'contain', 'regex'].map((o) => [o, v])))(
    'should refuse %s %j naming the condition',
    (o, v) => {
      expect(scope({ filter: [{ k: 'job_id', o, v }] })).toThrow(invalid);
      expect(scope({ filter: [{ k: 'job_id', o, v }] })).toThrow(/query\.filter\[0\]/);
    },
  );

  it.each(['in', 'not_in', 'contain_in', 'not_contain_in', 'regex_in'])(
    'should refuse a list item of %s',
    (o) => {
      expect(scope({ filter_or: [{ k: 'errors.message', o, v: ['ok', '\ud800'] }] })).toThrow(
        invalid,
      );
    },
  );

  it('should refuse a match value and a keyword token', () => {
    expect(scope({ filter: [{ k: 'errors', o: 'match', v: { message: '\udc00' } }] })).toThrow(
      invalid,
    );
    expect(scope({ keyword: 'job \ud800x' })).toThrow(/query\.keyword/);
  });

  it('should refuse a stat group condition value', () => {
    const body = {
      domain_id: 'd',
      query: {
        aggregate: [
          {
            group: {
              fields: [
                {
                  name: 'n',
                  operator: 'count',
                  conditions: [{ key: 'job_id', operator: 'eq', value: '\ud800' }],
                },
              ],
            },
          },
        ],
      },
    };
    expect(() => parseStatRequest(body, { maxGroups: 10 })).toThrow(invalid);
  });

  it('should accept whole surrogate pairs and U+FFFD itself', () => {
    for (const v of ['a\u{1F600}', '\ufffd', '\u{10FFFF}']) {
      expect(scope({ filter: [{ k: 'job_id', o: 'contain', v }], keyword: v })).not.toThrow();
    }
  });
});
