/*
 * The domain's share of the hot path (decode, fold, render and stringify each document) of this checkout against
 * another one, in ONE process, alternated round by round: on a shared two-core box a change of a few percent is
 * below the spread between processes, not between rounds of one process. Both sides import `libs/domain` by path
 * (it imports no other part of this repository), so each runs its own code on the same messages.
 *
 *   git worktree add /tmp/base <commit>
 *   node -r ts-node/register/transpile-only -r tsconfig-paths/register apps/projector/test/domain-ab.measure.ts \
 *     /tmp/base [tasks] [rounds]
 */
import { resolve } from 'node:path';
import type { JobTaskEvent, TaskFacts } from '@app/domain';
import type { SourceMessage } from '../src/core/projection.types';
import { simulatedMessages } from './support/simulated-messages';

interface DomainHotPath {
  decodeEventMessage(
    message: SourceMessage,
    options: { maxValueBytes: number },
  ): { ok: true; event: JobTaskEvent } | { ok: false };
  jobTaskDocumentId(domainId: string, jobTaskId: string): string;
  foldEvent(facts: TaskFacts | null, event: JobTaskEvent): { facts: TaskFacts };
  documentFromFacts(facts: TaskFacts): unknown;
}

/* eslint-disable @typescript-eslint/no-require-imports -- a checkout chosen at run time */
function domainOf(checkout: string): DomainHotPath {
  const src = resolve(checkout, 'libs/domain/src');
  return {
    ...(require(`${src}/index`) as Omit<DomainHotPath, 'documentFromFacts'>),
    ...(require(`${src}/projection/task-facts.codec`) as Pick<DomainHotPath, 'documentFromFacts'>),
  };
}
/* eslint-enable @typescript-eslint/no-require-imports */

const [baseCheckout, tasksArg, roundsArg] = process.argv.slice(2);
if (baseCheckout === undefined)
  throw new Error('usage: domain-ab.measure.ts BASE_CHECKOUT [tasks] [rounds]');
const messages = simulatedMessages(Number(tasksArg ?? 25_000), 7, 't');
const rounds = Number(roundsArg ?? 30);
const sides = { base: domainOf(baseCheckout), this: domainOf(resolve(__dirname, '../../..')) };

/** Every document's JSON, so the two sides can be checked to agree. */
function project(domain: DomainHotPath): string[] {
  const facts = new Map<string, TaskFacts>();
  for (const message of messages) {
    const decoded = domain.decodeEventMessage(message, { maxValueBytes: 1_048_576 });
    if (!decoded.ok) continue;
    const id = domain.jobTaskDocumentId(decoded.event.domain_id, decoded.event.job_task_id);
    facts.set(id, domain.foldEvent(facts.get(id) ?? null, decoded.event).facts);
  }
  return [...facts.values()].map((f) => JSON.stringify(domain.documentFromFacts(f)));
}

function cpuMicrosPerEvent(domain: DomainHotPath): number {
  const before = process.cpuUsage();
  project(domain);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / messages.length;
}

if (project(sides.base).join('\n') !== project(sides.this).join('\n'))
  throw new Error('the two checkouts render different documents');
for (let i = 0; i < 3; i += 1) Object.values(sides).forEach(cpuMicrosPerEvent);
const samples = { base: [] as number[], this: [] as number[] };
for (let i = 0; i < rounds; i += 1) {
  samples.base.push(cpuMicrosPerEvent(sides.base));
  samples.this.push(cpuMicrosPerEvent(sides.this));
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;
const [base, current] = [median(samples.base), median(samples.this)];
process.stdout.write(
  `${JSON.stringify({
    events: messages.length,
    rounds,
    base_cpu_us_per_event: +base.toFixed(3),
    this_cpu_us_per_event: +current.toFixed(3),
    ratio: +(current / base).toFixed(3),
    min_ratio: +(Math.min(...samples.this) / Math.min(...samples.base)).toFixed(3),
  })}\n`,
);
