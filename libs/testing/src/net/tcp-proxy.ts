import { connect, createServer, type Server, type Socket } from 'node:net';
import { freePort } from './free-port';

/**
 * A TCP proxy on a port of its own in front of one of the shared servers. A test takes it down (listener closed,
 * every connection reset: the server went away) and brings it back on the same port, or holds its connections
 * open without relaying anything (a server that stopped answering), and never touches the server everybody uses.
 */
export class TcpProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  /** Client connections the proxy itself ends (down(), or the target went away): not the client's doing. */
  private readonly endedHere = new WeakSet<Socket>();
  private silent = false;
  private acceptedCount = 0;
  private closedByClientCount = 0;

  private constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  /** A proxy to `target` (a URL or host:port), not yet listening: nothing answers on `port` until `up()`. */
  static async create(target: string): Promise<TcpProxy> {
    const parsed = new URL(target.includes('://') ? target : `tcp://${target}`);
    return new TcpProxy(await freePort(), {
      host: parsed.hostname,
      port: Number(parsed.port),
    });
  }

  /** `url` with its host and port replaced by the proxy's. */
  url(url: string): string {
    const parsed = new URL(url);
    parsed.hostname = '127.0.0.1';
    parsed.port = String(this.port);
    return parsed.toString().replace(/\/$/, '');
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Connections accepted so far, relayed or held silent. */
  get accepted(): number {
    return this.acceptedCount;
  }

  /**
   * Connections the client closed so far (it gave up on a server that stopped answering, say), as
   * opposed to those the proxy reset itself.
   */
  get closedByClient(): number {
    return this.closedByClientCount;
  }

  /** Accepts connections and, unless `silent`, relays them to the target. */
  async up({ silent = false }: { silent?: boolean } = {}): Promise<void> {
    this.silent = silent;
    if (this.server !== null) return;
    const server = createServer((client) => this.relay(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  /** Stops listening and resets every connection. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) this.end(socket);
    this.sockets.clear();
    if (server !== null) await new Promise((resolve) => server.close(resolve));
  }

  private relay(client: Socket): void {
    this.acceptedCount += 1;
    this.sockets.add(client);
    client
      .on('close', () => {
        this.sockets.delete(client);
        if (!this.endedHere.has(client)) this.closedByClientCount += 1;
      })
      .on('error', () => client.destroy());
    // Read and dropped, not left unread: a paused socket would never see the client's FIN.
    if (this.silent) {
      client.resume();
      return;
    }
    const upstream = connect(this.target.port, this.target.host);
    this.sockets.add(upstream);
    upstream.on('close', () => {
      this.sockets.delete(upstream);
      this.end(client);
    });
    upstream.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  }

  private end(socket: Socket): void {
    this.endedHere.add(socket);
    socket.destroy();
  }
}
