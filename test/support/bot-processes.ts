import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** A bot started as `npm start` starts it (scripts/start.ts: migrations, then src/index.ts), in its own process. */
export interface BotProcess {
  readonly child: ChildProcess;
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** Its JSON log lines, parsed (other stdout lines are kept as { msg }). */
  readonly logs: Record<string, unknown>[];
  readonly stderr: string[];
  /** Resolves with the exit code (or the signal's name) once it has exited. */
  readonly exited: Promise<number | string | null>;
  /** SIGTERM (a graceful stop: in-flight turns and notifications finish), then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<number | string | null>;
}

/**
 * Starts `count` bot processes at once, each on a free port of its own and with the same `env` (DATABASE_URL
 * etc.), and waits until each answers /healthz (so any LOG_LEVEL will do). A process that exits first fails
 * the start with its stderr. The child's environment is only PATH, HOME and `env`: nothing of the caller's
 * own leaks in.
 */
export async function startBotProcesses(
  count: number,
  env: Record<string, string>,
  options: { timeoutMs?: number; nodeFlags?: readonly string[] } = {},
): Promise<BotProcess[]> {
  const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
  const started = ports.map((port) => startOne(port, env, options.nodeFlags ?? []));
  const timeoutMs = options.timeoutMs ?? 45_000;
  try {
    return await Promise.all(
      started.map(async ({ bot, listening }) => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`a bot did not start within ${timeoutMs} ms`)), timeoutMs);
        });
        try {
          const url = await Promise.race([listening, timeout]);
          return { ...bot, url };
        } finally {
          clearTimeout(timer);
        }
      }),
    );
  } catch (e) {
    await Promise.all(started.map(({ bot }) => bot.stop(0)));
    throw e;
  }
}

async function freePort(): Promise<number> {
  const s = createServer();
  s.listen(0, '127.0.0.1');
  await once(s, 'listening');
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

async function healthy(url: string, exited: Promise<unknown>): Promise<string> {
  let gone = false;
  void exited.then(() => (gone = true));
  while (!gone) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return url;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return new Promise<never>(() => undefined); // the exit rejects `listening` instead
}

function startOne(
  port: number,
  env: Record<string, string>,
  nodeFlags: readonly string[],
): { bot: Omit<BotProcess, 'url'>; listening: Promise<string> } {
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_NO_WARNINGS: '1',
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const stderr: string[] = [];
  let onFailed: (e: Error) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => {
    onFailed = reject;
  });
  let partial = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(line) as Record<string, unknown>;
      } catch {
        record = { msg: line };
      }
      logs.push(record);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => stderr.push(d));
  const exited = new Promise<number | string | null>((resolve) => {
    child.once('exit', (code, signal) => {
      onFailed(new Error(`a bot exited (${code ?? signal}) before it was healthy: ${stderr.join('')}`));
      resolve(code ?? signal);
    });
  });
  const stop = async (graceMs = 10_000): Promise<number | string | null> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    }
    return exited;
  };
  const listening = Promise.race([healthy(`http://127.0.0.1:${port}`, exited), failed]);
  // never an unhandled rejection when nobody waits for the start any more
  listening.catch(() => undefined);
  return { bot: { child, logs, stderr, exited, stop }, listening };
}
