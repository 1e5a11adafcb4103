import { ApiError } from '../errors/api-error';
import { assertCompleteAnswer, IncompleteAnswerError } from './complete-answer.guard';

describe('assertCompleteAnswer', () => {
  it('should accept an answer every shard took part in', () => {
    expect(() =>
      assertCompleteAnswer({ _shards: { total: 3, successful: 3, failed: 0 }, timed_out: false }),
    ).not.toThrow();
  });

  it('should count shards skipped by the can-match phase as answered', () => {
    expect(() =>
      assertCompleteAnswer({ _shards: { total: 3, successful: 1, skipped: 2, failed: 0 } }),
    ).not.toThrow();
  });

  it('should refuse partial results from the surviving shards', () => {
    expect(() =>
      assertCompleteAnswer({ _shards: { total: 3, successful: 2, skipped: 0, failed: 1 } }),
    ).toThrow('1 of 3 shards failed');
  });

  it('should refuse an answer where shards are missing without being reported as failed', () => {
    expect(() => assertCompleteAnswer({ _shards: { total: 2, successful: 1, failed: 0 } })).toThrow(
      '1 of 2 shards answered',
    );
  });

  it('should refuse a timed-out search even when every shard reported back', () => {
    expect(() =>
      assertCompleteAnswer({ _shards: { total: 1, successful: 1, failed: 0 }, timed_out: true }),
    ).toThrow('the search timed out');
  });

  it('should refuse a response that cannot show it is complete', () => {
    expect(() => assertCompleteAnswer({})).toThrow('no shard statistics');
  });

  it('should be a 503 with the stable unavailable code, which clients retry', () => {
    let caught: unknown;
    try {
      assertCompleteAnswer({ _shards: { total: 1, successful: 0, failed: 1 } });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IncompleteAnswerError);
    expect(caught).toBeInstanceOf(ApiError);
    expect(caught).toMatchObject({ code: 'ERROR_UNAVAILABLE', status: 503 });
  });
});
