import assert from 'node:assert/strict';
import { decideDirectoryRequest, requestThroughDirectory } from '../../../../src/domain/directory/directory-request.js';
import { searchDirectory, setDirectoryProfile } from '../../../../src/domain/directory/directory.js';
import { listPartnershipRequests } from '../../../../src/domain/directory/partnership-requests.js';
import { listProviders } from '../../../../src/domain/partnerships/partner-lists.js';
import { AppError } from '../../../../src/domain/shared/errors.js';
import { forEachDatabase } from '../../../support/db.js';
import { makeWorld, userWithRoles } from '../../../support/fixtures.js';
import { listInDirectory, provider, reseller } from '../../../support/partners.js';
import { refusedUnchanged } from '../../../support/domain-assert.js';

forEachDatabase('provider directory', (db) => {
  it('P10: resellers find official providers by name, region and service, a page at a time', async () => {
    const w = makeWorld(await db.fresh());
    const names = ['Alpha Distribution', 'Beta Cloud', 'Gamma Cloud', 'Delta Cloud'];
    const ps = [];
    for (const legalName of names) ps.push(await provider(w, { legalName }));
    await listInDirectory(w, ps[0], ['azure']);
    await listInDirectory(w, ps[1], ['m365', 'support']);
    await listInDirectory(w, ps[2], ['m365']);
    // Delta is not listed: not in the directory
    const other = await provider(w, { country: 'JP', legalName: 'Tokyo Cloud' });
    await listInDirectory(w, other, ['m365']);
    const r = await reseller(w);

    const all = await searchDirectory(w.ctx, r.admin, {});
    assert.deepEqual(
      all.items.map((i) => i.name),
      ['Alpha Distribution', 'Beta Cloud', 'Gamma Cloud'],
      'own region by default',
    );
    const cloud = await searchDirectory(w.ctx, r.admin, { name: 'CLOUD' });
    assert.deepEqual(
      cloud.items.map((i) => i.name),
      ['Beta Cloud', 'Gamma Cloud'],
    );
    const m365 = await searchDirectory(w.ctx, r.admin, { service: 'M365' });
    assert.deepEqual(
      m365.items.map((i) => i.name),
      ['Beta Cloud', 'Gamma Cloud'],
    );
    const japan = await searchDirectory(w.ctx, r.admin, { region: 'japan' });
    assert.deepEqual(
      japan.items.map((i) => i.name),
      ['Tokyo Cloud'],
    );
    const first = await searchDirectory(w.ctx, r.admin, { limit: 2 });
    assert.equal(first.items.length, 2);
    assert.ok(first.nextCursor);
    const second = await searchDirectory(w.ctx, r.admin, { limit: 2, cursor: first.nextCursor });
    assert.deepEqual(
      second.items.map((i) => i.name),
      ['Gamma Cloud'],
    );
    assert.equal(second.nextCursor, null);
    assert.equal(all.items[1].contactEmail, 'partners@provider.example');
  });

  it('P10: the directory profile is changed only by the program administrator', async () => {
    const w = makeWorld(await db.fresh());
    const p = await provider(w);
    await refusedUnchanged(w, 'PROGRAM_ADMIN_REQUIRED', () =>
      setDirectoryProfile(w.ctx, p.admin, { orgId: p.orgId, summary: 'We are the best' }),
    );
    await listInDirectory(w, p);
    const profile = await w.store.read.directoryProfile.findUniqueOrThrow({ where: { orgId: p.orgId } });
    assert.equal(profile.services, 'azure,m365');
  });

  it('P10: a reseller asks a listed provider; the provider approves and both lists show it', async () => {
    const w = makeWorld(await db.fresh());
    const p = await provider(w);
    await listInDirectory(w, p);
    const r = await reseller(w);
    await refusedUnchanged(w, 'CONSENT_REQUIRED', () =>
      requestThroughDirectory(w.ctx, r.admin, { providerId: p.orgId, consent: false }),
    );
    const req = await requestThroughDirectory(w.ctx, r.admin, {
      providerId: p.orgId,
      consent: true,
      message: 'We sell in Busan',
    });
    assert.equal(req.state, 'requested');
    assert.equal(
      (await requestThroughDirectory(w.ctx, r.admin, { providerId: p.orgId, consent: true })).partnershipId,
      req.partnershipId,
      'idempotent',
    );
    assert.equal((await listPartnershipRequests(w.ctx, p.admin)).items.length, 1);
    assert.equal((await listProviders(w.ctx, r.admin)).items.length, 0, 'not a partnership yet');
    const ok = await decideDirectoryRequest(w.ctx, p.admin, { partnershipId: req.partnershipId, decision: 'approve' });
    assert.equal(ok.state, 'active');
    assert.equal(
      (
        await decideDirectoryRequest(w.ctx, p.admin, { partnershipId: req.partnershipId, decision: 'approve' })
      ).decidedAt.getTime(),
      ok.decidedAt.getTime(),
    );
    assert.equal((await listProviders(w.ctx, r.admin)).items.length, 1);
  });

  it('P10: declining needs a reason and tells the reseller', async () => {
    const w = makeWorld(await db.fresh());
    const p = await provider(w);
    await listInDirectory(w, p);
    const r = await reseller(w);
    const req = await requestThroughDirectory(w.ctx, r.admin, { providerId: p.orgId, consent: true });
    await refusedUnchanged(w, 'REASON_REQUIRED', () =>
      decideDirectoryRequest(w.ctx, p.admin, { partnershipId: req.partnershipId, decision: 'decline' }),
    );
    await refusedUnchanged(w, 'NOT_FOUND', () =>
      decideDirectoryRequest(w.ctx, r.admin, { partnershipId: req.partnershipId, decision: 'approve' }),
    );
    await decideDirectoryRequest(w.ctx, p.admin, {
      partnershipId: req.partnershipId,
      decision: 'decline',
      reason: 'We only serve Seoul',
    });
    const ev = await w.store.read.outboxEvent.findFirstOrThrow({ where: { type: 'partnership.declined' } });
    assert.equal(ev.targetOrgId, r.orgId);
    assert.match(ev.payload, /We only serve Seoul/);
    // a new request is possible after a decline
    assert.equal((await requestThroughDirectory(w.ctx, r.admin, { providerId: p.orgId, consent: true })).created, true);
  });

  it('P10: refuses a request to an organisation that is not a listed provider, or across regions (P6)', async () => {
    const w = makeWorld(await db.fresh());
    const unlisted = await provider(w);
    const jp = await provider(w, { country: 'JP' });
    await listInDirectory(w, jp);
    const r = await reseller(w);
    await refusedUnchanged(w, 'NOT_INDIRECT_PROVIDER', () =>
      requestThroughDirectory(w.ctx, r.admin, { providerId: unlisted.orgId, consent: true }),
    );
    await refusedUnchanged(w, 'REGION_MISMATCH', () =>
      requestThroughDirectory(w.ctx, r.admin, { providerId: jp.orgId, consent: true }),
    );
  });

  it('P10: two people deciding one request at once: exactly one decision is recorded, the other hears who decided', async () => {
    const w = makeWorld(await db.fresh());
    const p = await provider(w);
    await listInDirectory(w, p);
    const r = await reseller(w);
    const alice = await userWithRoles(w, p, ['admin_agent'], 'Alice');
    const bob = await userWithRoles(w, p, ['sales_agent'], 'Bob');
    for (let round = 0; round < 3; round++) {
      const req = await requestThroughDirectory(w.ctx, r.admin, { providerId: p.orgId, consent: true });
      const results = await Promise.allSettled([
        decideDirectoryRequest(w.ctx, alice, { partnershipId: req.partnershipId, decision: 'approve' }),
        decideDirectoryRequest(w.ctx, bob, {
          partnershipId: req.partnershipId,
          decision: 'decline',
          reason: 'No capacity',
        }),
      ]);
      const won = results.filter((x) => x.status === 'fulfilled');
      const lost = results.filter((x): x is PromiseRejectedResult => x.status === 'rejected');
      assert.equal(won.length, 1, JSON.stringify(results));
      assert.equal(lost.length, 1);
      const e = lost[0].reason as AppError;
      assert.ok(e instanceof AppError, String(e));
      assert.equal(e.code, 'ALREADY_DECIDED');
      const row = await w.store.read.partnership.findUniqueOrThrow({ where: { id: req.partnershipId } });
      const winner = row.state === 'active' ? 'Alice' : 'Bob';
      assert.equal(e.params.by, winner);
      const decisions = await w.store.read.auditEvent.count({
        where: { entityId: req.partnershipId, action: { in: ['partnership.approved', 'partnership.declined'] } },
      });
      assert.equal(decisions, 1);
      if (row.state === 'active') break; // an active partnership cannot be requested again
    }
  });
});
