import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase, type Database } from '../../../src/data/db.js';
import { createDomainStore } from '../../../src/data/domain-store.js';
import { withTimeout } from '../../../src/web/with-timeout.js';
import { freshSqlite } from '../../support/db.js';

/**
 * SQLite runs every query on one connection. A query made outside a transaction (the plain client)
 * while another request's interactive transaction is open (BEGIN … awaits … COMMIT) would run inside
 * that transaction and share its fate. The adapter makes such queries wait for the transaction lock;
 * queries the transaction's own callback makes through the plain client run at once (no deadlock).
 * Every wait is bounded so a deadlock fails the test instead of hanging mocha.
 */
const NO_HANG_MS = 3000;

describe('SQLite: queries outside a transaction do not run inside another one', function () {
  let dir: string;
  let db: Database;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'csp-outer-queries-'));
    db = await openDatabase({ DATABASE_URL: `file:${path.join(dir, 'test.db')}`, databaseKind: 'sqlite' });
    await db.prisma.$executeRawUnsafe('CREATE TABLE outer_probe (v TEXT NOT NULL)');
  });

  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function rows(): Promise<string[]> {
    const r = await db.prisma.$queryRawUnsafe<{ v: string }[]>('SELECT v FROM outer_probe ORDER BY v');
    return r.map((x) => x.v);
  }

  it("a plain write made while another transaction is open survives that transaction's rollback", async () => {
    let begun!: () => void;
    const aBegun = new Promise<void>((resolve) => (begun = resolve));
    const a = db.prisma.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe("INSERT INTO outer_probe (v) VALUES ('a')");
        begun();
        // B is issued meanwhile; A must not wait for it (B may be waiting for A).
        await sleep(200);
        throw new Error('A fails');
      },
      { maxWait: NO_HANG_MS, timeout: NO_HANG_MS },
    );
    const aSettled = a.then(
      () => 'committed',
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
    await aBegun;
    // A Prisma query starts only when awaited or .then()ed: start B now, while A is open.
    const b = db.prisma.$executeRawUnsafe("INSERT INTO outer_probe (v) VALUES ('b')").then((n) => n);
    assert.equal(await withTimeout(aSettled, NO_HANG_MS), 'A fails');
    assert.equal(await withTimeout(b, NO_HANG_MS), 1);
    assert.deepEqual(await rows(), ['b'], "B's row must not be rolled back with A");
  });

  it('a plain write made while another transaction is open is not committed by it early', async () => {
    let begun!: () => void;
    const aBegun = new Promise<void>((resolve) => (begun = resolve));
    let seenByA: string[] | undefined;
    const a = db.prisma.$transaction(
      async (tx) => {
        begun();
        await sleep(200);
        // Inside A, a write B that should not have started yet is not visible.
        const r = await tx.$queryRawUnsafe<{ v: string }[]>('SELECT v FROM outer_probe');
        seenByA = r.map((x) => x.v);
      },
      { maxWait: NO_HANG_MS, timeout: NO_HANG_MS },
    );
    await aBegun;
    // A Prisma query starts only when awaited or .then()ed: start B now, while A is open.
    const b = db.prisma.$executeRawUnsafe("INSERT INTO outer_probe (v) VALUES ('b')").then((n) => n);
    await withTimeout(a, NO_HANG_MS);
    await withTimeout(b, NO_HANG_MS);
    assert.deepEqual(seenByA, []);
    assert.deepEqual(await rows(), ['b']);
  });

  it('the transaction callback itself may still use the plain client (no deadlock)', async () => {
    const seen = await withTimeout(
      db.prisma.$transaction(
        async (tx) => {
          await tx.$executeRawUnsafe("INSERT INTO outer_probe (v) VALUES ('a')");
          // Same connection, same transaction: the plain client sees the uncommitted row.
          const r = await db.prisma.$queryRawUnsafe<{ v: string }[]>('SELECT v FROM outer_probe');
          await Promise.all([
            db.prisma.$queryRawUnsafe('SELECT 1'),
            new Promise((resolve) => setTimeout(resolve, 5)).then(() => db.prisma.$queryRawUnsafe('SELECT 2')),
          ]);
          return r.map((x) => x.v);
        },
        { maxWait: NO_HANG_MS, timeout: NO_HANG_MS },
      ),
      NO_HANG_MS,
    );
    assert.deepEqual(seen, ['a']);
    assert.deepEqual(await rows(), ['a']);
  });

  it("the domain store's read handle works inside store.transaction (no deadlock)", async () => {
    const t = await freshSqlite(); // migrated, also opened with openDatabase
    try {
      const store = createDomainStore(t.db);
      const counts = await withTimeout(
        store.transaction((tx) => Promise.all([tx.organization.count(), store.read.organization.count()])),
        NO_HANG_MS,
      );
      assert.deepEqual(counts, [0, 0]);
      await withTimeout(t.db.ping(), NO_HANG_MS);
    } finally {
      await t.cleanup();
    }
  });
});
