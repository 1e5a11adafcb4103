import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiMetrics } from './api.metrics';
import { installHttpRequestMetrics } from './http-request.metrics';
import { recordedStatuses, rejectedCodes } from '../../test/api-metrics.readings';

/** A plain Node server with the metrics installed; `handle` answers (or not) each request. */
async function setup(handle: (req: IncomingMessage, res: ServerResponse) => void) {
  const metrics = new ApiMetrics();
  const server: Server = createServer(handle);
  installHttpRequestMetrics(server, metrics);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const recorded = () => recordedStatuses(metrics);
  const rejected = () => rejectedCodes(metrics);
  const close = () => new Promise((resolve) => server.close(resolve));
  return { url, recorded, rejected, close };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(installHttpRequestMetrics.name, () => {
  it('should record a finished response once, by its status', async () => {
    const sut = await setup((_req, res) => res.end('ok'));
    try {
      await (await fetch(sut.url)).text();
      await sleep(20); // 'close' follows 'finish'
      expect(await sut.recorded()).toEqual(['200 x1']);
      expect(await sut.rejected()).toEqual([]);
    } finally {
      await sut.close();
    }
  });

  it('should record a response the client walked away from as 499', async () => {
    let closed!: () => void;
    const gone = new Promise<void>((resolve) => (closed = resolve));
    const sut = await setup((_req, res) => {
      res.statusCode = 200; // what the handler meant to answer: nobody received it
      res.once('close', () => closed());
    });
    try {
      const client = new AbortController();
      const request = fetch(sut.url, { signal: client.signal });
      await sleep(50);
      client.abort();
      await expect(request).rejects.toThrow(/abort/i);
      await gone;
      expect(await sut.recorded()).toEqual(['499 x1']);
      expect(await sut.rejected()).toEqual(['ERROR_CLIENT_CLOSED_REQUEST x1']);
    } finally {
      await sut.close();
    }
  });
});
