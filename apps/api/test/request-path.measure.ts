/*
 * The API's own cost per request, Express against Fastify, in one run on the same Elasticsearch. Three HTTP
 * apps over the same module and index: the API as deployed (Express with its JSON-body, correlation-id,
 * metrics and Swagger set-up), the bare module on Express and the bare module on @nestjs/platform-fastify,
 * plus the service called in-process (validation, planning, the Elasticsearch round trip, no HTTP). One
 * connection, requests sent one after another, the targets interleaved round by round so a busy shared
 * machine affects them alike; p50 of every request. The answer cache is off: every request reaches
 * Elasticsearch.
 *
 *   ELASTICSEARCH_URL=… node -r ts-node/register/transpile-only -r tsconfig-paths/register \
 *     apps/api/test/request-path.measure.ts [rounds] [requests-per-round]
 */
import 'reflect-metadata';
import { JsonLogger } from '@app/platform';
import { uniqueName } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { AddressInfo } from 'node:net';
import { createApiApp } from '../src/api.app';
import { ApiModule } from '../src/api.module';
import { JobTasksService } from '../src/job-tasks/job-tasks.service';
import { dropJobTasks } from './seed-index';
import {
  measureApiConfig,
  MEASURED_QUERIES,
  median,
  seedMeasureIndex,
} from './request-path.fixture';

const ROUNDS = Number(process.argv[2] ?? 20);
const PER_ROUND = Number(process.argv[3] ?? 25);
const QUERIES = MEASURED_QUERIES;

type Send = (query: string) => Promise<string>;

async function listening(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  const address = (app.getHttpServer() as import('node:http').Server).address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

function overHttp(url: string): Send {
  return async (query) => {
    const q = QUERIES[query];
    if (!q) throw new Error(query);
    const res = await fetch(url + q.path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(q.body),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${url}${q.path}: ${res.status} ${text}`);
    return text;
  };
}

async function main(): Promise<void> {
  const alias = uniqueName('measure-request-path');
  const config = measureApiConfig(alias);
  const logger = new JsonLogger('error', 'measure');
  await seedMeasureIndex(alias);
  const deployed = await createApiApp(config, logger);
  const bareExpress = await NestFactory.create(ApiModule.forConfig(config, logger), { logger });
  const bareFastify = await NestFactory.create(
    ApiModule.forConfig(config, logger),
    new FastifyAdapter({ bodyLimit: config.api.maxBodyBytes }),
    { logger },
  );
  const service = bareExpress.get(JobTasksService);
  const targets: Record<string, Send> = {
    'express, as deployed': overHttp(await listening(deployed)),
    'express, bare module': overHttp(await listening(bareExpress)),
    'fastify, bare module': overHttp(await listening(bareFastify)),
    'in-process service': async (query) => {
      const q = QUERIES[query];
      const caller = { kind: 'open' } as const;
      const answer = query.startsWith('stat')
        ? await service.stat(q?.body, caller)
        : await service.list(q?.body, caller);
      return JSON.stringify(answer);
    },
  };
  try {
    const answers = new Map<string, Set<string>>();
    const samples = new Map<string, number[]>();
    for (let round = -2; round < ROUNDS; round += 1) {
      for (const query of Object.keys(QUERIES)) {
        for (const [name, send] of Object.entries(targets)) {
          for (let i = 0; i < PER_ROUND; i += 1) {
            const started = performance.now();
            const text = await send(query);
            const ms = performance.now() - started;
            if (round < 0) continue; // warm-up rounds
            const key = `${query}|${name}`;
            samples.set(key, [...(samples.get(key) ?? []), ms]);
            answers.set(query, (answers.get(query) ?? new Set()).add(text));
          }
        }
      }
    }
    const lines = [
      `${ROUNDS} rounds × ${PER_ROUND} requests per target and query, one connection; p50 in ms`,
    ];
    for (const query of Object.keys(QUERIES)) {
      const p50 = (name: string): number => median(samples.get(`${query}|${name}`) ?? []);
      const bare = p50('express, bare module');
      const service0 = p50('in-process service');
      lines.push(`${query} (identical answers: ${answers.get(query)?.size === 1 ? 'yes' : 'NO'})`);
      for (const name of Object.keys(targets)) {
        const v = p50(name);
        const http =
          name === 'in-process service' ? '' : `, HTTP + framework ${(v - service0).toFixed(3)}`;
        lines.push(
          `  ${name.padEnd(22)} ${v.toFixed(3)}  ×${(v / bare).toFixed(3)} of bare express${http}`,
        );
      }
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await Promise.all([deployed.close(), bareExpress.close(), bareFastify.close()]);
    await dropJobTasks(alias);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
