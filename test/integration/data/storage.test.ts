import assert from 'node:assert/strict';
import type { StoreItems } from 'botbuilder';
import { openDatabase } from '../../../src/data/db.js';
import { EtagConflictError, PrismaStorage, startBotStatePurge } from '../../../src/data/prisma-storage.js';
import { forEachDatabase } from '../../support/db.js';

forEachDatabase('PrismaStorage', (ctx) => {
  it('reads back what was written, with an eTag, and forgets it on delete', async () => {
    const { db } = await ctx.fresh();
    const storage = new PrismaStorage(db);
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
    const storage = new PrismaStorage(db);
    await storage.write({ k: { v: 1 } });
    const first = (await storage.read(['k'])).k;
    await storage.write({ k: { ...first, v: 2 } });
    const second = (await storage.read(['k'])).k;
    assert.notEqual(second?.eTag, first?.eTag);
    assert.equal(second?.v, 2);
  });

  it('refuses a write whose eTag is stale', async () => {
    const { db } = await ctx.fresh();
    const storage = new PrismaStorage(db);
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
    const storage = new PrismaStorage(db);
    await storage.write({ k: { v: 1 } });
    await storage.write({ k: { v: 2, eTag: '*' } });
    assert.equal((await storage.read(['k'])).k?.v, 2);
    await storage.write({ k: { v: 3 } });
    assert.equal((await storage.read(['k'])).k?.v, 3);
  });

  it('writes an item with an eTag when nothing is stored yet (as MemoryStorage)', async () => {
    const { db } = await ctx.fresh();
    const storage = new PrismaStorage(db);
    await storage.write({ k: { v: 1, eTag: 'from-elsewhere' } });
    assert.equal((await storage.read(['k'])).k?.v, 1);
  });

  it('deletes a missing key without error', async () => {
    const { db } = await ctx.fresh();
    const storage = new PrismaStorage(db);
    await storage.delete(['never-written']);
    await storage.delete([]);
    assert.deepEqual(await storage.read([]), {});
  });

  it('lets exactly one of many concurrent writers with the same eTag win (separate connections)', async () => {
    const t = await ctx.fresh();
    const storage = new PrismaStorage(t.db);
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
          return new PrismaStorage(inst).write(change);
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
        instances.map((inst, i) => new PrismaStorage(inst).write({ k: { winner: `w${i}`, eTag: 'e0' } })),
      );
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      for (const r of results) if (r.status === 'rejected') assert.ok(r.reason instanceof EtagConflictError);
    } finally {
      await Promise.all(instances.map((i) => i.close()));
    }
  });
});

forEachDatabase('PrismaStorage: bot-state TTL (issue 13 item 5)', (ctx) => {
  const DAY = 24 * 60 * 60 * 1000;

  async function age(db: { prisma: { $executeRaw: (q: TemplateStringsArray, ...v: unknown[]) => Promise<number> } }, id: string, days: number) {
    await db.prisma.$executeRaw`UPDATE "BotState" SET "updatedAt" = ${new Date(Date.now() - days * DAY)} WHERE "id" = ${id}`;
  }

  it('purges the conversation and user state rows not written for the TTL, keeps fresher ones and the personal-chat records', async () => {
    const { db } = await ctx.fresh();
    const storage = new PrismaStorage(db);
    const old = 'msteams/conversations/a:old/';
    const oldUser = 'msteams/users/29:old/';
    const fresh = 'msteams/conversations/a:fresh/';
    const ref = 'csp/personal-chat/0000-aad';
    await storage.write({
      [old]: { enrollmentDialog: { expiresAt: 0, state: { values: { bankName: 'v1:x' } } } },
      [oldUser]: { x: 1 },
      [fresh]: { welcomed: true },
      [ref]: { reference: { serviceUrl: 'https://smba.example' } },
    });
    await age(db, old, 31);
    await age(db, oldUser, 31);
    await age(db, ref, 400);
    await age(db, fresh, 29);
    assert.equal(await storage.purgeOlderThan(new Date(Date.now() - 30 * DAY)), 2);
    const left = (await db.prisma.botState.findMany({ select: { id: true } })).map((r) => r.id).sort();
    assert.deepEqual(left, [ref, fresh].sort());
    assert.deepEqual(Object.keys(await storage.read([old, oldUser])), [], 'read finds nothing of the purged rows');
  });

  it('startBotStatePurge runs a pass at once with the cutoff BOT_STATE_TTL_DAYS before now, then periodically', async () => {
    const { db } = await ctx.fresh();
    const storage = new PrismaStorage(db);
    await storage.write({ 'msteams/conversations/a:1/': { v: 1 }, 'msteams/conversations/a:2/': { v: 2 } });
    await age(db, 'msteams/conversations/a:1/', 8);
    await age(db, 'msteams/conversations/a:2/', 6);
    const purged: number[] = [];
    const cutoffs: Date[] = [];
    const stop = startBotStatePurge({
      storage: {
        purgeOlderThan: async (before) => {
          cutoffs.push(before);
          return storage.purgeOlderThan(before);
        },
      },
      ttlDays: 7,
      intervalMs: 20,
      onPurged: (n) => purged.push(n),
    });
    try {
      const until = Date.now() + 5000;
      while (purged.length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    } finally {
      stop();
    }
    assert.equal(purged[0], 1, 'the first pass purged the row 8 days old');
    assert.ok(purged.length >= 2, 'and it runs again');
    assert.ok(Math.abs(cutoffs[0].getTime() - (Date.now() - 7 * DAY)) < 5000, 'cutoff is 7 days back');
    const left = (await db.prisma.botState.findMany({ select: { id: true } })).map((r) => r.id);
    assert.deepEqual(left, ['msteams/conversations/a:2/']);
  });
});
