import { BenchOptionsError, parseBenchOptions } from './bench-options';

describe(parseBenchOptions.name, () => {
  it('should measure figure 4 alone with --api-only, keeping the default sizes', () => {
    const sut = parseBenchOptions(['--api-only']);

    expect(sut.apiOnly).toBe(true);
    expect(sut.projectorOnly).toBe(false);
    expect(sut.apiSizes).toEqual([100_000, 1_000_000]);
  });

  it('should refuse --api-only together with --projector-only, naming both', () => {
    expect(() => parseBenchOptions(['--api-only', '--projector-only'])).toThrow(
      /--api-only and --projector-only exclude each other/,
    );
  });

  it('should let --no-profile turn the profiled runs off and --profile turn them on under --quick', () => {
    expect(parseBenchOptions(['--no-profile']).profile).toBe(false);
    expect(parseBenchOptions(['--quick', '--profile']).profile).toBe(true);
  });

  it('should name the unknown option and show the usage', () => {
    expect(() => parseBenchOptions(['--api-onyl'])).toThrow(
      /unknown option "--api-onyl"[\s\S]*usage:/,
    );
    expect(() => parseBenchOptions(['--reps', 'many'])).toThrow(BenchOptionsError);
  });
});
