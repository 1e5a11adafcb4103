import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { freePort, freePorts } from './free-port';

describe(freePorts.name, () => {
  it('should hand out distinct ports below the ephemeral range that a server can then bind on all interfaces', async () => {
    const [ephemeralStart] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);

    const sut = await freePorts(5);

    expect(new Set(sut).size).toBe(5);
    for (const port of sut) {
      expect(port).toBeLessThan(ephemeralStart as number);
      const server = createServer();
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '0.0.0.0', resolve);
      });
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe(freePort.name, () => {
  it('should never hand out a port twice in one process, even after it was released', async () => {
    // 500 random draws from the 14,000-port range repeat a port with a probability above 99.9 %.
    const sut: number[] = [];
    for (let i = 0; i < 500; i++) sut.push(await freePort());

    expect(new Set(sut).size).toBe(500);
  });
});
