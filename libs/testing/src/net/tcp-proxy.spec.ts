import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { TcpProxy } from './tcp-proxy';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !done(); i++) await sleep(10);
}

/** A target that accepts and never answers, and a proxy in front of it. */
async function setup() {
  const target: Server = createServer((socket) => socket.resume());
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  const sut = await TcpProxy.create(`127.0.0.1:${(target.address() as AddressInfo).port}`);
  const open = async (): Promise<Socket> => {
    const socket = connect(sut.port, '127.0.0.1');
    socket.on('error', () => undefined);
    await new Promise((resolve) => socket.once('connect', resolve));
    return socket;
  };
  const close = async () => {
    await sut.down();
    await new Promise((resolve) => target.close(resolve));
  };
  return { sut, open, close };
}

describe(TcpProxy.name, () => {
  it.each([
    ['held silent', true],
    ['relayed', false],
  ])('should count a %s connection its client closes', async (_name, silent) => {
    const { sut, open, close } = await setup();
    try {
      await sut.up({ silent });
      const socket = await open();
      socket.write('GET / HTTP/1.1\r\n\r\n');
      await until(() => sut.accepted === 1);
      socket.end();
      await until(() => sut.closedByClient === 1);
      expect({ accepted: sut.accepted, closedByClient: sut.closedByClient }).toEqual({
        accepted: 1,
        closedByClient: 1,
      });
    } finally {
      await close();
    }
  });

  it('should not count the connections it resets itself', async () => {
    const { sut, open, close } = await setup();
    try {
      await sut.up({ silent: true });
      await open();
      await until(() => sut.accepted === 1);
      await sut.down();
      await sleep(50);
      expect(sut.accepted).toBe(1);
      expect(sut.closedByClient).toBe(0);
    } finally {
      await close();
    }
  });
});
