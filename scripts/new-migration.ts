/**
 * Creates the next migration for BOTH providers from the shared models (prisma/models/*.prisma).
 *
 *   npm run db:migration -- <name>          e.g.  npm run db:migration -- add_invoices
 *
 * For each of prisma/sqlite and prisma/postgres it runs
 *   prisma migrate diff --from-migrations <provider>/migrations --to-schema-datamodel <provider> --script
 * (or --from-empty when the provider has no migration yet) and writes
 *   prisma/<provider>/migrations/<UTC yyyymmddhhmmss>_<name>/migration.sql
 * with the same folder name on both sides. If the models match the migrations, nothing is written.
 * Review both SQL files, then `npm run db:migrate` (and `npm test`, `npm run test:pg`) and commit them
 * together with the model change. Never edit a migration that has been committed; add a new one.
 *
 * Replaying the existing migrations needs a shadow database: SQLite uses an in-memory one; PostgreSQL
 * needs a server, where a temporary database is created and dropped. The server is taken from
 * MIGRATION_PG_URL, else TEST_DATABASE_URL, else DATABASE_URL if it is postgres, else
 * postgres://postgres@127.0.0.1:5432/postgres. Nothing else on that server is touched.
 * Takes a few seconds: both providers are diffed in parallel.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const prismaCli = path.join(root, 'node_modules', 'prisma', 'build', 'index.js');

const providers = [
  { dir: 'sqlite', lock: 'sqlite' },
  { dir: 'postgres', lock: 'postgresql' },
] as const;

function pgServerUrl(): string {
  const env = process.env;
  const candidates = [env.MIGRATION_PG_URL, env.TEST_DATABASE_URL, env.DATABASE_URL];
  return (
    candidates.find((u) => u !== undefined && /^postgres(ql)?:\/\//.test(u)) ??
    'postgres://postgres@127.0.0.1:5432/postgres'
  );
}

function existingMigrations(migrationsDir: string): string[] {
  if (!existsSync(migrationsDir)) return [];
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(migrationsDir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort();
}

function timestamp(): string {
  return new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/**
 * The CLI's WebAssembly schema engine leaves a 10 s timer running after PostgreSQL work, which keeps
 * the process alive for nothing; this preload lets such long timers not hold the process open.
 */
const UNREF_LONG_TIMERS =
  'data:text/javascript,' +
  encodeURIComponent(
    'const st = globalThis.setTimeout; globalThis.setTimeout = (fn, ms, ...a) => { const t = st(fn, ms, ...a); if (ms >= 5000) t.unref?.(); return t; };',
  );

interface Run {
  readonly status: number | null;
  readonly output: string;
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', UNREF_LONG_TIMERS, ...args], { cwd: root, env });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
}

async function main(): Promise<number> {
  const name = process.argv.slice(2).find((a) => !a.startsWith('-'));
  if (name === undefined || !/^[a-z0-9_]+$/.test(name)) {
    console.error('usage: npm run db:migration -- <name>   (name: lower-case letters, digits, underscores)');
    return 2;
  }
  const folder = `${timestamp()}_${name}`;
  const tmp = mkdtempSync(path.join(tmpdir(), 'csp-migration-'));
  try {
    for (const p of providers) {
      if (
        existingMigrations(path.join(root, 'prisma', p.dir, 'migrations')).some((m) => m.replace(/^\d+_/, '') === name)
      ) {
        console.error(`${p.dir}: a migration named "${name}" already exists`);
        return 2;
      }
    }
    const results = await Promise.all(
      providers.map(async (p) => {
        const schemaDir = path.join('prisma', p.dir);
        const migrationsDir = path.join(schemaDir, 'migrations');
        const previous = existingMigrations(path.join(root, migrationsDir));
        const out = path.join(tmp, `${p.dir}.sql`);
        const from = previous.length === 0 ? ['--from-empty'] : ['--from-migrations', migrationsDir];
        const args = [
          prismaCli,
          'migrate',
          'diff',
          ...from,
          '--to-schema-datamodel',
          schemaDir,
          '--script',
          '--exit-code',
          '-o',
          out,
        ];
        // prisma.config.ts picks the schema folder and adapter from DATABASE_URL.
        const DATABASE_URL = p.dir === 'sqlite' ? `file:${path.join(tmp, 'diff.db')}` : pgServerUrl();
        const res = await run(args, { ...process.env, DATABASE_URL });
        return { p, migrationsDir, out, res };
      }),
    );
    // --exit-code: 0 = no difference, 2 = difference, anything else = error.
    // The output file is the proof the command finished (an empty diff still writes a comment).
    const failed = results.filter((r) => (r.res.status !== 0 && r.res.status !== 2) || !existsSync(r.out));
    for (const f of failed) {
      console.error(`${f.p.dir}: prisma migrate diff failed (exit ${String(f.res.status)})\n${f.res.output}`);
      if (f.p.dir === 'postgres') {
        console.error(
          'The PostgreSQL side needs a server for its shadow database (see the top of scripts/new-migration.ts).',
        );
      }
    }
    if (failed.length > 0) return 1; // write nothing unless both sides succeeded
    const written: string[] = [];
    for (const { p, migrationsDir, out, res } of results) {
      if (res.status === 0) {
        console.log(`${p.dir}: models match the migrations; nothing to do`);
        continue;
      }
      const target = path.join(root, migrationsDir, folder);
      mkdirSync(target, { recursive: true });
      writeFileSync(path.join(target, 'migration.sql'), readFileSync(out, 'utf8'));
      const lockFile = path.join(root, migrationsDir, 'migration_lock.toml');
      if (!existsSync(lockFile)) {
        writeFileSync(
          lockFile,
          `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${p.lock}"\n`,
        );
      }
      written.push(path.join(migrationsDir, folder, 'migration.sql'));
    }
    for (const w of written) console.log(`wrote ${w}`);
    if (written.length === 1) console.warn('warning: only one provider changed; check the models are portable');
    return 0;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

process.exitCode = await main();
