import assert from 'node:assert/strict';
import { partnerCenterModeOf } from '../../../src/domain/partner-center/link-status.js';
import { forEachDatabase } from '../../support/db.js';
import { enrolledOrg, makeWorld } from '../../support/fixtures.js';

/**
 * L5 (docs/partner-center.md) with issue 15's statement budget: the organisation's Partner Center mode rides on the
 * turn's facts (one prepared statement, src/data/actor-facts.ts), and says exactly what partnerCenterModeOf reads from
 * the link row: connected only with a working link (a refresh token, status active) and the connected choice.
 */
forEachDatabase('Partner Center mode in the turn facts', (db) => {
  it('L5/L7: facts and partnerCenterModeOf agree: no link, embedded, connected, needs sign-in, token dropped', async () => {
    const w = makeWorld(await db.fresh());
    const org = await enrolledOrg(w);
    const link = () => w.test.db.prisma.partnerCenterLink;
    const cases: { name: string; set: () => Promise<unknown>; want: 'embedded' | 'connected' }[] = [
      { name: 'no link', set: () => Promise.resolve(), want: 'embedded' },
      {
        name: 'linked, embedded',
        set: () =>
          link().create({
            data: {
              orgId: org.orgId,
              partnerTenantId: org.tenantId,
              linkedByUserId: 'u',
              linkedByName: 'Admin',
              linkedAt: new Date(),
              refreshToken: 'v1:sealed',
              tokenRefreshedAt: new Date(),
            },
          }),
        want: 'embedded',
      },
      {
        name: 'connected',
        set: () => link().update({ where: { orgId: org.orgId }, data: { mode: 'connected' } }),
        want: 'connected',
      },
      {
        name: 'needs sign-in',
        set: () => link().update({ where: { orgId: org.orgId }, data: { status: 'needs_sign_in' } }),
        want: 'embedded',
      },
      {
        name: 'token dropped',
        set: () => link().update({ where: { orgId: org.orgId }, data: { status: 'active', refreshToken: null } }),
        want: 'embedded',
      },
    ];
    for (const c of cases) {
      await c.set();
      const facts = await w.store.actorFacts!(org.admin.aadObjectId, org.admin.tenantId);
      assert.equal(facts.org?.partnerCenterMode, c.want, `facts: ${c.name}`);
      assert.equal(await partnerCenterModeOf(w.ctx, org.orgId), c.want, `row: ${c.name}`);
      assert.equal(
        await partnerCenterModeOf(w.ctx, org.orgId, { ...org.admin, facts }),
        c.want,
        `via facts: ${c.name}`,
      );
    }
  });
});
