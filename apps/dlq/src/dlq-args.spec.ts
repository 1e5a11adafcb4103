import { DlqArgsError, parseDlqArgs } from './dlq-args';

describe(parseDlqArgs.name, () => {
  it.each([
    [['help'], { command: 'help' }],
    [['--help'], { command: 'help' }],
    [['-h'], { command: 'help' }],
    [['summary'], { command: 'summary' }],
    [['show'], { command: 'show', reason: null, limit: 20 }],
    [
      ['show', '--reason', 'TOO_LARGE', '--limit', '5'],
      { command: 'show', reason: 'TOO_LARGE', limit: 5 },
    ],
    [
      ['replay', '--reason', 'KEY_MISMATCH'],
      { command: 'replay', select: { reason: 'KEY_MISMATCH' }, dryRun: false },
    ],
    [
      ['replay', '--offsets', '2:10-20', '--dry-run'],
      { command: 'replay', select: { offsets: { partition: 2, from: 10, to: 20 } }, dryRun: true },
    ],
    [
      ['replay', '--offsets', '0:7'],
      { command: 'replay', select: { offsets: { partition: 0, from: 7, to: 7 } }, dryRun: false },
    ],
  ])('should read %j', (argv, expected) => {
    expect(parseDlqArgs(argv)).toEqual(expected);
  });

  it.each([
    [[], 'no command'],
    [['purge'], 'unknown command "purge"'],
    [['show', '--reason', 'too_large'], 'unknown reason "too_large"'],
    [['show', '--limit', '0'], '--limit must be a positive integer'],
    [['show', '--limit'], '--limit needs a value'],
    [['summary', '--verbose'], 'unexpected argument "--verbose"'],
    [['replay'], 'exactly one of --reason and --offsets'],
    [
      ['replay', '--reason', 'TOO_LARGE', '--offsets', '0:1-2'],
      'exactly one of --reason and --offsets',
    ],
    [['replay', '--offsets', '0:9-3'], 'the range ends before it starts'],
    [['replay', '--offsets', 'a:1'], '--offsets must look like 0:10-20'],
    [['replay', '--offsets', '0:1e3'], '--offsets must look like 0:10-20'],
    [['replay', '--offsets', '0:1-99999999999999999999'], '--offsets must look like 0:10-20'],
    [['replay', '--offsets', '0:1-2-3'], '--offsets must look like 0:10-20'],
    [['show', '--limit', '1e3'], '--limit must be a positive integer, got 1e3'],
    [['show', '--limit', '0x10'], '--limit must be a positive integer, got 0x10'],
    [['show', '--limit', ' 5'], '--limit must be a positive integer, got  5'],
    [['show', '--limit', '5', '--limit', '6'], '--limit given twice'],
    [['replay', '--reason', 'TOO_LARGE', '--reason', 'KEY_MISMATCH'], '--reason given twice'],
    [['replay', '--offsets', '0:1', '--offsets', '1:1'], '--offsets given twice'],
    [['replay', '--reason', 'TOO_LARGE', '--dry-run', '--dry-run'], '--dry-run given twice'],
  ])('should refuse %j with a usage error', (argv, message) => {
    expect(() => parseDlqArgs(argv)).toThrow(DlqArgsError);
    expect(() => parseDlqArgs(argv)).toThrow(
      expect.objectContaining({ code: 'DLQ.BAD_ARGUMENTS' }) as Error,
    );
    expect(() => parseDlqArgs(argv)).toThrow(message);
  });
});
