import type { ThroughputFigure } from './throughput.figure';
import { freshnessBasis } from './projector-part';

const figure = (median: number): ThroughputFigure =>
  ({ projector: { eventsPerS: { median } } }) as unknown as ThroughputFigure;

describe(freshnessBasis.name, () => {
  const natural = figure(20_000);
  const levels = [
    { inflight: 2_000, figure: figure(12_000) },
    { inflight: 10_000, figure: figure(9_000) },
  ];

  it("should pace figure 3 against figure 1's maximum at the same in-flight level", () => {
    expect(freshnessBasis(natural, levels, 2_000)).toEqual({ maxRate: 12_000, inflight: 2_000 });
  });

  it('should fall back to the natural stream when the run has no such level', () => {
    expect(freshnessBasis(natural, levels, 5_000)).toEqual({ maxRate: 20_000, inflight: 0 });
  });
});
