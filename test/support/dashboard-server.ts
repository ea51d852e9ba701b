import { randomUUID } from 'node:crypto';
import { MemoryStorage } from 'botbuilder';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { createServer, type BotServer } from '../../src/server.js';
import { freshSqlite, type TestDatabase } from './db.js';
import { makeWorld, type World } from './fixtures.js';
import { seedDashboardWorld, type DashboardWorld } from './dashboard-seed.js';
import { startTabTokenIssuer, type TabTokenIssuer } from './tab-sso.js';

/**
 * The real server (createServer) on an ephemeral port with the domain over a fresh SQLite file,
 * seeded with the dashboard world, and a local Entra ID stand-in for the tab's SSO tokens.
 */
export interface DashboardServer {
  readonly url: string;
  readonly server: BotServer;
  readonly world: World;
  readonly seed: DashboardWorld;
  readonly issuer: TabTokenIssuer;
  /** the Application ID URI the server expects as `aud` */
  readonly audience: string;
  readonly botId: string;
  /** A valid token for an actor (its Entra oid and tenant). */
  tokenFor(actor: { aadObjectId: string; tenantId: string; name?: string; email?: string }): Promise<string>;
  close(): Promise<void>;
}

export async function startDashboardServer(opts: { port?: number; host?: string } = {}): Promise<DashboardServer> {
  const issuer = await startTabTokenIssuer();
  let test: TestDatabase | undefined;
  try {
    test = await freshSqlite();
    const world = makeWorld(test);
    const seed = await seedDashboardWorld(world);
    const appId = randomUUID();
    const audience = `api://localhost/${appId}`;
    // MicrosoftAppId stays empty (it would switch on Bot Framework auth, not needed here): deep links use the zero GUID.
    const botId = '00000000-0000-0000-0000-000000000000';
    const config = loadConfig({
      PORT: String(opts.port ?? 0),
      LOG_LEVEL: process.env.DASHBOARD_LOG ? 'debug' : 'silent',
      TAB_SSO_AUDIENCE: audience,
      TAB_SSO_ISSUER: issuer.issuerTemplate,
      TAB_SSO_JWKS_URL: issuer.jwksUrl,
    });
    const server = createServer({
      config,
      logger: createLogger(config.LOG_LEVEL),
      storage: new MemoryStorage(),
      ping: () => Promise.resolve(),
      host: opts.host ?? '127.0.0.1',
      services: { domain: world.ctx },
    });
    const url = await server.start();
    const db = test;
    return {
      url,
      server,
      world,
      seed,
      issuer,
      audience,
      botId,
      tokenFor: (a) =>
        issuer.sign(
          { oid: a.aadObjectId, tid: a.tenantId, name: a.name ?? 'Test User', ...(a.email ? { email: a.email } : {}) },
          audience,
        ),
      async close() {
        await server.stop();
        await db.cleanup();
        await issuer.close();
      },
    };
  } catch (e) {
    await test?.cleanup();
    await issuer.close();
    throw e;
  }
}
