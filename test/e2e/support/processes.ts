/**
 * Child processes owned by an e2e run. Each is started in its own process group (detached) so
 * that stopping it by its pid also ends anything it spawned; every process is registered, and
 * `stopAll()` (called from the suites' `after` hooks) ends them even when a test failed. A last
 * synchronous SIGKILL on process exit catches a runner that dies before its hooks run.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface OwnedProcess {
  readonly name: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** Resolves with the exit code (or null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** True once the process has exited. */
  hasExited(): boolean;
  /** The last ~64 KB of stdout and stderr, interleaved. */
  output(): string;
  /** Resolves with the first match of `pattern` in the output; rejects if the process exits or time runs out. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  /** SIGTERM to the process group, SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
}

const owned = new Set<OwnedProcess>();
const OUTPUT_LIMIT = 64 * 1024;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal); // the whole group: the process and its children
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      /* already gone */
    }
  }
}

function killAllNow(): void {
  for (const p of owned) if (!p.hasExited()) killGroup(p.pid, 'SIGKILL');
}
process.on('exit', killAllNow);

/**
 * For test runners: on SIGINT/SIGTERM (Ctrl-C, a CI timeout) kill every owned process group and
 * exit, since Node's default signal handling skips 'exit' listeners. Scripts with their own
 * graceful shutdown (scripts/playground.ts) do not call this.
 */
export function installSignalCleanup(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAllNow();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

export function tail(text: string, lines = 40): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

export interface SpawnOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
}

export function spawnOwned(
  name: string,
  command: string,
  args: readonly string[],
  options: SpawnOptions = {},
): OwnedProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  if (child.pid === undefined) throw new Error(`could not start ${name}: ${command} ${args.join(' ')}`);
  const pid = child.pid;
  let buffer = '';
  let exited = false;
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    buffer += chunk.toString();
    if (buffer.length > OUTPUT_LIMIT) buffer = buffer.slice(-OUTPUT_LIMIT);
    for (const l of listeners) l();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exitedPromise = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      exited = true;
      owned.delete(handle);
      for (const l of listeners) l();
      resolve(code);
    });
    child.once('error', (err) => {
      buffer += `\n[spawn error] ${err.message}\n`;
      exited = true;
      owned.delete(handle);
      for (const l of listeners) l();
      resolve(null);
    });
  });

  const handle: OwnedProcess = {
    name,
    pid,
    child,
    exited: exitedPromise,
    hasExited: () => exited,
    output: () => buffer,
    waitForOutput(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = buffer.match(pattern);
          if (m) return finish(() => resolve(m));
          if (exited) {
            finish(() =>
              reject(
                new Error(`${name} (pid ${pid}) exited before printing ${String(pattern)}. Output:\n${tail(buffer)}`),
              ),
            );
          }
        };
        const timer = setTimeout(
          () =>
            finish(() =>
              reject(
                new Error(
                  `${name} (pid ${pid}) did not print ${String(pattern)} within ${timeoutMs} ms. Output:\n${tail(buffer)}`,
                ),
              ),
            ),
          timeoutMs,
        );
        const finish = (settle: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        listeners.add(check);
        check();
      });
    },
    async stop(graceMs = 10_000) {
      if (exited) return;
      killGroup(pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), graceMs);
      await exitedPromise;
      clearTimeout(timer);
      killGroup(pid, 'SIGKILL'); // any grandchild left in the group
    },
  };
  owned.add(handle);
  return handle;
}

/** Stops every process still owned, in parallel. */
export async function stopAll(): Promise<void> {
  await Promise.allSettled([...owned].map((p) => p.stop()));
}

/** Polls `probe` until it returns a value other than undefined; throws `describe()` on timeout. */
export async function waitUntil<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  describe: () => string,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(describe());
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
