// Writes the published event contract (contract/asyncapi.yaml, contract/job-task-event.schema.json) from the zod
// schemas the projector decodes with. `npm run contract -- --check` only reports stale files (exit 1).
import { staleContractFiles, writeContract } from '@app/contract';
import { join } from 'node:path';

async function main(): Promise<void> {
  const root = join(__dirname, '..');
  if (process.argv.includes('--check')) {
    const stale = await staleContractFiles(root);
    if (stale.length > 0) {
      process.stderr.write(`stale, run npm run contract: ${stale.join(', ')}\n`);
      process.exit(1);
    }
    process.stderr.write('contract files are up to date\n');
    return;
  }
  for (const path of await writeContract(root)) process.stderr.write(`wrote ${path}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
