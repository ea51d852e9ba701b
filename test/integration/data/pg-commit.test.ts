import assert from 'node:assert/strict';
import pg from 'pg';
import { pgTarget } from '../../../src/data/database-url.js';
import { openDatabase, type Database } from '../../../src/data/db.js';
import { withTimeout } from '../../../src/web/with-timeout.js';
import { freshPostgres, TEST_DATABASE_URL, type TestDatabase } from '../../support/db.js';

/**
 * The PostgreSQL twin of sqlite-commit.test.ts: the stock pg adapter returned a transaction's pool
 * connection only after a successful COMMIT / ROLLBACK, so each failed COMMIT leaked one; with a pool
 * of one connection the next transaction waited for ever. Bounded waits make the old code fail.
 */
const NO_HANG_MS = 3000;

(TEST_DATABASE_URL === undefined ? describe.skip : describe)(
  'PostgreSQL: a failed COMMIT gives its connection back [postgres]',
  function () {
    let t: TestDatabase | undefined;
    let one: Database | undefined;
    afterEach(async () => {
      await one?.close();
      one = undefined;
      await t?.cleanup();
      t = undefined;
    });

    it('after COMMITs refused by a deferred foreign key, a pool of one still runs the next transaction', async () => {
      t = await freshPostgres();
      const url = new URL(t.url);
      url.searchParams.set('connection_limit', '1');
      one = await openDatabase({ DATABASE_URL: url.toString(), databaseKind: 'postgres' });
      const prisma = one.prisma;
      await prisma.$executeRawUnsafe('CREATE TABLE fault_parent (id INTEGER PRIMARY KEY)');
      await prisma.$executeRawUnsafe(
        'CREATE TABLE fault_child (parent INTEGER REFERENCES fault_parent (id) DEFERRABLE INITIALLY DEFERRED)',
      );
      for (let i = 0; i < 2; i++) {
        await assert.rejects(
          withTimeout(
            prisma.$transaction((tx) => tx.$executeRawUnsafe('INSERT INTO fault_child (parent) VALUES (42)')),
            NO_HANG_MS,
          ),
          (e: unknown) => e instanceof Error && !/timed out/.test(e.message),
        );
      }
      await withTimeout(
        prisma.$transaction((tx) => tx.$executeRawUnsafe('INSERT INTO fault_parent (id) VALUES (1)'), {
          maxWait: NO_HANG_MS,
        }),
        NO_HANG_MS,
      );
      const rows = await withTimeout(prisma.$queryRawUnsafe<{ n: number }[]>('SELECT count(*)::int AS n FROM fault_parent'), NO_HANG_MS);
      assert.equal(rows[0]?.n, 1);
    });

    it('after its connection is killed before COMMIT, a pool of one opens a new one for the next transaction', async () => {
      t = await freshPostgres();
      const url = new URL(t.url);
      url.searchParams.set('connection_limit', '1');
      one = await openDatabase({ DATABASE_URL: url.toString(), databaseKind: 'postgres' });
      const prisma = one.prisma;
      const killer = new pg.Client({ ...pgTarget(t.url).pool, options: undefined });
      await killer.connect();
      try {
        await assert.rejects(
          withTimeout(
            prisma.$transaction(async (tx) => {
              const [row] = await tx.$queryRawUnsafe<{ pid: number }[]>('SELECT pg_backend_pid() AS pid');
              await killer.query('SELECT pg_terminate_backend($1)', [row?.pid]);
            }),
            NO_HANG_MS,
          ),
          (e: unknown) => e instanceof Error && !/timed out/.test(e.message),
        );
      } finally {
        await killer.end();
      }
      const rows = await withTimeout(
        prisma.$transaction((tx) => tx.$queryRawUnsafe<{ n: number }[]>('SELECT 1::int AS n'), { maxWait: NO_HANG_MS }),
        NO_HANG_MS,
      );
      assert.equal(rows[0]?.n, 1);
    });
  },
);
