import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { listCustomers } from '../../../../src/domain/customers/customer-list.js';
import { listPartnershipRequests } from '../../../../src/domain/directory/partnership-requests.js';
import { listProviders, listResellers } from '../../../../src/domain/partnerships/partner-lists.js';
import type { Page } from '../../../../src/domain/shared/paging.js';
import type { Actor } from '../../../../src/domain/shared/context.js';
import { createDomainStore } from '../../../../src/data/domain-store.js';
import { forEachDatabase } from '../../../support/db.js';
import { makeWorld, type World } from '../../../support/fixtures.js';
import { provider, reseller } from '../../../support/partners.js';

/**
 * Keyset paging of the list views (the list views in src/domain, paging in src/domain/shared/paging.ts): pages in (time desc, id desc) order, with page
 * boundaries falling inside runs of equal timestamps, so the id tie-break in the cursor condition is
 * what decides where the next page starts. Rows are written directly so that many share a timestamp
 * and the ids (lowercase hex, the same order in every collation) are not in insertion order.
 */

const T1 = new Date('2026-03-01T10:00:00.000Z');
const T2 = new Date('2026-02-01T10:00:00.000Z');
const T3 = new Date('2026-01-01T10:00:00.000Z');

let n = 0;
/** a fresh id, lowercase hex only: random, so ids do not follow insertion order */
function hexId(): string {
  return `x${randomBytes(10).toString('hex')}`;
}

async function bareOrg(w: World): Promise<string> {
  const id = hexId();
  n++;
  await w.test.db.prisma.organization.create({
    data: {
      id,
      tenantId: `tenant-${id}`,
      mpnId: `m${id}`,
      legalName: `Org ${String(n)}`,
      nameSearch: `org ${String(n)}`,
      addressLine1: '1 Main Street',
      city: 'Seoul',
      postalCode: '04524',
      country: 'KR',
      region: 'asia_pacific',
      isProvider: true,
      isReseller: true,
    },
  });
  return id;
}

/** Walks a view with `limit` and returns every item's key in the order shown; checks the last page ends. */
async function walk<T>(
  limit: number,
  fetch: (input: { limit: number; cursor?: string }) => Promise<Page<T>>,
  key: (item: T) => string,
): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = await fetch({ limit, ...(cursor ? { cursor } : {}) });
    assert.ok(page.items.length <= limit);
    seen.push(...page.items.map(key));
    if (!page.nextCursor) return seen;
    assert.equal(page.items.length, limit, 'only the last page may be short');
    cursor = page.nextCursor;
  }
  throw new Error('paging did not end');
}

interface Keyed {
  readonly id: string;
  readonly at: Date;
}

/** The order the views promise: newest first, ties by id descending. */
function expectedOrder(rows: readonly Keyed[]): string[] {
  return [...rows]
    .sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .map((r) => r.id);
}

/** Times with ties: 4 rows at T1, 3 at T2, 2 at T3 (page sizes 2 and 3 split each run). */
const times = [T1, T2, T1, T3, T1, T2, T3, T1, T2];

forEachDatabase('list views: keyset paging', (db) => {
  async function partnershipsFor(
    w: World,
    side: 'provider' | 'reseller',
    orgId: string,
  ): Promise<{ live: Keyed[]; requested: Keyed[] }> {
    const live: Keyed[] = [];
    const requested: Keyed[] = [];
    const states = [
      'active',
      'end_requested',
      'active',
      'active',
      'end_requested',
      'active',
      'active',
      'active',
      'active',
    ];
    // live rows, plus rows in the other states at the same timestamps that must never be listed
    const plan = [
      ...times.map((at, i) => ({ state: states[i], authorizedAt: at, requestedAt: T3 })),
      ...times.slice(0, 5).map((at) => ({ state: 'requested', authorizedAt: null, requestedAt: at })),
      { state: 'declined', authorizedAt: null, requestedAt: T1 },
      { state: 'ended', authorizedAt: T1, requestedAt: T1 },
    ];
    for (const p of plan) {
      const other = await bareOrg(w);
      const id = hexId();
      const [providerId, resellerId] = side === 'provider' ? [orgId, other] : [other, orgId];
      await w.test.db.prisma.partnership.create({
        data: {
          id,
          providerId,
          resellerId,
          origin: 'provider_invite',
          state: p.state,
          requestedAt: p.requestedAt,
          authorizedAt: p.authorizedAt,
        },
      });
      if (p.state === 'active' || p.state === 'end_requested') live.push({ id, at: p.authorizedAt! });
      if (p.state === 'requested') requested.push({ id, at: p.requestedAt });
    }
    return { live, requested };
  }

  it('P4: resellers of a provider page newest first, ties broken by id, across page boundaries, live states only', async () => {
    const w = makeWorld(await db.fresh());
    const p = await provider(w);
    const { live } = await partnershipsFor(w, 'provider', p.orgId);
    const want = expectedOrder(live);
    assert.equal(want.length, 9);
    for (const limit of [1, 2, 3, 9, 20]) {
      assert.deepEqual(
        await walk(
          limit,
          (i) => listResellers(w.ctx, p.admin, i),
          (r) => r.partnershipId,
        ),
        want,
        `limit ${String(limit)}`,
      );
    }
  });

  it('P4: providers of a reseller page newest first, ties broken by id, across page boundaries, live states only', async () => {
    const w = makeWorld(await db.fresh());
    const r = await reseller(w);
    const { live } = await partnershipsFor(w, 'reseller', r.orgId);
    const want = expectedOrder(live);
    for (const limit of [1, 2, 3, 20]) {
      assert.deepEqual(
        await walk(
          limit,
          (i) => listProviders(w.ctx, r.admin, i),
          (x) => x.partnershipId,
        ),
        want,
        `limit ${String(limit)}`,
      );
    }
  });

  it('P4/M2/P3: the prepared list reads page exactly as the typed queries do, field for field', async () => {
    const w = makeWorld(await db.fresh());
    assert.ok(w.store.lists, 'the store built over the database has the prepared list reads');
    const p = await provider(w);
    const r = await reseller(w);
    const asProvider = await partnershipsFor(w, 'provider', p.orgId);
    const asReseller = await partnershipsFor(w, 'reseller', r.orgId);
    // M2: some resellers signed the MPA, one twice (the latest version is shown); P3: one withdrawn access
    const resellerIds = await w.test.db.prisma.partnership.findMany({
      where: { providerId: p.orgId },
      select: { id: true, resellerId: true },
    });
    for (const [i, row] of resellerIds.entries()) {
      if (i % 3 === 0) continue;
      await w.test.db.prisma.mpaAcceptance.create({
        data: { orgId: row.resellerId, version: '2024-01', signerName: 'Signer', signedAt: T3 },
      });
      if (i % 3 === 2)
        await w.test.db.prisma.mpaAcceptance.create({
          data: { orgId: row.resellerId, version: '2026-02', signerName: 'Signer', signedAt: T1 },
        });
    }
    await w.test.db.prisma.partnership.update({
      where: { id: asReseller.live[0].id },
      data: { adminAccessWithdrawnAt: T1 },
    });
    const typed = { ...w.ctx, store: createDomainStore({ prisma: w.test.db.prisma, kind: w.test.db.kind }) };
    assert.equal(typed.store.lists, undefined);
    for (const limit of [1, 2, 4, 20]) {
      for (const [name, fetch] of [
        ['resellers', (ctx: typeof w.ctx, i: { limit: number; cursor?: string }) => listResellers(ctx, p.admin, i)],
        ['providers', (ctx: typeof w.ctx, i: { limit: number; cursor?: string }) => listProviders(ctx, r.admin, i)],
      ] as const) {
        let cursor: string | undefined;
        let pages = 0;
        do {
          const input = { limit, ...(cursor ? { cursor } : {}) };
          const [prepared, viaPrisma] = [await fetch(w.ctx, input), await fetch(typed, input)];
          assert.deepEqual(prepared, viaPrisma, `${name}, limit ${String(limit)}, page ${String(pages)}`);
          cursor = prepared.nextCursor ?? undefined;
          pages++;
        } while (cursor);
        assert.ok(pages >= Math.ceil(9 / limit), `${name}: every page compared`);
      }
    }
    const resellersPage = await listResellers(w.ctx, p.admin, { limit: 20 });
    assert.equal(resellersPage.items.length, asProvider.live.length);
    assert.deepEqual(
      new Set(resellersPage.items.map((x) => x.mpaVersion)),
      new Set([null, '2024-01', '2026-02']),
      'unsigned, signed once and signed twice (latest shown) are all there',
    );
    const providersPage = await listProviders(w.ctx, r.admin, { limit: 20 });
    assert.equal(providersPage.items.filter((x) => x.adminAccessWithdrawn).length, 1);
  });

  it('P10: partnership requests page by requestedAt, ties broken by id', async () => {
    const w = makeWorld(await db.fresh());
    const p = await provider(w);
    const { requested } = await partnershipsFor(w, 'provider', p.orgId);
    const want = expectedOrder(requested);
    assert.equal(want.length, 5);
    for (const limit of [1, 2, 3]) {
      assert.deepEqual(
        await walk(
          limit,
          (i) => listPartnershipRequests(w.ctx, p.admin, i),
          (x) => x.partnershipId,
        ),
        want,
        `limit ${String(limit)}`,
      );
    }
  });

  it('S4: customers page newest first, ties broken by id, with and without the reseller filter; removed ones never listed', async () => {
    const w = makeWorld(await db.fresh());
    const p = await provider(w);
    const resellerA = await bareOrg(w);
    const resellerB = await bareOrg(w);
    const all: (Keyed & { resellerId: string | null })[] = [];
    const plan = [...times, ...times].map((at, i) => ({
      at,
      resellerId: i % 3 === 0 ? null : i % 3 === 1 ? resellerA : resellerB,
      removed: i % 5 === 4,
    }));
    for (const c of plan) {
      const customerId = hexId();
      await w.test.db.prisma.customer.create({
        data: {
          id: customerId,
          tenantId: `t-${customerId}`,
          domain: `${customerId}.example`,
          name: `Customer ${customerId}`,
          nameLower: `customer ${customerId}`,
          country: 'KR',
          region: 'asia_pacific',
        },
      });
      const id = hexId();
      await w.test.db.prisma.customerRelationship.create({
        data: {
          id,
          partnerId: p.orgId,
          customerId,
          origin: 'invitation',
          resellerId: c.resellerId,
          createdAt: c.at,
          ...(c.removed ? { removedAt: T1 } : {}),
        },
      });
      if (!c.removed) all.push({ id, at: c.at, resellerId: c.resellerId });
    }
    const actor: Actor = p.admin;
    for (const limit of [1, 2, 3, 50]) {
      assert.deepEqual(
        await walk(
          limit,
          (i) => listCustomers(w.ctx, actor, i),
          (x) => x.relationshipId,
        ),
        expectedOrder(all),
        `all, limit ${String(limit)}`,
      );
      for (const rid of [resellerA, resellerB]) {
        const want = expectedOrder(all.filter((c) => c.resellerId === rid));
        assert.ok(want.length >= 4);
        assert.deepEqual(
          await walk(
            limit,
            (i) => listCustomers(w.ctx, actor, { ...i, resellerId: rid }),
            (x) => x.relationshipId,
          ),
          want,
          `reseller, limit ${String(limit)}`,
        );
      }
    }
  });
});
