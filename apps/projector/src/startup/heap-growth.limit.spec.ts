import { spawnSync } from 'node:child_process';
import { heapGrowingFlag, limitHeapGrowth } from './heap-growth.limit';

describe(heapGrowingFlag.name, () => {
  it('should leave V8 its own heuristic at 0', () => {
    expect(heapGrowingFlag(0)).toBeNull();
  });

  it('should fix the growing factor otherwise', () => {
    expect(heapGrowingFlag(50)).toBe('--heap-growing-percent=50');
  });

  it.each([-1, 1.5, Number.NaN])('should refuse %s', (percent) => {
    expect(() => heapGrowingFlag(percent)).toThrow(RangeError);
  });
});

describe(limitHeapGrowth.name, () => {
  it('should set the flag when a percent is given', () => {
    const setFlags = jest.fn<void, [string]>();

    limitHeapGrowth(25, setFlags);

    expect(setFlags).toHaveBeenCalledWith('--heap-growing-percent=25');
  });

  it('should set nothing at 0', () => {
    const setFlags = jest.fn<void, [string]>();

    limitHeapGrowth(0, setFlags);

    expect(setFlags).not.toHaveBeenCalled();
  });

  it('should name a flag this Node knows (V8 reports an unknown one on stderr and ignores it)', () => {
    const script = `require('node:v8').setFlagsFromString(${JSON.stringify(heapGrowingFlag(50))})`;

    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });

    expect({ status: child.status, stderr: child.stderr }).toEqual({ status: 0, stderr: '' });
  });
});
