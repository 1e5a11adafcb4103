import { DLQ_REASONS } from '@app/domain';
import { Parser } from '@asyncapi/parser';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  CONTRACT_FILES,
  renderContract,
  staleContractFiles,
  writeContract,
} from './contract-files';

const ROOT = join(__dirname, '../../..');

describe('the published event contract', () => {
  it('should be committed exactly as `npm run contract` generates it', async () => {
    await expect(staleContractFiles(ROOT)).resolves.toEqual([]);
  });

  it('should report a hand-edited or missing file as stale', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'contract-'));
    try {
      await writeContract(dir);
      await expect(staleContractFiles(dir)).resolves.toEqual([]);
      await writeFile(join(dir, CONTRACT_FILES.eventSchema), '{}\n');
      await rm(join(dir, CONTRACT_FILES.asyncapi));
      await expect(staleContractFiles(dir)).resolves.toEqual([
        CONTRACT_FILES.asyncapi,
        CONTRACT_FILES.eventSchema,
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('should be a valid AsyncAPI 3.0 document with no error and no warning but the version hint', async () => {
    const text = await readFile(join(ROOT, CONTRACT_FILES.asyncapi), 'utf8');
    const { document, diagnostics } = await new Parser().parse(text);
    const problems = diagnostics.filter((d) => d.code !== 'asyncapi-latest-version');
    expect(problems.map((d) => `${d.code}: ${d.message} at ${d.path.join('.')}`)).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
    const channels = document!
      .channels()
      .all()
      .map((c) => c.address());
    expect(channels).toEqual([
      'power_scheduler.job_task.events',
      'power_scheduler.job_task.events.dlq',
    ]);
  }, 60_000);

  it('should carry the same event schema in both files and list every DLQ reason', () => {
    const files = renderContract();
    const doc = parse(files[CONTRACT_FILES.asyncapi]!) as {
      components: { schemas: Record<string, { enum?: string[] }> };
    };
    expect(doc.components.schemas.JobTaskEvent).toEqual(
      JSON.parse(files[CONTRACT_FILES.eventSchema]!),
    );
    expect(doc.components.schemas.DlqReason!.enum).toEqual([...DLQ_REASONS]);
  });
});
