/**
 * Starts the real bot (the same entry `npm start` uses) as an owned child process on a free port,
 * with a fresh SQLite database in a temporary folder and authentication off (no app id: the
 * Playground sends no tokens), and waits until /healthz answers.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './ports.js';
import { spawnOwned, tail, waitUntil, type OwnedProcess } from './processes.js';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface StartedBot {
  readonly port: number;
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** The messaging endpoint to give the Playground. */
  readonly endpoint: string;
  readonly dataDir: string;
  readonly process: OwnedProcess;
  stop(): Promise<void>;
}

export interface StartBotOptions {
  /** Default: a free port. */
  readonly port?: number;
  /** Extra environment (wins over the defaults). */
  readonly env?: Readonly<Record<string, string>>;
  /** Entry file relative to the repository; default E2E_BOT_ENTRY, else scripts/start.ts when present, else src/index.ts. */
  readonly entry?: string;
  readonly startTimeoutMs?: number;
}

/** Which file starts the bot: the same as `npm start` once it exists. */
export function botEntry(explicit?: string): string {
  const chosen = explicit ?? process.env.E2E_BOT_ENTRY;
  if (chosen) return chosen;
  return existsSync(path.join(repoRoot, 'scripts/start.ts')) ? 'scripts/start.ts' : 'src/index.ts';
}

/** The parent's environment without anything that would point the bot elsewhere or turn on auth. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(MicrosoftApp|ToBotFromChannel)/.test(k)) continue;
    if (['PORT', 'DATABASE_URL', 'PUBLIC_BASE_URL', 'LOG_LEVEL', 'TEST_DATABASE_URL'].includes(k)) continue;
    env[k] = v;
  }
  return env;
}

export async function startBot(options: StartBotOptions = {}): Promise<StartedBot> {
  const port = options.port ?? (await freePort());
  const dataDir = mkdtempSync(path.join(tmpdir(), 'csp-bot-e2e-'));
  const entry = botEntry(options.entry);
  const env: NodeJS.ProcessEnv = {
    ...cleanEnv(),
    PORT: String(port),
    DATABASE_URL: `file:${path.join(dataDir, 'bot.db')}`,
    PUBLIC_BASE_URL: `http://localhost:${port}`,
    LOG_LEVEL: 'info',
    ...options.env,
  };
  // node --import tsx keeps it one process (npm/npx would add wrapper processes).
  const proc = spawnOwned(`bot (${entry})`, process.execPath, ['--import', 'tsx', entry], { cwd: repoRoot, env });
  const url = `http://127.0.0.1:${port}`;
  const timeoutMs = options.startTimeoutMs ?? 90_000;
  try {
    await waitUntil(
      async () => {
        if (proc.hasExited()) throw new Error(`the bot exited during start-up. Output:\n${tail(proc.output())}`);
        try {
          const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
          return res.ok ? true : undefined;
        } catch {
          return undefined;
        }
      },
      timeoutMs,
      () => `the bot did not answer ${url}/healthz with 200 within ${timeoutMs} ms. Output:\n${tail(proc.output())}`,
    );
  } catch (err) {
    await proc.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    port,
    url,
    endpoint: `${url}/api/messages`,
    dataDir,
    process: proc,
    async stop() {
      await proc.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
