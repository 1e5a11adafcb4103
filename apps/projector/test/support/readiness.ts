import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { setTimeout as sleep } from 'node:timers/promises';

/** Waits for /ready: topics and index exist and the consumer has joined its group. */
export async function waitUntilReady(app: INestApplication, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    const response = await request(app.getHttpServer() as App).get('/ready');
    if (response.status === 200) return;
    last = JSON.stringify(response.body);
    await sleep(200);
  }
  throw new Error(`projector not ready within ${timeoutMs} ms: ${last}`);
}
