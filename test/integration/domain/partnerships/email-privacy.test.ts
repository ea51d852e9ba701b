import assert from 'node:assert/strict';
import { requestPartnership } from '../../../../src/domain/partnerships/request-partnership.js';
import { isAppError } from '../../../../src/domain/shared/errors.js';
import { forEachDatabase } from '../../../support/db.js';
import { makeWorld, userWithRoles, type EnrolledOrg, type World } from '../../../support/fixtures.js';
import { partner, provider, reseller } from '../../../support/partners.js';

/**
 * Issue 13 item 8: a refusal does not reveal which organisation an email address belongs to. A provider
 * inviting a reseller by email gets, for an address of an organisation it may not partner with, the
 * same answer as for an address nobody enrolled uses: a draft, no reseller named, nothing queued for
 * that organisation. By MPN ID (the public partner id) the refusals stay as they were.
 */
forEachDatabase('partnership requests by email do not reveal the organisation (issue 13 item 8)', (db) => {
  interface Case {
    readonly what: string;
    readonly code: string;
    /** the provider asking, and the organisation whose member's address it types */
    readonly setup: (w: World) => Promise<{ asking: EnrolledOrg; target: EnrolledOrg; email: string }>;
  }
  const cases: Case[] = [
    {
      what: 'an organisation that is not an indirect reseller (another provider)',
      code: 'NOT_INDIRECT_RESELLER',
      setup: async (w) => {
        const asking = await provider(w);
        const target = await provider(w);
        return { asking, target, email: target.admin.email! };
      },
    },
    {
      what: 'a reseller in another region',
      code: 'REGION_MISMATCH',
      setup: async (w) => {
        const asking = await provider(w, { country: 'KR' });
        const target = await reseller(w, { country: 'JP' });
        return { asking, target, email: target.admin.email! };
      },
    },
    {
      what: 'a reseller already partnered with the provider',
      code: 'PARTNERSHIP_EXISTS',
      setup: async (w) => {
        const asking = await provider(w);
        const target = await reseller(w);
        await partner(w, asking, target);
        const colleague = await userWithRoles(w, target, ['sales_agent'], 'Sam Sales');
        return { asking, target, email: colleague.email! };
      },
    },
  ];

  for (const c of cases) {
    it(`by email, ${c.what}: answered as an unknown address; by MPN ID still ${c.code}`, async () => {
      const w = makeWorld(await db.fresh());
      const { asking, target, email } = await c.setup(w);
      const queued = () => w.store.read.outboxEvent.count({ where: { targetOrgId: target.orgId } });
      const before = await queued();

      const unknown = await requestPartnership(w.ctx, asking.admin, { resellerEmail: 'nobody@unknown.example' });
      const known = await requestPartnership(w.ctx, asking.admin, { resellerEmail: email });
      assert.deepEqual(Object.keys(known).sort(), Object.keys(unknown).sort());
      assert.equal(known.resellerId, null, 'the organisation is not named');
      assert.equal(unknown.resellerId, null);
      assert.ok(!known.message.includes(target.legalName), 'the draft does not name it');
      assert.equal(
        known.message.replace(known.link, '<link>'),
        unknown.message.replace(unknown.link, '<link>'),
        'the same draft',
      );
      assert.equal(await queued(), before, 'nothing queued for that organisation');

      await assert.rejects(
        () => requestPartnership(w.ctx, asking.admin, { resellerMpnId: target.mpnId }),
        (e: unknown) => isAppError(e) && e.code === c.code,
      );
    });
  }

  it('by email, a reseller it may partner with is still reached directly (resellerId for the bot, a queued notice)', async () => {
    const w = makeWorld(await db.fresh());
    const p = await provider(w);
    const r = await reseller(w);
    const d = await requestPartnership(w.ctx, p.admin, { resellerEmail: r.admin.email! });
    assert.equal(d.resellerId, r.orgId);
    assert.equal(
      await w.store.read.outboxEvent.count({ where: { type: 'partnership.invited', targetOrgId: r.orgId } }),
      1,
    );
  });
});
