import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import Sqlite from 'better-sqlite3';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { applyMigrations, openDatabase } from '../../../src/data/db.js';
import { migrationsDir } from '../../../src/data/migrations.js';
import { pgIdent, pgTarget } from '../../../src/data/database-url.js';
import { TEST_DATABASE_URL } from '../../support/db.js';

/** A throwaway database URL of each kind, removed after the test. */
interface Target {
  url: string;
  drop(): Promise<void>;
}

function sqliteTarget(): Target {
  const dir = mkdtempSync(path.join(tmpdir(), 'csp-migrate-'));
  return {
    url: `file:${path.join(dir, 'nested', 'db.sqlite')}`,
    drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  };
}

function postgresTarget(server: string): Target {
  const schema = `t_mig_${randomBytes(5).toString('hex')}`;
  const u = new URL(server);
  u.searchParams.set('schema', schema);
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ ...pgTarget(server).pool, options: undefined });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${pgIdent(schema)} CASCADE`);
      await c.end();
    },
  };
}

const kinds = [
  { kind: 'sqlite' as const, target: sqliteTarget, enabled: true },
  {
    kind: 'postgres' as const,
    target: () => postgresTarget(TEST_DATABASE_URL ?? ''),
    enabled: TEST_DATABASE_URL !== undefined,
  },
];

for (const { kind, target, enabled } of kinds) {
  (enabled ? describe : describe.skip)(`applyMigrations [${kind}]`, function () {
    let t: Target;
    beforeEach(() => {
      t = target();
    });
    afterEach(async () => {
      await t.drop();
    });

    it('applies every checked-in migration once, then reports up to date', async () => {
      const expected = readdirSync(migrationsDir(kind), { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort();
      assert.ok(expected.length > 0);
      const first = await applyMigrations(t.url);
      assert.deepEqual(first, { kind, applied: expected });
      assert.deepEqual((await applyMigrations(t.url)).applied, []);
      const db = await openDatabase({ DATABASE_URL: t.url, databaseKind: kind });
      try {
        assert.equal(await db.prisma.botState.count(), 0);
        const rows = await db.prisma.$queryRawUnsafe<{ migration_name: string }[]>(
          'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name',
        );
        assert.deepEqual(
          rows.map((r) => r.migration_name),
          expected,
        );
      } finally {
        await db.close();
      }
    });

    it('runs concurrent callers one at a time (each migration applied once)', async () => {
      const results = await Promise.all([applyMigrations(t.url), applyMigrations(t.url), applyMigrations(t.url)]);
      const applied = results.flatMap((r) => r.applied);
      assert.equal(new Set(applied).size, applied.length);
      assert.ok(applied.length > 0);
    });

    it('refuses a migration edited after it was applied, and rolls back a failing one', async () => {
      const prismaDir = mkdtempSync(path.join(tmpdir(), 'csp-prisma-copy-'));
      try {
        cpSync(path.join(migrationsDir(kind), '..', 'migrations'), path.join(prismaDir, kind, 'migrations'), {
          recursive: true,
        });
        await applyMigrations(t.url, { prismaDir });
        const dir = path.join(prismaDir, kind, 'migrations');
        // A new migration whose second statement fails: nothing of it may remain.
        const bad = path.join(dir, '99990101000000_bad');
        mkdirSync(bad);
        writeFileSync(
          path.join(bad, 'migration.sql'),
          'CREATE TABLE "Extra" ("id" TEXT NOT NULL PRIMARY KEY);\nCREATE TABLE "BotState" ("id" TEXT);\n',
        );
        await assert.rejects(applyMigrations(t.url, { prismaDir }), /BotState|already exists/);
        const db = await openDatabase({ DATABASE_URL: t.url, databaseKind: kind });
        try {
          await assert.rejects(db.prisma.$queryRawUnsafe('SELECT * FROM "Extra"'));
        } finally {
          await db.close();
        }
        rmSync(bad, { recursive: true });
        const first = readdirSync(dir)
          .filter((n) => /^\d/.test(n))
          .sort()[0];
        appendFileSync(path.join(dir, first, 'migration.sql'), '\n-- edited\n');
        await assert.rejects(applyMigrations(t.url, { prismaDir }), /edited after it was applied/);
      } finally {
        rmSync(prismaDir, { recursive: true, force: true });
      }
    });
  });
}

describe('applyMigrations [sqlite] table redefinition', function () {
  it('keeps child rows when a migration redefines a parent table (no cascade from DROP TABLE)', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'csp-redefine-'));
    try {
      const dir = path.join(root, 'prisma', 'sqlite', 'migrations');
      const write = (name: string, sql: string): void => {
        mkdirSync(path.join(dir, name), { recursive: true });
        writeFileSync(path.join(dir, name, 'migration.sql'), sql);
      };
      write(
        '20000101000000_init',
        'CREATE TABLE "P" ("id" TEXT NOT NULL PRIMARY KEY);\n' +
          'CREATE TABLE "C" ("id" TEXT NOT NULL PRIMARY KEY, "pid" TEXT NOT NULL, CONSTRAINT "C_pid_fkey" FOREIGN KEY ("pid") REFERENCES "P" ("id") ON DELETE CASCADE ON UPDATE CASCADE);\n',
      );
      const url = `file:${path.join(root, 'db.sqlite')}`;
      await applyMigrations(url, { prismaDir: path.join(root, 'prisma') });
      const raw = new Sqlite(path.join(root, 'db.sqlite'));
      raw.exec(`INSERT INTO "P" VALUES ('p1'); INSERT INTO "C" VALUES ('c1', 'p1');`);
      raw.close();
      // What `prisma migrate diff` writes for SQLite when a column is added with a changed shape.
      write(
        '20000102000000_redefine',
        'PRAGMA defer_foreign_keys=ON;\nPRAGMA foreign_keys=OFF;\n' +
          'CREATE TABLE "new_P" ("id" TEXT NOT NULL PRIMARY KEY, "name" TEXT NOT NULL DEFAULT \'\');\n' +
          'INSERT INTO "new_P" ("id") SELECT "id" FROM "P";\nDROP TABLE "P";\nALTER TABLE "new_P" RENAME TO "P";\n' +
          'PRAGMA foreign_keys=ON;\nPRAGMA defer_foreign_keys=OFF;\n',
      );
      assert.deepEqual((await applyMigrations(url, { prismaDir: path.join(root, 'prisma') })).applied, [
        '20000102000000_redefine',
      ]);
      const check = new Sqlite(path.join(root, 'db.sqlite'));
      try {
        assert.deepEqual(check.prepare('SELECT id, pid FROM "C"').all(), [{ id: 'c1', pid: 'p1' }]);
      } finally {
        check.close();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
