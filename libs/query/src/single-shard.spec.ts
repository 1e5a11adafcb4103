import { answeredByOneShard } from './single-shard';

describe('answeredByOneShard', () => {
  it('should hold only for a response from exactly one shard', () => {
    expect(answeredByOneShard({ _shards: { total: 1 } })).toBe(true);
    expect(answeredByOneShard({ _shards: { total: 3 } })).toBe(false);
  });

  it('should not hold for a response that does not say how many shards answered', () => {
    expect(answeredByOneShard({})).toBe(false);
  });
});
