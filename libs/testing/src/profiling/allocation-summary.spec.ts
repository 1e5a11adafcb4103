import type { HeapProfiler } from 'node:inspector';
import { allocationSummary } from './allocation-summary';

const node = (
  functionName: string,
  url: string,
  selfSize: number,
  children: HeapProfiler.SamplingHeapProfileNode[] = [],
): HeapProfiler.SamplingHeapProfileNode => ({
  callFrame: { functionName, scriptId: '0', url, lineNumber: 9, columnNumber: 0 },
  selfSize,
  children,
});

describe(allocationSummary.name, () => {
  it('should charge native functions and Node modules to the package that called them, per event', () => {
    const kafkajs = '/r/node_modules/kafkajs/src/protocol/decoder.js';
    const domain = '/r/libs/domain/src/events/decoder.ts';
    const profile: HeapProfiler.SamplingHeapProfile = {
      head: node('(root)', '', 0, [
        node('readVarLong', kafkajs, 400, [node('slice', 'node:buffer', 200)]),
        node('decode', domain, 300, [node('Map', '', 100)]),
      ]),
    };

    const sut = allocationSummary(profile, 10, 2);

    expect(sut.split('\n')).toEqual([
      'allocated: 100 B per event (10 events)',
      'by package:',
      '    60 B  kafkajs',
      '    40 B  libs/domain',
      'by function:',
      '    40 B  readVarLong (protocol/decoder.js:10)',
      '    30 B  decode (events/decoder.ts:10)',
      '',
    ]);
  });
});
