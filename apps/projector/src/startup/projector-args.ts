import { asksForHelp } from '@app/platform';

export const PROJECTOR_USAGE = `usage: projector [serve|rebuild]
  serve    consume the events topic into the read model (the default)
  rebuild  replay the topic into a new index version, then swap the alias to it
Every setting comes from the environment (.env.example lists them).`;

export type ProjectorArgs =
  | { kind: 'run'; command: 'serve' | 'rebuild' }
  | { kind: 'help' }
  | { kind: 'bad'; message: string };

/**
 * Reads the projector's command line. Anything beyond one known command is refused, not ignored: `rebuild --dry-run`
 * must not start a rebuild.
 */
export function parseProjectorArgs(argv: readonly string[]): ProjectorArgs {
  if (asksForHelp(argv) || argv[0] === 'help') return { kind: 'help' };
  const [command = 'serve', ...rest] = argv;
  if (command !== 'serve' && command !== 'rebuild') {
    return { kind: 'bad', message: `unknown command ${JSON.stringify(command)}` };
  }
  if (rest.length > 0) {
    const extra = rest.map((arg) => JSON.stringify(arg)).join(' ');
    return { kind: 'bad', message: `"${command}" takes no arguments, got ${extra}` };
  }
  return { kind: 'run', command };
}
