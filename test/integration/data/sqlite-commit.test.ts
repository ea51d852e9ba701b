import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createDomainStore } from '../../../src/data/domain-store.js';
import { sqliteFilePath } from '../../../src/data/database-url.js';
import { withTimeout } from '../../../src/web/with-timeout.js';
import { freshSqlite, type TestDatabase } from '../../support/db.js';

/**
 * Issue 13 item 7: a SQLite COMMIT that fails must not wedge the connection. The stock Prisma adapter
 * kept its transaction lock when COMMIT threw, so every later transaction waited for ever; each wait
 * below is bounded so the old behaviour fails the test instead of hanging mocha.
 */
const NO_HANG_MS = 3000;

async function setUpFaultTables(t: TestDatabase): Promise<void> {
  await t.db.prisma.$executeRawUnsafe('CREATE TABLE fault_parent (id INTEGER PRIMARY KEY)');
  await t.db.prisma.$executeRawUnsafe(
    'CREATE TABLE fault_child (parent INTEGER REFERENCES fault_parent (id) DEFERRABLE INITIALLY DEFERRED)',
  );
}

function insertParent(t: TestDatabase, id: number): Promise<unknown> {
  return t.db.prisma.$transaction((tx) => tx.$executeRawUnsafe(`INSERT INTO fault_parent (id) VALUES (${id})`), {
    maxWait: NO_HANG_MS,
    timeout: NO_HANG_MS,
  });
}

async function parents(t: TestDatabase): Promise<number[]> {
  const rows = await t.db.prisma.$queryRawUnsafe<{ id: bigint | number }[]>('SELECT id FROM fault_parent ORDER BY id');
  return rows.map((r) => Number(r.id));
}

/** chattr works for root on ext4/xfs/btrfs; elsewhere (tmpfs, no root) the file-fault test is skipped. */
function chattr(flag: '+i' | '-i', file: string): void {
  execFileSync('chattr', [flag, file], { stdio: 'ignore' });
}

function canMakeImmutable(file: string): boolean {
  try {
    chattr('+i', file);
    chattr('-i', file);
    return true;
  } catch {
    return false;
  }
}

describe('SQLite: a failed COMMIT does not wedge later writes', function () {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });

  it('after a COMMIT refused by a deferred foreign key, the next transaction runs at once', async () => {
    t = await freshSqlite();
    await setUpFaultTables(t);
    const db = t;
    await assert.rejects(
      withTimeout(
        db.db.prisma.$transaction((tx) => tx.$executeRawUnsafe('INSERT INTO fault_child (parent) VALUES (42)')),
        NO_HANG_MS,
      ),
      (e: unknown) => e instanceof Error && /FOREIGN KEY|ForeignKey/i.test(e.message),
    );
    // The refused transaction is rolled back, not left open on the connection.
    await withTimeout(insertParent(db, 1), NO_HANG_MS);
    assert.deepEqual(await parents(db), [1]);
    const children = await db.db.prisma.$queryRawUnsafe<unknown[]>('SELECT * FROM fault_child');
    assert.equal(children.length, 0);
    // The domain's transactions too (they go through the same adapter).
    const store = createDomainStore(db.db);
    const org = await withTimeout(
      store.transaction((tx) =>
        tx.organization.create({
          data: {
            tenantId: 't-1',
            mpnId: '1000001',
            legalName: 'Contoso',
            nameSearch: 'contoso',
            addressLine1: '1 Way',
            city: 'Seoul',
            postalCode: '04524',
            country: 'KR',
            region: 'APAC',
          },
        }),
      ),
      NO_HANG_MS,
    );
    assert.equal((await db.db.prisma.organization.findUnique({ where: { id: org.id } }))?.legalName, 'Contoso');
  });

  it('while the WAL cannot be written, writes fail fast; once it can, they succeed again', async function () {
    t = await freshSqlite();
    await setUpFaultTables(t);
    const db = t;
    await insertParent(db, 1); // the WAL file exists from here on
    const wal = `${sqliteFilePath(db.url)}-wal`;
    if (!existsSync(wal) || !canMakeImmutable(wal)) this.skip();
    chattr('+i', wal);
    try {
      for (const id of [2, 3]) {
        const started = Date.now();
        await assert.rejects(withTimeout(insertParent(db, id), NO_HANG_MS), (e: unknown) => {
          assert.ok(e instanceof Error);
          assert.doesNotMatch(e.message, /timed out/, `write ${id} must fail, not hang`);
          assert.match(e.message, /SQLite COMMIT failed \(SQLITE_IOERR\w*: disk I\/O error\); the transaction was rolled back/);
          return true;
        });
        assert.ok(Date.now() - started < NO_HANG_MS);
      }
      // Reads still answer (they always did: that is why /healthz said 200).
      assert.deepEqual(await parents(db), [1]);
    } finally {
      chattr('-i', wal);
    }
    await withTimeout(insertParent(db, 4), NO_HANG_MS);
    assert.deepEqual(await parents(db), [1, 4]);
  });
});
