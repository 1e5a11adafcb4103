import { cpuSeconds, mainThreadCpuSeconds } from './proc';

describe(mainThreadCpuSeconds.name, () => {
  it("should count this thread's work, within the process's total", () => {
    const mainBefore = mainThreadCpuSeconds(process.pid) ?? NaN;
    const processBefore = cpuSeconds(process.pid) ?? NaN;
    const mainUsed = () => (mainThreadCpuSeconds(process.pid) ?? NaN) - mainBefore;
    // Spin until this thread has 50 ms more CPU (five 10 ms ticks); on a busy box that takes longer than 50 ms.
    const deadline = Date.now() + 5_000;
    while (!(mainUsed() >= 0.05) && Date.now() < deadline) Math.sqrt(Math.random());

    const main = mainUsed();
    const total = (cpuSeconds(process.pid) ?? NaN) - processBefore;
    expect(main).toBeGreaterThanOrEqual(0.05);
    expect(main).toBeLessThanOrEqual(total + 0.02);
  });

  it('should be null for a process that does not exist', () => {
    expect(mainThreadCpuSeconds(2 ** 22 + 1)).toBeNull();
  });
});
