/**
 * `npm run playground`: a complete demo (issue 14 item 7). The bot, on its own demo database, plus
 * Microsoft 365 Agents Playground (a local Teams-like web chat) pointed at it, both as child processes
 * of this script. Ctrl-C (or SIGTERM) ends both by pid.
 *
 *   npm run playground                          # you: Alex Wilber, about to enroll as a reseller, program administrator
 *   npm run playground -- --as provider         # the demo provider's administrator (a second tenant)
 *   npm run playground -- --lang ko             # the same in Korean (either persona)
 *   npm run playground -- --partner-center      # also a local Partner Center and Graph, to try a connected organisation
 *   PORT=4000 PLAYGROUND_PORT=56200 npm run playground
 *
 * Demo data only: the database is data/playground.db (PLAYGROUND_DATABASE_URL to change it), never
 * the one `npm start` uses (DATABASE_URL is ignored here). On every start it seeds, idempotently and
 * through the domain's own use cases (scripts/playground/seed.ts), the sample MPN registry and offer
 * catalogue (samples/) and a listed indirect provider in a second tenant; the Playground's user is a
 * program administrator (PROGRAM_ADMINS). Mail goes to .eml files in data/playground-mail/.
 * Delete data/playground.db to start over. Leave MicrosoftAppId empty: the Playground sends no tokens.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { botEntry, repoRoot } from '../test/e2e/support/bot.js';
import { playgroundArgs, playgroundEnv } from '../test/e2e/support/playground.js';
import { spawnOwned, stopAll, tail, waitUntil, type OwnedProcess } from '../test/e2e/support/processes.js';
import { loadConfig } from '../src/config.js';
import { applyMigrations, openDatabase } from '../src/data/db.js';
import { resolveDataKey } from '../src/data/data-key.js';
import { createDomainContext } from '../src/data/domain-context.js';
import { DEMO_MPN_ID, seedPlayground } from './playground/seed.js';
import {
  DEMO_PROVIDER_TENANT,
  personas,
  playgroundYaml,
  YOU,
  YOUR_TENANT,
  type Persona,
} from './playground/personas.js';
import { portBusyLine, portInUse } from './playground/port.js';
import { startLocaleRelay } from './playground/relay.js';
import { startPlaygroundPartnerCenter } from './playground/partner-center.js';
import { startPlaygroundGraph } from './playground/graph.js';

const say = (line: string) => process.stdout.write(`[playground] ${line}\n`);

const argsSchema = z.object({
  as: z.enum(['reseller', 'provider']).default('reseller'),
  lang: z.enum(['en', 'ko']).default('en'),
  partnerCenter: z.boolean().default(false),
});
const usage = 'usage: npm run playground -- [--as reseller|provider] [--lang en|ko] [--partner-center]';

function parseArgs(argv: readonly string[]): z.infer<typeof argsSchema> {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    // issue 17 item 6: a flag without a value
    if (a === '--partner-center') {
      raw['partner-center'] = '1';
      continue;
    }
    const m = /^--(as|lang)(?:=(.*))?$/.exec(a);
    if (!m?.[1]) {
      process.stderr.write(`[playground] unknown argument "${a}"\n${usage}\n`);
      process.exit(2);
    }
    raw[m[1]] = m[2] ?? argv[++i] ?? '';
  }
  const parsed = argsSchema.safeParse({
    as: raw.as ?? process.env.PLAYGROUND_AS,
    lang: raw.lang ?? process.env.PLAYGROUND_LANG,
    partnerCenter: raw['partner-center'] === '1' || process.env.PLAYGROUND_PARTNER_CENTER === '1',
  });
  if (!parsed.success) {
    process.stderr.write(
      `[playground] ${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}\n${usage}\n`,
    );
    process.exit(2);
  }
  return parsed.data;
}

const options = parseArgs(process.argv.slice(2));
const persona: Persona = options.as;
const botPort = Number(process.env.PORT ?? 3978);
const playgroundPort = Number(process.env.PLAYGROUND_PORT ?? 56150);
const databaseUrl = process.env.PLAYGROUND_DATABASE_URL ?? 'file:./data/playground.db';
const mailDir = process.env.PLAYGROUND_MAIL_DIR ?? './data/playground-mail';
const programAdmins = [
  ...new Set([
    YOU.aadObjectId,
    ...(process.env.PROGRAM_ADMINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ]),
];

/** Forwards a child's output, prefixed, as it arrives. */
function pipe(proc: OwnedProcess, prefix: string): void {
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) process.stdout.write(`${prefix} ${line}\n`);
  };
  proc.child.stdout?.on('data', forward);
  proc.child.stderr?.on('data', forward);
}

const workDir = mkdtempSync(path.join(tmpdir(), 'agents-playground-'));
let stopping = false;
const closers: (() => Promise<void>)[] = [];

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    say('stopping the Playground and the bot…');
    await stopAll();
    for (const close of closers) await close().catch(() => undefined);
    rmSync(workDir, { recursive: true, force: true });
  }
  process.exit(code);
}

process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));

/** The environment of the bot child: the demo database, the demo flag, the Playground user as administrator. */
function demoEnv(publicBase: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    DEMO_MODE: '1',
    PROGRAM_ADMINS: programAdmins.join(','),
    MAIL_DIR: mailDir,
    PUBLIC_BASE_URL: publicBase,
    PORT: String(botPort),
  };
}

async function seed(publicBase: string): Promise<void> {
  const config = loadConfig({ ...process.env, ...demoEnv(publicBase) });
  await applyMigrations(config.DATABASE_URL);
  const db = await openDatabase(config);
  try {
    const ctx = createDomainContext({ config, db, dataKey: resolveDataKey(config) });
    const s = await seedPlayground(ctx);
    say(
      `MPN registry (samples/mpn-registry.csv): ${s.mpn.created} added, ${s.mpn.updated} updated, ${s.mpn.unchanged} already there`,
    );
    say(`offer catalogue (samples/offers.csv): ${s.offers}`);
    say(
      `demo provider "${s.provider.name}" (second tenant): ${s.provider.steps.length ? s.provider.steps.join(', ') : 'already enrolled, approved, MPA signed and listed'}`,
    );
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  if (await portInUse(botPort)) {
    process.stderr.write(`[playground] ${portBusyLine(botPort)}\n`);
    process.exit(1);
  }
  if (process.env.MicrosoftAppId) {
    say('note: MicrosoftAppId is set, so the bot checks tokens the Playground cannot send; unset it for local use.');
  }
  if (process.env.DATABASE_URL)
    say('DATABASE_URL is ignored: the demo uses its own database (PLAYGROUND_DATABASE_URL).');
  const publicBase = (process.env.PUBLIC_BASE_URL ?? `http://localhost:${botPort}`).replace(/\/+$/, '');
  say(
    `DEMO DATA in ${databaseUrl.replace(/^file:/, '')} (made-up organizations and people; delete the file to start over)`,
  );
  await seed(publicBase);

  // The customer-invitation page signs people in with OpenID Connect: unless OIDC_ISSUER is set, a
  // local provider (scripts/oidc/local-provider.ts) runs in this process, where any login name works
  // (admin@<domain> is that tenant's Global Administrator, the one who may accept).
  const oidcEnv: Record<string, string> = {};
  if (!process.env.OIDC_ISSUER) {
    const clientId = 'csp-bot-local';
    const clientSecret = `local-${Math.random().toString(36).slice(2)}-${Date.now()}`;
    // loaded here, after the port check: oidc-provider prints warnings as soon as it is imported
    const { startLocalOidc } = await import('./oidc/local-provider.js');
    const oidc = await startLocalOidc({
      port: Number(process.env.OIDC_PORT ?? 0),
      clientId,
      clientSecret,
      redirectUris: [`${publicBase}/invite/callback`, `${publicBase}/gdap/callback`],
      // issue 17 item 2: `partner center` links through the same provider; your own and the demo provider's
      // accounts (alexw@example.com, jiwoo.park@fabrikam-kr.example) belong to the playground's tenants
      tenants: { 'example.com': YOUR_TENANT, 'fabrikam-kr.example': DEMO_PROVIDER_TENANT },
      partnerCenter: {
        clientId: `${clientId}-partner-center`,
        clientSecret,
        redirectUris: [`${publicBase}/partner-center/link/callback`],
      },
    });
    closers.push(() => oidc.close());
    Object.assign(oidcEnv, {
      OIDC_ISSUER: oidc.issuer,
      OIDC_CLIENT_ID: clientId,
      OIDC_CLIENT_SECRET: clientSecret,
      PARTNER_CENTER_CLIENT_ID: `${clientId}-partner-center`,
      PARTNER_CENTER_CLIENT_SECRET: clientSecret,
      PARTNER_CENTER_AUTHORITY: `${oidc.issuer}/organizations`,
    });
    say(
      `local OpenID provider for the invitation page: ${oidc.issuer} (any login name signs in; accept as admin@<customer domain>, the tenant's Global Administrator)`,
    );
  }
  // issue 17 item 6: a local Partner Center for a connected organisation (scripts/playground/partner-center.ts)
  const partnerCenter = options.partnerCenter ? await startPlaygroundPartnerCenter(workDir, say) : undefined;
  if (partnerCenter) {
    closers.push(() => partnerCenter.close());
    Object.assign(oidcEnv, partnerCenter.env);
    say(`local Partner Center: ${partnerCenter.url}`);
  }
  // issue 18: and a local Microsoft Graph for the connected organisation's GDAP (scripts/playground/graph.ts)
  const graph = options.partnerCenter ? await startPlaygroundGraph(say) : undefined;
  if (graph) {
    closers.push(() => graph.close());
    Object.assign(oidcEnv, graph.env);
    say(`local Microsoft Graph: ${graph.url}`);
  }
  const entry = botEntry();
  say(`starting the bot (${entry}) on port ${botPort}`);
  const bot = spawnOwned('bot', process.execPath, ['--import', 'tsx', entry], {
    cwd: repoRoot,
    env: { ...oidcEnv, ...process.env, ...demoEnv(publicBase) },
  });
  pipe(bot, '[bot]');
  const botUrl = `http://127.0.0.1:${botPort}`;
  await waitUntil(
    async () => {
      if (bot.hasExited()) throw new Error(`the bot exited during start-up:\n${tail(bot.output())}`);
      const res = await fetch(`${botUrl}/healthz`, { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
      return res?.ok ? true : undefined;
    },
    90_000,
    () => `the bot did not answer ${botUrl}/healthz within 90 s`,
  );

  // Korean: the Playground always says en-US, so a relay in front of the bot says ko-KR (Asia/Seoul).
  let endpoint = `${botUrl}/api/messages`;
  if (options.lang === 'ko') {
    const relay = await startLocaleRelay(botUrl, 'ko-KR', 'Asia/Seoul');
    closers.push(() => relay.close());
    endpoint = `${relay.url}/api/messages`;
  }
  writeFileSync(path.join(workDir, '.m365agentsplayground.yml'), playgroundYaml(persona));
  const pg = spawnOwned('agents playground', process.execPath, playgroundArgs(endpoint, playgroundPort), {
    cwd: workDir,
    env: playgroundEnv(workDir),
  });
  pipe(pg, '[agents-playground]');
  const m = await pg.waitForOutput(/Listening on (\d+)/, 60_000);
  const who = personas[persona];
  const mailPath = path.resolve(repoRoot, mailDir);
  for (const line of [
    '──────────────── DEMO ────────────────',
    `Playground: http://localhost:${m[1]}/  (open it in a browser; Ctrl-C stops everything)`,
    `you are:    ${who.user.name}, ${persona === 'reseller' ? 'a new reseller (tenant ' + who.tenantId + ') and the program administrator' : 'administrator of the demo provider Fabrikam Cloud Services Korea (tenant ' + who.tenantId + ')'}; language: ${options.lang === 'ko' ? '한국어 (ko-KR)' : 'English (en-US)'}`,
    `switch:     npm run playground -- --as ${persona === 'reseller' ? 'provider' : 'reseller'}   ·   npm run playground -- --lang ${options.lang === 'ko' ? 'en' : 'ko'}`,
    `first:      type "${options.lang === 'ko' ? '등록' : 'enroll'}" with the demo MPN ID ${DEMO_MPN_ID} (country: South Korea), a work e-mail for the primary contact`,
    `mail:       every e-mail is an .eml file in ${mailPath} (verification links are in them; open one with any mail reader)`,
    `links:      pages at ${publicBase}/ (verify, invitations, privacy, terms); the bot at ${botUrl}/api/messages (pid ${bot.pid})`,
    ...(partnerCenter?.lines ?? []),
    ...(graph?.lines ?? []),
    'README.md "Playground demo" walks the whole journey.',
  ])
    say(line);

  // If either ends on its own, end the other and report.
  const first = await Promise.race([
    bot.exited.then((c) => ['bot', c] as const),
    pg.exited.then((c) => ['Playground', c] as const),
  ]);
  if (!stopping) {
    say(`the ${first[0]} exited (code ${String(first[1])}); stopping the other.`);
    // the Playground says why only in its log file (e.g. a configuration it could not read)
    const log = path.join(workDir, 'm365agentsplayground.log');
    if (first[0] === 'Playground' && existsSync(log)) {
      for (const line of readFileSync(log, 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('error')))
        say(line);
    }
    await shutdown(first[1] === 0 ? 0 : 1);
  }
}

main().catch(async (err: unknown) => {
  process.stderr.write(`[playground] ${err instanceof Error ? err.message : String(err)}\n`);
  await shutdown(1);
});
