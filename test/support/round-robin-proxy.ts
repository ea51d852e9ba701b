import { once } from 'node:events';
import { Agent, createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the proxy forwarded: where it went and what came back. */
export interface ProxiedRequest {
  readonly method: string;
  readonly path: string;
  /** Index of the upstream that served it (in the order given to start). */
  readonly upstream: number;
  /** The upstream's status, or 502 when it could not be reached. */
  readonly status: number;
}

/**
 * A stand-in for the load balancer in front of several bot instances (Azure App Service with more
 * than one instance, a Container Apps revision with replicas): every request, whatever its path, goes
 * to the next upstream in turn, with no session affinity, so consecutive turns of one conversation land
 * on different instances. Each answer carries `x-upstream: <index>` so a test can see who served it.
 */
export class RoundRobinProxy {
  readonly requests: ProxiedRequest[] = [];
  url = '';
  private next = 0;
  private server!: Server;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 256 });

  private constructor(private readonly upstreams: readonly URL[]) {}

  /** Listens on an ephemeral loopback port; `upstreams` are base URLs such as http://127.0.0.1:3978. */
  static async start(upstreams: readonly string[]): Promise<RoundRobinProxy> {
    if (upstreams.length === 0) throw new Error('RoundRobinProxy needs at least one upstream');
    const proxy = new RoundRobinProxy(upstreams.map((u) => new URL(u)));
    proxy.server = createServer((req, res) => proxy.forward(req, res));
    proxy.server.listen(0, '127.0.0.1');
    await once(proxy.server, 'listening');
    proxy.url = `http://127.0.0.1:${(proxy.server.address() as AddressInfo).port}`;
    return proxy;
  }

  /** How many requests each upstream served. */
  servedBy(): number[] {
    const counts = this.upstreams.map(() => 0);
    for (const r of this.requests) counts[r.upstream]++;
    return counts;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close').catch(() => undefined);
    this.agent.destroy();
  }

  private forward(req: IncomingMessage, res: ServerResponse): void {
    const index = this.next;
    this.next = (this.next + 1) % this.upstreams.length;
    const target = this.upstreams[index];
    const path = req.url ?? '/';
    const headers = { ...req.headers, host: target.host };
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path, headers, agent: this.agent },
      (answer) => {
        this.requests.push({ method: req.method ?? 'GET', path, upstream: index, status: answer.statusCode ?? 0 });
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-upstream': String(index) });
        answer.pipe(res);
      },
    );
    upstream.on('error', (err) => {
      this.requests.push({ method: req.method ?? 'GET', path, upstream: index, status: 502 });
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'text/plain', 'x-upstream': String(index) });
        res.end(`upstream ${index} unreachable: ${err.message}`);
      } else {
        res.destroy(err);
      }
    });
    req.pipe(upstream);
  }
}
