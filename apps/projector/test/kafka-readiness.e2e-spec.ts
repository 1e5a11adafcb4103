import { JsonLogger } from '@app/platform';
import { testStack } from '@app/testing';
import { TcpProxy } from '@app/testing/net/tcp-proxy';
import type { INestApplication, Provider } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Kafka, logLevel } from 'kafkajs';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import type { App } from 'supertest/types';
import { ProjectorModule } from '../src/projector.module';
import { KAFKA } from '../src/projector.tokens';
import { isolatedConfig } from './support/projector-test.config';
import { StackClients } from './support/stack.clients';

interface Ready {
  status: number;
  body: { failing?: string[] };
}

async function readyUntil(app: INestApplication, done: (r: Ready) => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await request(app.getHttpServer() as App).get('/ready');
    const answer: Ready = { status: res.status, body: res.body as Ready['body'] };
    if (done(answer) || Date.now() > deadline) return answer;
    await sleep(250);
  }
}

/*
 * Kafka tells its clients to connect to the address it advertises, so a proxy on the bootstrap address alone
 * would be bypassed: the projector's kafkajs dials every broker through the proxy instead (socketFactory), and the
 * test takes the proxy down and up. The shared broker keeps running.
 */
describe('projector readiness while Kafka goes away and comes back', () => {
  const config = isolatedConfig({ LOG_LEVEL: 'error' });
  const stack = new StackClients(config);
  let kafka: TcpProxy;
  let app: INestApplication | undefined;

  beforeAll(async () => {
    kafka = await TcpProxy.create(testStack.kafkaBrokers[0] ?? '127.0.0.1:9092');
    await kafka.up();
    const module = ProjectorModule.register(
      config,
      new JsonLogger('error', 'projector-under-test'),
      'serve',
    );
    const throughProxy: Provider = {
      provide: KAFKA,
      useFactory: () =>
        new Kafka({
          clientId: config.kafka.clientId,
          brokers: config.kafka.brokers,
          logLevel: logLevel.NOTHING,
          socketFactory: ({ onConnect }) =>
            connect({ host: '127.0.0.1', port: kafka.port }, onConnect),
        }),
    };
    module.providers = (module.providers ?? []).map((p) =>
      typeof p === 'object' && 'provide' in p && p.provide === KAFKA ? throughProxy : p,
    );
    app = await NestFactory.create(module, {
      logger: new JsonLogger('error', 'projector-under-test'),
    });
    await app.listen(0, '127.0.0.1');
    expect((await readyUntil(app, (r) => r.status === 200, 60_000)).status).toBe(200);
  });
  afterAll(async () => {
    await kafka.up();
    await app?.close();
    await kafka.down();
    await stack.cleanUp();
  });

  it('should turn 503 naming kafka when the broker goes away, and 200 again once it is back', async () => {
    const sut = app as INestApplication;
    await kafka.down();

    const down = await readyUntil(sut, (r) => r.status === 503, 30_000);
    expect(down.status).toBe(503);
    expect(down.body.failing).toContain('kafka');
    expect((await request(sut.getHttpServer() as App).get('/health')).status).toBe(200);

    await kafka.up();
    const back = await readyUntil(sut, (r) => r.status === 200, 90_000);
    expect(back.status).toBe(200);
  });
});
