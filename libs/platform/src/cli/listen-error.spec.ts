import { createServer, type AddressInfo, type Server } from 'node:net';
import { ListenError, listenFor } from './listen-error';

describe(listenFor.name, () => {
  let taken: Server;
  let port: number;

  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    port = (taken.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => taken.close(resolve));
  });

  it('should name the variable and the port of a port in use', async () => {
    const second = createServer();
    const attempt = listenFor('API_PORT', port, () => {
      return new Promise<void>((resolve, reject) => {
        second.once('error', reject);
        second.listen(port, '127.0.0.1', resolve);
      });
    });

    await expect(attempt).rejects.toThrow(ListenError);
    await expect(attempt).rejects.toThrow(
      `API_PORT: cannot listen on port ${port}: the port is already in use by another process`,
    );
  });

  it("should read gRPC's way of saying the same", async () => {
    const attempt = listenFor('API_GRPC_PORT', 50051, () =>
      Promise.reject(
        new Error(
          'No address added out of total 1 resolved errors: [listen EADDRINUSE: address already in use 0.0.0.0:50051]',
        ),
      ),
    );

    await expect(attempt).rejects.toThrow(
      'API_GRPC_PORT: cannot listen on port 50051: the port is already in use',
    );
  });

  it('should pass what listen returned through', async () => {
    await expect(listenFor('API_PORT', 1, () => Promise.resolve('server'))).resolves.toBe('server');
  });
});
