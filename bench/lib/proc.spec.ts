import { cpuSeconds, mainThreadCpuSeconds } from './proc';

describe(mainThreadCpuSeconds.name, () => {
  it("should count this thread's work, within the process's total", () => {
    const mainBefore = mainThreadCpuSeconds(process.pid) ?? NaN;
    const processBefore = cpuSeconds(process.pid) ?? NaN;
    const until = Date.now() + 150;
    let spins = 0;
    while (Date.now() < until) spins += 1;

    const main = (mainThreadCpuSeconds(process.pid) ?? NaN) - mainBefore;
    const total = (cpuSeconds(process.pid) ?? NaN) - processBefore;
    expect(spins).toBeGreaterThan(0);
    // 150 ms of spinning, read in 10 ms ticks: at least a few ticks, and never more than the process used.
    expect(main).toBeGreaterThanOrEqual(0.05);
    expect(mainThreadCpuSeconds(process.pid)).toBeLessThanOrEqual(cpuSeconds(process.pid) ?? 0);
    expect(main).toBeLessThanOrEqual(total + 0.02);
  });

  it('should be null for a process that does not exist', () => {
    expect(mainThreadCpuSeconds(2 ** 22 + 1)).toBeNull();
  });
});
