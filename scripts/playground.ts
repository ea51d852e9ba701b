/**
 * `npm run playground`: the bot plus Microsoft 365 Agents Playground (a local Teams-like web chat)
 * pointed at it, both as child processes of this script. Ctrl-C (or SIGTERM) ends both by pid.
 *
 *   npm run playground                  # bot on PORT (3978), Playground on PLAYGROUND_PORT (56150)
 *   PORT=4000 PLAYGROUND_PORT=56200 npm run playground
 *
 * The bot starts from the same entry as `npm start`, with your environment (.env is not read here:
 * export variables or use your shell). Leave MicrosoftAppId empty: the Playground sends no tokens.
 * Open the printed URL in a browser. In a channel or group chat, @mention "Test Bot" first.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { botEntry, repoRoot } from '../test/e2e/support/bot.js';
import { startLocalOidc } from './oidc/local-provider.js';
import { playgroundArgs, playgroundEnv } from '../test/e2e/support/playground.js';
import { spawnOwned, stopAll, tail, waitUntil, type OwnedProcess } from '../test/e2e/support/processes.js';

const botPort = Number(process.env.PORT ?? 3978);
const playgroundPort = Number(process.env.PLAYGROUND_PORT ?? 56150);
const say = (line: string) => process.stdout.write(`[playground] ${line}\n`);

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
let closeOidc: () => Promise<void> = () => Promise.resolve();

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    say('stopping the Playground and the bot…');
    await stopAll();
    await closeOidc();
    rmSync(workDir, { recursive: true, force: true });
  }
  process.exit(code);
}

process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));

async function main(): Promise<void> {
  if (process.env.MicrosoftAppId) {
    say('note: MicrosoftAppId is set, so the bot checks tokens the Playground cannot send; unset it for local use.');
  }
  const entry = botEntry();
  say(`starting the bot (${entry}) on port ${botPort}`);
  // The customer-invitation page signs people in with OpenID Connect: unless OIDC_ISSUER is set, a
  // local provider (scripts/oidc/local-provider.ts) runs in this process, where any login name works
  // (admin@<domain> is that tenant's Global Administrator, the one who may accept).
  const publicBase = (process.env.PUBLIC_BASE_URL ?? `http://localhost:${botPort}`).replace(/\/+$/, '');
  const oidcEnv: Record<string, string> = {};
  if (!process.env.OIDC_ISSUER) {
    const clientId = 'csp-bot-local';
    const clientSecret = `local-${Math.random().toString(36).slice(2)}-${Date.now()}`;
    const oidc = await startLocalOidc({
      port: Number(process.env.OIDC_PORT ?? 0),
      clientId,
      clientSecret,
      redirectUris: [`${publicBase}/invite/callback`],
    });
    closeOidc = () => oidc.close();
    Object.assign(oidcEnv, { OIDC_ISSUER: oidc.issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret });
    say(
      `local OpenID provider for the invitation page: ${oidc.issuer} (any login name signs in; accept as admin@<customer domain>, the tenant's Global Administrator)`,
    );
  }
  const bot = spawnOwned('bot', process.execPath, ['--import', 'tsx', entry], {
    cwd: repoRoot,
    env: { PUBLIC_BASE_URL: publicBase, ...oidcEnv, ...process.env, PORT: String(botPort) },
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

  const pg = spawnOwned(
    'agents playground',
    process.execPath,
    playgroundArgs(`${botUrl}/api/messages`, playgroundPort),
    {
      cwd: workDir,
      env: playgroundEnv(workDir),
    },
  );
  pipe(pg, '[agents-playground]');
  const m = await pg.waitForOutput(/Listening on (\d+)/, 60_000);
  say(`bot:        ${botUrl}/api/messages (pid ${bot.pid})`);
  say(`Playground: http://localhost:${m[1]}/ (pid ${pg.pid}) — open it in a browser; Ctrl-C stops both`);

  // If either ends on its own, end the other and report.
  const first = await Promise.race([
    bot.exited.then((c) => ['bot', c] as const),
    pg.exited.then((c) => ['Playground', c] as const),
  ]);
  if (!stopping) {
    say(`the ${first[0]} exited (code ${String(first[1])}); stopping the other.`);
    await shutdown(first[1] === 0 ? 0 : 1);
  }
}

main().catch(async (err: unknown) => {
  process.stderr.write(`[playground] ${err instanceof Error ? err.message : String(err)}\n`);
  await shutdown(1);
});
