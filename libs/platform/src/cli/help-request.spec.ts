import { asksForHelp } from './help-request';

describe(asksForHelp.name, () => {
  it.each([[['--help']], [['-h']], [['-h', 'anything']]])(
    'should see %j as a request for the usage',
    (argv) => {
      expect(asksForHelp(argv)).toBe(true);
    },
  );

  it.each([[[]], [['--tasks', '10']], [['--tasks', '--help']], [['help']]])(
    'should not see %j as one',
    (argv) => {
      expect(asksForHelp(argv)).toBe(false);
    },
  );
});
