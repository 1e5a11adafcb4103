import type { ThroughputFigure } from '../figures/throughput.figure';
import type { CpuSplit } from '../lib/proc';
import { spread } from '../lib/stats';
import { oneThreadBound, runPhaseSplit, sharedCoresBound } from './projector-levels';

function split(
  seconds: Record<string, number>,
  mainThreadSeconds?: Record<string, number>,
): CpuSplit {
  const base = { wallSeconds: 1, seconds, cores: {}, machineCores: 0, otherCores: 0, stealCores: 0 };
  return mainThreadSeconds === undefined ? base : { ...base, mainThreadSeconds };
}

/** The parts of figure 1 the bound reads: the ceiling's time and ES CPU, the projector runs' CPU. */
function figure(
  ceilingMs: number,
  esCpu: number[],
  projectorCpu: number[],
  mainThreadCpu?: number[],
): ThroughputFigure {
  const main = (i: number) => {
    const s = mainThreadCpu?.[i];
    return s === undefined ? undefined : { projector: s };
  };
  return {
    esCeiling: {
      ms: spread([ceilingMs]),
      reps: esCpu.map((s) => ({ ms: ceilingMs, cpu: split({ elasticsearch: s }) })),
    },
    projector: {
      reps: projectorCpu.map((s, i) => ({ cpu: split({ projector: s }, main(i)) })),
    },
  } as unknown as ThroughputFigure;
}

describe(sharedCoresBound.name, () => {
  it('should bound the run by both sides CPU over the cores, medians of the repetitions', () => {
    const sut = sharedCoresBound(figure(4_000, [5, 6, 7], [4, 5, 9]), 2);

    expect(sut).toEqual({
      esCeilingCpuS: 6,
      projectorCpuS: 5,
      boundMs: 5_500,
      efficiencyBound: 4_000 / 5_500,
    });
  });

  it('should allow full efficiency when the CPU fits inside the ceiling time', () => {
    expect(sharedCoresBound(figure(4_000, [3], [2]), 2).efficiencyBound).toBe(1);
  });
});

describe(oneThreadBound.name, () => {
  it('should bound the run by the median CPU time of the main thread, whatever the cores', () => {
    const sut = oneThreadBound(figure(4_000, [3], [6, 7, 8], [5, 5.5, 6]));

    expect(sut).toEqual({ mainThreadCpuS: 5.5, processCpuS: 7, efficiencyBound: 4_000 / 5_500 });
  });

  it('should allow full efficiency when the main thread needs less than the ceiling time', () => {
    expect(oneThreadBound(figure(4_000, [3], [5], [3.5]))?.efficiencyBound).toBe(1);
  });

  it('should be null for results recorded without the main thread', () => {
    expect(oneThreadBound(figure(4_000, [3], [5, 6]))).toBeNull();
  });
});

describe(runPhaseSplit.name, () => {
  it('should take the median of each phase and of the share with a flush in flight', () => {
    const rep = (
      readMs: number,
      settleTailMs: number,
      visibleTailMs: number,
      flushSeconds: number,
    ) => ({
      ms: readMs + settleTailMs + visibleTailMs,
      phases: { readMs, settleTailMs, visibleTailMs },
      counters: { flushSeconds },
    });
    const t = {
      projector: {
        reps: [rep(4_000, 1_000, 500, 4), rep(5_000, 2_000, 1_000, 6), rep(3_000, 500, 500, 3.2)],
      },
    } as unknown as ThroughputFigure;

    const sut = runPhaseSplit(t);

    expect(sut).toEqual({
      readMs: 4_000,
      settleTailMs: 1_000,
      visibleTailMs: 500,
      flushInFlightShare: 0.75,
    });
  });
});
