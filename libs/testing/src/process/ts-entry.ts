/**
 * Node's arguments to run a TypeScript entry point from source, the way `npm run api`, `projector`, `dlq` and
 * `emit` do (transpile only, the `@app/*` paths resolved): tests start the apps as operators do.
 */
export function tsEntryArgs(entry: string, ...args: string[]): string[] {
  return ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', entry, ...args];
}
