import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';

/**
 * Ports are drawn below the kernel's ephemeral range: a port picked from inside it can be taken,
 * between our check and the server's bind, as the local port of any outgoing connection (a Kafka
 * or Elasticsearch client in the same run). That race once failed CI with EADDRINUSE on a gRPC bind.
 * 29000 and up is kept clear for the stacks that the cluster tests and helpers start on fixed ports.
 */
const LOWEST = 15_000;
const HIGHEST_FIXED_FREE = 28_999;

function highestCandidate(): number {
  try {
    const [start] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/);
    const ephemeralStart = Number(start);
    if (Number.isInteger(ephemeralStart) && ephemeralStart > LOWEST + 1_000) {
      return Math.min(HIGHEST_FIXED_FREE, ephemeralStart - 1);
    }
  } catch {
    // Not Linux: the range below is outside the IANA ephemeral range all the same.
  }
  return HIGHEST_FIXED_FREE;
}

/*
 * A port handed out is free only when handed out: a TcpProxy keeps its port unbound while "down", and a
 * random draw gave that same port to the projector the test started next (EADDRINUSE when the proxy came
 * up, in CI). So ports are handed out in turn from a random start and none twice in one process until the
 * range wraps. The cursor lives on globalThis because Jest gives every test file a fresh module registry
 * while --runInBand keeps them all in one process.
 */
const CURSOR = Symbol.for('jobtask.testing.freePortCursor');
type WithCursor = typeof globalThis & { [CURSOR]?: number };

function nextCandidate(highest: number): number {
  const holder = globalThis as WithCursor;
  const span = highest - LOWEST + 1;
  const current = holder[CURSOR] ?? Math.floor(Math.random() * span);
  holder[CURSOR] = (current + 1) % span;
  return LOWEST + (current % span);
}

function listenOn(server: Server, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    // All interfaces: a server that later binds 0.0.0.0 (gRPC) collides with any address in use.
    server.listen(port, '0.0.0.0', () => resolve(true));
  });
}

/**
 * `count` distinct ports nobody listens on right now, for servers a test starts next to the
 * suite's, none of them handed out before in this process.
 */
export async function freePorts(count: number): Promise<number[]> {
  const highest = highestCandidate();
  const ports: number[] = [];
  for (let tries = 0; ports.length < count; tries++) {
    if (tries > 1_000) throw new Error(`no free port found in ${LOWEST}-${highest}`);
    const port = nextCandidate(highest);
    const server = createServer();
    if (await listenOn(server, port)) ports.push(port);
    await new Promise((resolve) => server.close(resolve));
  }
  return ports;
}

export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  return port as number;
}
