import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Microsoft 365 Agents Playground always says "en-US" (activity.locale and the clientInfo entity) and
 * has no setting for it. For `npm run playground -- --lang ko` this relay sits between the Playground
 * and the bot and rewrites each incoming activity's locale (and the reader's time zone) before
 * forwarding it; the bot's answers to invokes come back through it unchanged, and its messages go to
 * the Playground directly (serviceUrl), as in Teams.
 */
export interface Relay {
  readonly url: string;
  close(): Promise<void>;
}

export function withLocale(activity: unknown, locale: string, timeZone: string): unknown {
  if (!activity || typeof activity !== 'object') return activity;
  const a: Record<string, unknown> = { ...(activity as Record<string, unknown>), locale };
  if (Array.isArray(a.entities)) {
    a.entities = a.entities.map((e: unknown) =>
      e && typeof e === 'object' && (e as { type?: unknown }).type === 'clientInfo'
        ? { ...(e as Record<string, unknown>), locale, timezone: timeZone }
        : e,
    );
  }
  return a;
}

export function startLocaleRelay(target: string, locale: string, timeZone: string): Promise<Relay> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks).toString('utf8');
      try {
        body = JSON.stringify(withLocale(JSON.parse(body), locale, timeZone));
      } catch {
        // not JSON: forwarded as it came, the bot answers 400
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) {
        if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
      }
      fetch(`${target}${req.url ?? ''}`, { method: req.method ?? 'POST', headers, body })
        .then(async (answer) => {
          const text = await answer.text();
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
          res.end(text);
        })
        .catch(() => {
          res.writeHead(502);
          res.end();
        });
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
