import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sqliteFilePath } from '../../../src/data/database-url.js';
import { createReadinessCheck } from '../../../src/data/readiness.js';
import { forEachDatabase } from '../../support/db.js';

const prismaDir = fileURLToPath(new URL('../../../prisma/', import.meta.url));

function chattr(flag: '+i' | '-i', file: string): boolean {
  try {
    execFileSync('chattr', [flag, file], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

forEachDatabase('readiness check', (ctx) => {
  it('is ready on a migrated, writable database, and the probe leaves no trace', async () => {
    const { db } = await ctx.fresh();
    const check = createReadinessCheck(db, { timeoutMs: 2000 });
    assert.deepEqual(await check(), { ready: true });
    assert.deepEqual(await check(), { ready: true });
  });

  it('names the migrations that are not applied', async () => {
    const { db } = await ctx.fresh();
    const dir = mkdtempSync(path.join(tmpdir(), 'csp-ready-prisma-'));
    try {
      cpSync(path.join(prismaDir, ctx.kind, 'migrations'), path.join(dir, ctx.kind, 'migrations'), {
        recursive: true,
      });
      const extra = path.join(dir, ctx.kind, 'migrations', '99990101000000_not_yet');
      mkdirSync(extra);
      writeFileSync(path.join(extra, 'migration.sql'), 'SELECT 1;\n');
      const check = createReadinessCheck(db, { timeoutMs: 2000, prismaDir: dir });
      const r = await check();
      assert.equal(r.ready, false);
      assert.equal(r.ready === false && r.reason, 'migrations-pending');
      assert.deepEqual(r.ready === false && r.pending, ['99990101000000_not_yet']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  if (ctx.kind === 'sqlite') {
    it('is not ready, within its timeout, while the SQLite WAL cannot be written; ready again after', async function () {
      const t = await ctx.fresh();
      const check = createReadinessCheck(t.db, { timeoutMs: 2000 });
      assert.deepEqual(await check(), { ready: true }); // the WAL exists from here on
      const wal = `${sqliteFilePath(t.url)}-wal`;
      if (!existsSync(wal) || !chattr('+i', wal)) this.skip();
      try {
        const started = Date.now();
        const r = await check();
        assert.ok(Date.now() - started < 2500);
        assert.equal(r.ready === false && r.reason, 'database-not-writable');
        assert.match(r.ready === false ? r.detail : '', /COMMIT failed.*disk I\/O error/);
        assert.equal((await check()).ready, false, 'still not ready, and not hanging');
      } finally {
        chattr('-i', wal);
      }
      assert.deepEqual(await check(), { ready: true });
    });
  }
});
