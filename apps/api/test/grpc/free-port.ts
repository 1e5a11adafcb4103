import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A loopback port nobody listens on right now. Nest's gRPC transport does not report the port
 * grpc-js picked for `:0`, so the test server is given a concrete one.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
