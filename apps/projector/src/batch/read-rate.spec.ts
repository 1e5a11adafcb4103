import { ReadRate } from './read-rate';

describe(ReadRate.name, () => {
  it('should know no rate before two batches of a backlog', () => {
    const sut = new ReadRate();
    expect(sut.msToRead(100)).toBeUndefined();
    sut.observe(10, 500, 1_000);
    expect(sut.msToRead(100)).toBeUndefined();
  });

  it('should time reading only after a batch that left messages unread', () => {
    const sut = new ReadRate();
    sut.observe(10, 0, 1_000);
    // Caught up: the 5 s until the next batch were spent waiting for a producer.
    sut.observe(10, 200, 6_000);
    expect(sut.msToRead(200)).toBeUndefined();

    sut.observe(100, 100, 6_010);
    expect(sut.msToRead(100)).toBe(10);
  });

  it('should move the rate towards each new sample by its weight', () => {
    const sut = new ReadRate(0.5);
    sut.observe(10, 1_000, 0);
    sut.observe(100, 900, 10); // 10 messages/ms
    sut.observe(20, 880, 20); // 2 messages/ms: the average is 6
    expect(sut.msToRead(600)).toBe(100);
  });

  it('should ignore batches taken in the same millisecond and never estimate a negative time', () => {
    const sut = new ReadRate();
    sut.observe(10, 1_000, 0);
    sut.observe(10, 990, 0);
    expect(sut.msToRead(10)).toBeUndefined();
    sut.observe(10, 980, 5);
    expect(sut.msToRead(-3)).toBe(0);
  });
});
