import { RefreshWatch } from './refresh.watch';

describe('RefreshWatch', () => {
  it('should observe writes only through a probe sent after they returned', () => {
    const watch = new RefreshWatch();
    const early = watch.probeSent('alias');
    const seq = watch.register(['d1'], 'alias');
    // That probe may have refreshed before the write was in: it proves nothing about it.
    expect(watch.observe('alias', early)).toEqual([]);
    expect(watch.pendingSeq('d1')).toBe(seq);
    expect(watch.unprobedTargets()).toEqual(['alias']);

    const probe = watch.probeSent('alias');
    expect(watch.unprobedTargets()).toEqual([]);
    expect(watch.observe('alias', probe)).toEqual([{ domainId: 'd1', seq }]);
    expect(watch.pendingSeq('d1')).toBeNull();
  });

  it("should keep a domain waiting until its newest write's probe is back", () => {
    const watch = new RefreshWatch();
    watch.register(['d1', 'd2'], 'alias');
    const first = watch.probeSent('alias');
    const newer = watch.register(['d1'], 'alias');
    expect(watch.observe('alias', first)).toEqual([{ domainId: 'd2', seq: 1 }]);
    expect(watch.pendingSeq('d1')).toBe(newer);
    expect(watch.pendingDomains()).toEqual([{ domainId: 'd1', seq: newer }]);
    expect(watch.observe('alias', watch.probeSent('alias'))).toEqual([
      { domainId: 'd1', seq: newer },
    ]);
  });

  it('should wait for the next probe after one failed', () => {
    const watch = new RefreshWatch();
    watch.register(['d1'], 'alias');
    const failed = watch.probeSent('alias');
    watch.probeFailed(failed);
    expect(watch.unprobedTargets()).toEqual(['alias']);
    expect(watch.observe('alias', failed)).toEqual([]);
    expect(watch.observe('alias', watch.probeSent('alias'))).toHaveLength(1);
  });

  it('should keep targets apart', () => {
    const watch = new RefreshWatch();
    watch.register(['d1'], 'alias');
    watch.register(['d1'], 'rebuild-v2');
    expect(watch.unprobedTargets().sort()).toEqual(['alias', 'rebuild-v2']);
    const alias = watch.probeSent('alias');
    const rebuild = watch.probeSent('rebuild-v2');
    // d1 also waits on the alias: a probe of one target proves nothing about another.
    expect(watch.observe('rebuild-v2', rebuild)).toEqual([]);
    expect(watch.pendingSeq('d1')).toBe(2);
    expect(watch.observe('alias', alias)).toEqual([{ domainId: 'd1', seq: 2 }]);
  });
});
