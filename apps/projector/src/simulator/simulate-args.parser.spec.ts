import { parseSimulateArgs, SimulateArgsError } from './simulate-args.parser';

describe(parseSimulateArgs.name, () => {
  it('should read the required and optional flags', () => {
    expect(
      parseSimulateArgs([
        '--tasks',
        '10',
        '--rate',
        '0',
        '--seed',
        '7',
        '--domains',
        '2',
        '--topic',
        't',
        '--brokers',
        'a:1, b:2',
      ]),
    ).toEqual({ tasks: 10, rate: 0, seed: 7, domains: 2, topic: 't', brokers: ['a:1', 'b:2'] });
  });

  it.each([
    [['--tasks', '10', '--rate', '5']],
    [['--tasks', '0', '--rate', '5', '--seed', '1']],
    [['--tasks', '1.5', '--rate', '5', '--seed', '1']],
    [['--tasks', '1', '--rate', '5', '--seed', '1', '--colour', 'red']],
    [['--tasks', '1', '--rate']],
  ])('should reject %j with the usage', (argv) => {
    expect(() => parseSimulateArgs(argv)).toThrow(SimulateArgsError);
  });
});
