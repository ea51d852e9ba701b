import assert from 'node:assert/strict';
import type { StoreItems } from 'botbuilder';
import { openDatabase } from '../../../src/data/db.js';
import { EtagConflictError, PrismaStorage } from '../../../src/data/prisma-storage.js';
import { forEachDatabase } from '../../support/db.js';

forEachDatabase('PrismaStorage', (ctx) => {
  it('reads back what was written, with an eTag, and forgets it on delete', async () => {
    const { db } = await ctx.fresh();
    const storage = new PrismaStorage(db.prisma);
    const item = { count: 1, nested: { text: '한국어 ✓', list: [1, 2] } };
    await storage.write({ a: item, b: { x: true } });
    const read = await storage.read(['a', 'b', 'missing']);
    assert.deepEqual(Object.keys(read).sort(), ['a', 'b']);
    assert.equal(typeof read.a?.eTag, 'string');
    assert.deepEqual({ ...read.a, eTag: undefined }, { ...item, eTag: undefined });
    assert.equal((item as { eTag?: string }).eTag, read.a?.eTag, 'write sets the new eTag on the item');
    await storage.delete(['a']);
    assert.deepEqual(Object.keys(await storage.read(['a', 'b'])), ['b']);
  });

  it('gives every successful write a new eTag', async () => {
    const { db } = await ctx.fresh();
    const storage = new PrismaStorage(db.prisma);
    await storage.write({ k: { v: 1 } });
    const first = (await storage.read(['k'])).k;
    await storage.write({ k: { ...first, v: 2 } });
    const second = (await storage.read(['k'])).k;
    assert.notEqual(second?.eTag, first?.eTag);
    assert.equal(second?.v, 2);
  });

  it('refuses a write whose eTag is stale', async () => {
    const { db } = await ctx.fresh();
    const storage = new PrismaStorage(db.prisma);
    await storage.write({ k: { v: 1 } });
    const stale = (await storage.read(['k'])).k;
    await storage.write({ k: { ...stale, v: 2 } });
    await assert.rejects(
      storage.write({ k: { ...stale, v: 3 } }),
      (e) => e instanceof EtagConflictError && e.key === 'k' && /eTag conflict/.test(e.message),
    );
    assert.equal((await storage.read(['k'])).k?.v, 2);
  });

  it("overwrites with eTag '*' or without an eTag", async () => {
    const { db } = await ctx.fresh();
    const storage = new PrismaStorage(db.prisma);
    await storage.write({ k: { v: 1 } });
    await storage.write({ k: { v: 2, eTag: '*' } });
    assert.equal((await storage.read(['k'])).k?.v, 2);
    await storage.write({ k: { v: 3 } });
    assert.equal((await storage.read(['k'])).k?.v, 3);
  });

  it('writes an item with an eTag when nothing is stored yet (as MemoryStorage)', async () => {
    const { db } = await ctx.fresh();
    const storage = new PrismaStorage(db.prisma);
    await storage.write({ k: { v: 1, eTag: 'from-elsewhere' } });
    assert.equal((await storage.read(['k'])).k?.v, 1);
  });

  it('deletes a missing key without error', async () => {
    const { db } = await ctx.fresh();
    const storage = new PrismaStorage(db.prisma);
    await storage.delete(['never-written']);
    await storage.delete([]);
    assert.deepEqual(await storage.read([]), {});
  });

  it('lets exactly one of many concurrent writers with the same eTag win (separate connections)', async () => {
    const t = await ctx.fresh();
    const storage = new PrismaStorage(t.db.prisma);
    await storage.write({ k: { winner: 'none' } });
    const base = (await storage.read(['k'])).k;
    // Several bot instances: each its own client and connection pool on the same database.
    const instances = await Promise.all(
      Array.from({ length: 6 }, () => openDatabase({ DATABASE_URL: t.url, databaseKind: t.kind })),
    );
    try {
      const results = await Promise.allSettled(
        instances.map((inst, i) => {
          const change: StoreItems = { k: { ...base, winner: `w${i}` } };
          return new PrismaStorage(inst.prisma).write(change);
        }),
      );
      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [`w${i}`] : []));
      const lost = results.filter((r) => r.status === 'rejected');
      assert.equal(won.length, 1, `exactly one winner, got ${won.join(',')}`);
      for (const r of lost) assert.ok(r.reason instanceof EtagConflictError, String(r.reason));
      assert.equal((await storage.read(['k'])).k?.winner, won[0]);
    } finally {
      await Promise.all(instances.map((i) => i.close()));
    }
  });

  it('lets exactly one of concurrent first writers win when nothing is stored yet', async () => {
    const t = await ctx.fresh();
    const instances = await Promise.all(
      Array.from({ length: 4 }, () => openDatabase({ DATABASE_URL: t.url, databaseKind: t.kind })),
    );
    try {
      const results = await Promise.allSettled(
        instances.map((inst, i) => new PrismaStorage(inst.prisma).write({ k: { winner: `w${i}`, eTag: 'e0' } })),
      );
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      for (const r of results) if (r.status === 'rejected') assert.ok(r.reason instanceof EtagConflictError);
    } finally {
      await Promise.all(instances.map((i) => i.close()));
    }
  });
});
