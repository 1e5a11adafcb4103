/** Whether a command line asks for its usage: `--help` or `-h` first, as every entry point of this repository reads it. */
export function asksForHelp(argv: readonly string[]): boolean {
  return argv[0] === '--help' || argv[0] === '-h';
}
