/**
 * Microsoft 365 Agents Playground (@microsoft/m365agentsplayground) as an owned child process.
 * Traps handled here (see STACK.md): it spawns `xdg-open` and exits 1 silently when there is none,
 * so a no-op `xdg-open` goes first on PATH (and TEAMSAPPTESTER_BROWSER=none asks it not to open
 * one at all); it writes ./devTools/m365agentsplayground.log into its working directory, so it
 * runs in a temporary folder; `-p` is only a wish (it falls back to a random port when the port
 * is taken), so the real port is read from its "Listening on N" line.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './ports.js';
import { spawnOwned, type OwnedProcess } from './processes.js';

const require = createRequire(import.meta.url);

/** The Playground's CLI script, from its package.json "bin". */
export function playgroundBin(): string {
  const pkgPath = require.resolve('@microsoft/m365agentsplayground/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { bin: Record<string, string> };
  const bin = pkg.bin.agentsplayground ?? Object.values(pkg.bin)[0];
  if (!bin) throw new Error(`no bin in ${pkgPath}`);
  return path.join(path.dirname(pkgPath), bin);
}

/** A folder holding an executable no-op `xdg-open`, to put first on PATH. */
export function noopXdgOpenDir(parent: string): string {
  const dir = path.join(parent, 'bin');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'xdg-open');
  writeFileSync(
    file,
    '#!/bin/sh\n# no-op: the Agents Playground wants to open a browser; tests bring their own\nexit 0\n',
  );
  chmodSync(file, 0o755);
  return dir;
}

export interface StartedPlayground {
  readonly port: number;
  /** The web chat, e.g. http://127.0.0.1:56150/ */
  readonly url: string;
  readonly workDir: string;
  readonly process: OwnedProcess;
  stop(): Promise<void>;
}

export interface StartPlaygroundOptions {
  /** Default: a free port. */
  readonly port?: number;
  /** Contents of .m365agentsplayground.yml (mock users, teams, channels), if any. */
  readonly configYaml?: string;
  /** The bot's host; default 127.0.0.1. */
  readonly botHost?: string;
  readonly startTimeoutMs?: number;
}

export function playgroundEnv(workDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${noopXdgOpenDir(workDir)}${path.delimiter}${process.env.PATH ?? ''}`,
    TEAMSAPPTESTER_BROWSER: 'none',
    M365_AGENTS_PLAYGROUND_LOGFILE: path.join(workDir, 'm365agentsplayground.log'),
  };
}

export function playgroundArgs(botEndpoint: string, port: number): string[] {
  return [playgroundBin(), '-e', botEndpoint, '-c', 'msteams', '-p', String(port), '--disable-telemetry'];
}

export async function startPlayground(
  botPort: number,
  options: StartPlaygroundOptions = {},
): Promise<StartedPlayground> {
  const wanted = options.port ?? (await freePort());
  const workDir = mkdtempSync(path.join(tmpdir(), 'agents-playground-'));
  if (options.configYaml !== undefined)
    writeFileSync(path.join(workDir, '.m365agentsplayground.yml'), options.configYaml);
  const endpoint = `http://${options.botHost ?? '127.0.0.1'}:${botPort}/api/messages`;
  const proc = spawnOwned('agents playground', process.execPath, playgroundArgs(endpoint, wanted), {
    cwd: workDir,
    env: playgroundEnv(workDir),
  });
  let port: number;
  try {
    const m = await proc.waitForOutput(/Listening on (\d+)/, options.startTimeoutMs ?? 60_000);
    port = Number(m[1]);
  } catch (err) {
    await proc.stop();
    rmSync(workDir, { recursive: true, force: true });
    throw err;
  }
  return {
    port,
    url: `http://127.0.0.1:${port}/`,
    workDir,
    process: proc,
    async stop() {
      await proc.stop();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
