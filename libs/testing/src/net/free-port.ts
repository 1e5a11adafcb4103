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

function listenOn(server: Server, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    // All interfaces: a server that later binds 0.0.0.0 (gRPC) collides with any address in use.
    server.listen(port, '0.0.0.0', () => resolve(true));
  });
}

/**
 * `count` distinct ports nobody listens on right now, for servers a test starts next to the
 * suite's. All are held open until every one is known, so none is handed out twice.
 */
export async function freePorts(count: number): Promise<number[]> {
  const highest = highestCandidate();
  const held: { server: Server; port: number }[] = [];
  try {
    for (let tries = 0; held.length < count; tries++) {
      if (tries > 1_000) throw new Error(`no free port found in ${LOWEST}-${highest}`);
      const port = LOWEST + Math.floor(Math.random() * (highest - LOWEST + 1));
      if (held.some((h) => h.port === port)) continue;
      const server = createServer();
      if (await listenOn(server, port)) held.push({ server, port });
    }
    return held.map((h) => h.port);
  } finally {
    await Promise.all(held.map((h) => new Promise((resolve) => h.server.close(resolve))));
  }
}

export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  return port as number;
}
