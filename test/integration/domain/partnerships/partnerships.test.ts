import assert from 'node:assert/strict';
import { authorizePartnership } from '../../../../src/domain/partnerships/authorize-partnership.js';
import { editInvitationMessage, requestPartnership } from '../../../../src/domain/partnerships/request-partnership.js';
import { withdrawProviderAdminAccess } from '../../../../src/domain/partnerships/withdraw-admin-access.js';
import { decidePartnershipEnd, requestPartnershipEnd } from '../../../../src/domain/partnerships/end-partnership.js';
import { revokeInvitation } from '../../../../src/domain/customers/invite-customer.js';
import { listPendingInvitations } from '../../../../src/domain/shared/pending-invitations.js';
import { listProviders, listResellers } from '../../../../src/domain/partnerships/partner-lists.js';
import { hashToken } from '../../../../src/domain/shared/tokens.js';
import { forEachDatabase } from '../../../support/db.js';
import { makeWorld, userWithRoles } from '../../../support/fixtures.js';
import { partner, provider, reseller, tokenOf } from '../../../support/partners.js';
import { refusedUnchanged } from '../../../support/domain-assert.js';

forEachDatabase('partnerships', (db) => {
  it('P1: the draft carries the personalised link; only the SHA-256 of its token is stored', async () => {
    const w = makeWorld(await db.fresh());
    const p = await provider(w);
    const r = await reseller(w);
    const d = await requestPartnership(w.ctx, p.admin, { resellerEmail: r.admin.email });
    assert.match(d.link, /^https:\/\/bot\.example\.test\/invite\/[A-Za-z0-9_-]{43}$/);
    assert.ok(d.message.includes(d.link));
    assert.equal(d.resellerId, r.orgId);
    const inv = await w.store.read.invitation.findUniqueOrThrow({ where: { id: d.invitationId } });
    assert.equal(inv.tokenHash, hashToken(tokenOf(d.link)));
    assert.equal(JSON.stringify(inv).includes(tokenOf(d.link)), false, 'the token itself is stored');
    const audit = await w.store.read.auditEvent.findMany({ where: { entityId: d.invitationId } });
    assert.equal(audit.length, 1);
    assert.equal(JSON.stringify(audit).includes(tokenOf(d.link)), false);
    const outbox = await w.store.read.outboxEvent.findMany({ where: { type: 'partnership.invited' } });
    assert.equal(outbox.length, 1);
    assert.equal(outbox[0].targetOrgId, r.orgId);
  });

  it('P1: refuses an edited draft that drops the link, and keeps an edit that keeps it', async () => {
    const w = makeWorld(await db.fresh());
    const p = await provider(w);
    const r = await reseller(w);
    await refusedUnchanged(w, 'LINK_MISSING', () =>
      requestPartnership(w.ctx, p.admin, {
        resellerMpnId: r.mpnId,
        message: 'Hi, please partner with us at https://bot.example.test/invite/',
      }),
    );
    const d = await requestPartnership(w.ctx, p.admin, { resellerMpnId: r.mpnId });
    await refusedUnchanged(w, 'LINK_MISSING', () =>
      editInvitationMessage(w.ctx, p.admin, { invitationId: d.invitationId, message: 'Let us work together!' }),
    );
    // a link of another invitation does not count
    const other = await requestPartnership(w.ctx, p.admin, { resellerEmail: 'someone@elsewhere.example' });
    await refusedUnchanged(w, 'LINK_MISSING', () =>
      editInvitationMessage(w.ctx, p.admin, { invitationId: d.invitationId, message: `Join: ${other.link}` }),
    );
    const edited = `Dear partner,\nplease accept: ${d.link}\nThanks`;
    await editInvitationMessage(w.ctx, p.admin, { invitationId: d.invitationId, message: edited });
    assert.equal(
      (await w.store.read.invitation.findUniqueOrThrow({ where: { id: d.invitationId } })).message,
      'Dear partner,\nplease accept: {link}\nThanks',
    );
  });

  it('P2: refuses authorisation without the consent box, changing nothing', async () => {
    const w = makeWorld(await db.fresh());
    const p = await provider(w);
    const r = await reseller(w);
    const d = await requestPartnership(w.ctx, p.admin, { resellerMpnId: r.mpnId });
    await refusedUnchanged(w, 'CONSENT_REQUIRED', () =>
      authorizePartnership(w.ctx, r.admin, { token: tokenOf(d.link), consent: false }),
    );
  });

  it('P2: authorising with consent stores the consent and is idempotent', async () => {
    const w = makeWorld(await db.fresh());
    const p = await provider(w);
    const r = await reseller(w);
    const d = await requestPartnership(w.ctx, p.admin, { resellerMpnId: r.mpnId });
    const a = await authorizePartnership(w.ctx, r.admin, { token: tokenOf(d.link), consent: true });
    assert.equal(a.created, true);
    const row = await w.store.read.partnership.findUniqueOrThrow({ where: { id: a.partnershipId } });
    assert.equal(row.state, 'active');
    assert.match(row.consentText ?? '', /administrator access/);
    assert.equal(row.authorizedByName, r.admin.name);
    const outbox = await w.store.read.outboxEvent.findMany({ where: { type: 'partnership.authorized' } });
    assert.deepEqual(outbox.map((o) => o.targetOrgId).sort(), [p.orgId, r.orgId].sort());
    const before = await w.store.read.auditEvent.count();
    const again = await authorizePartnership(w.ctx, r.admin, { token: tokenOf(d.link), consent: true });
    assert.equal(again.partnershipId, a.partnershipId);
    assert.equal(again.created, false);
    assert.equal(await w.store.read.auditEvent.count(), before);
  });

  it('P2: a link is single use, expires, and can be revoked', async () => {
    const w = makeWorld(await db.fresh());
    const p = await provider(w);
    const r = await reseller(w);
    const r2 = await reseller(w);
    const used = await requestPartnership(w.ctx, p.admin, { resellerEmail: r.admin.email });
    await authorizePartnership(w.ctx, r.admin, { token: tokenOf(used.link), consent: true });
    await refusedUnchanged(w, 'TOKEN_USED', () =>
      authorizePartnership(w.ctx, r2.admin, { token: tokenOf(used.link), consent: true }),
    );

    const revoked = await requestPartnership(w.ctx, p.admin, { resellerMpnId: r2.mpnId });
    await revokeInvitation(w.ctx, p.admin, { invitationId: revoked.invitationId });
    await refusedUnchanged(w, 'TOKEN_REVOKED', () =>
      authorizePartnership(w.ctx, r2.admin, { token: tokenOf(revoked.link), consent: true }),
    );

    const late = await requestPartnership(w.ctx, p.admin, { resellerMpnId: r2.mpnId });
    w.clock.advanceDays(30);
    await refusedUnchanged(w, 'TOKEN_EXPIRED', () =>
      authorizePartnership(w.ctx, r2.admin, { token: tokenOf(late.link), consent: true }),
    );
    await refusedUnchanged(w, 'TOKEN_INVALID', () =>
      authorizePartnership(w.ctx, r2.admin, { token: 'A'.repeat(43), consent: true }),
    );
  });

  it('P2: asking again revokes the earlier link so only the newest works', async () => {
    const w = makeWorld(await db.fresh());
    const p = await provider(w);
    const r = await reseller(w);
    const first = await requestPartnership(w.ctx, p.admin, { resellerMpnId: r.mpnId });
    const second = await requestPartnership(w.ctx, p.admin, { resellerMpnId: r.mpnId });
    await refusedUnchanged(w, 'TOKEN_REVOKED', () =>
      authorizePartnership(w.ctx, r.admin, { token: tokenOf(first.link), consent: true }),
    );
    assert.equal(
      (await authorizePartnership(w.ctx, r.admin, { token: tokenOf(second.link), consent: true })).created,
      true,
    );
  });

  it("P3: the reseller withdraws the provider's admin access and the partnership stays", async () => {
    const w = makeWorld(await db.fresh());
    const p = await provider(w);
    const r = await reseller(w);
    const id = await partner(w, p, r);
    await refusedUnchanged(w, 'NOT_FOUND', () => withdrawProviderAdminAccess(w.ctx, p.admin, { partnershipId: id }));
    const res = await withdrawProviderAdminAccess(w.ctx, r.admin, { partnershipId: id });
    assert.equal(res.state, 'active');
    const again = await withdrawProviderAdminAccess(w.ctx, r.admin, { partnershipId: id });
    assert.equal(again.adminAccessWithdrawnAt.getTime(), res.adminAccessWithdrawnAt.getTime());
    const providers = await listProviders(w.ctx, r.admin);
    assert.equal(providers.items.length, 1);
    assert.equal(providers.items[0].adminAccessWithdrawn, true);
    assert.equal(await w.store.read.outboxEvent.count({ where: { type: 'partnership.admin_access_withdrawn' } }), 2);
  });

  it("P4: once accepted, each side lists the other (with the reseller's MPA state, M2)", async () => {
    const w = makeWorld(await db.fresh());
    const p = await provider(w);
    const r = await reseller(w);
    const unsigned = await reseller(w, { mpa: false });
    await partner(w, p, r);
    await partner(w, p, unsigned);
    const providers = await listProviders(w.ctx, r.admin);
    assert.deepEqual(
      providers.items.map((i) => i.providerId),
      [p.orgId],
    );
    const resellers = await listResellers(w.ctx, p.admin);
    const byId = new Map(resellers.items.map((i) => [i.resellerId, i]));
    assert.equal(byId.get(r.orgId)?.mpaSigned, true);
    assert.equal(byId.get(unsigned.orgId)?.mpaSigned, false);
    // listed partners are partners: asking again by MPN ID is refused (by email it is answered as an
    // unknown address, so as not to reveal whom the address belongs to: email-privacy.test.ts)
    await refusedUnchanged(w, 'PARTNERSHIP_EXISTS', () =>
      requestPartnership(w.ctx, p.admin, { resellerMpnId: r.mpnId }),
    );
  });

  it('P5: refuses to partner with an organisation not enrolled as an indirect reseller', async () => {
    const w = makeWorld(await db.fresh());
    const p = await provider(w);
    const other = await provider(w);
    await refusedUnchanged(w, 'NOT_INDIRECT_RESELLER', () =>
      requestPartnership(w.ctx, p.admin, { resellerMpnId: other.mpnId }),
    );
    // by email the organisation is not known yet: the check happens when the link is used
    const d = await requestPartnership(w.ctx, p.admin, { resellerEmail: 'new.person@unknown.example' });
    await refusedUnchanged(w, 'NOT_INDIRECT_RESELLER', () =>
      authorizePartnership(w.ctx, other.admin, { token: tokenOf(d.link), consent: true }),
    );
    const r = await reseller(w);
    const r2 = await reseller(w);
    // P1: only an indirect provider asks
    await refusedUnchanged(w, 'NOT_INDIRECT_PROVIDER', () =>
      requestPartnership(w.ctx, r.admin, { resellerMpnId: r2.mpnId }),
    );
  });

  it('P6: refuses a partnership across regions, at request and at authorisation', async () => {
    const w = makeWorld(await db.fresh());
    const p = await provider(w, { country: 'KR' });
    const jp = await reseller(w, { country: 'JP' });
    await refusedUnchanged(w, 'REGION_MISMATCH', () => requestPartnership(w.ctx, p.admin, { resellerMpnId: jp.mpnId }));
    const d = await requestPartnership(w.ctx, p.admin, { resellerEmail: 'someone@unknown.example' });
    await refusedUnchanged(w, 'REGION_MISMATCH', () =>
      authorizePartnership(w.ctx, jp.admin, { token: tokenOf(d.link), consent: true }),
    );
    // two countries of the European region may partner
    const de = await provider(w, { country: 'DE' });
    const fr = await reseller(w, { country: 'FR' });
    assert.ok(await partner(w, de, fr));
  });

  it('P7: ending is a request; the partnership stays until the program administrator decides', async () => {
    const w = makeWorld(await db.fresh());
    const p = await provider(w);
    const r = await reseller(w);
    const id = await partner(w, p, r);
    await refusedUnchanged(w, 'VALIDATION', () =>
      requestPartnershipEnd(w.ctx, r.admin, { partnershipId: id, reason: '' }),
    );
    const req = await requestPartnershipEnd(w.ctx, r.admin, {
      partnershipId: id,
      reason: 'We move to another provider',
    });
    assert.equal(req.state, 'end_requested');
    assert.equal(
      (await requestPartnershipEnd(w.ctx, p.admin, { partnershipId: id, reason: 'again' })).endRequestedAt.getTime(),
      req.endRequestedAt.getTime(),
    );
    assert.equal((await listProviders(w.ctx, r.admin)).items.length, 1, 'still listed while pending');
    // not self-service: neither partner can carry it out
    await refusedUnchanged(w, 'PROGRAM_ADMIN_REQUIRED', () =>
      decidePartnershipEnd(w.ctx, p.admin, { partnershipId: id, decision: 'approve' }),
    );
    await refusedUnchanged(w, 'REASON_REQUIRED', () =>
      decidePartnershipEnd(w.ctx, w.programAdmin, { partnershipId: id, decision: 'decline' }),
    );
    const done = await decidePartnershipEnd(w.ctx, w.programAdmin, { partnershipId: id, decision: 'approve' });
    assert.equal(done.state, 'ended');
    assert.equal(
      (
        await decidePartnershipEnd(w.ctx, w.programAdmin, { partnershipId: id, decision: 'approve' })
      ).decidedAt.getTime(),
      done.decidedAt.getTime(),
    );
    assert.equal((await listProviders(w.ctx, r.admin)).items.length, 0);
    assert.equal((await listResellers(w.ctx, p.admin)).items.length, 0);
    const events = await w.store.read.outboxEvent.findMany({
      where: { type: { in: ['partnership.end_requested', 'partnership.end_decided'] } },
    });
    assert.ok(
      events.some((e) => e.userRef === `aad:${w.programAdmin.aadObjectId}`),
      'the program administrator is told',
    );
    // after ending, they may partner again
    assert.ok(await partner(w, p, r));
  });

  it('P7: a second administrator deciding the same end request gets ALREADY_DECIDED naming who decided', async () => {
    const w = makeWorld(await db.fresh());
    const second = { ...w.programAdmin, aadObjectId: 'second-admin', name: 'Second Admin' };
    const ctx = { ...w.ctx, programAdmins: [w.programAdmin.aadObjectId, second.aadObjectId] };
    const p = await provider(w);
    const r = await reseller(w);
    const id = await partner(w, p, r);
    await requestPartnershipEnd(w.ctx, p.admin, { partnershipId: id, reason: 'Closing the reseller programme' });
    await decidePartnershipEnd(ctx, w.programAdmin, {
      partnershipId: id,
      decision: 'decline',
      reason: 'Customers still depend on it',
    });
    const e = await refusedUnchanged(w, 'ALREADY_DECIDED', () =>
      decidePartnershipEnd(ctx, second, { partnershipId: id, decision: 'approve' }),
    );
    assert.equal(e.params.by, w.programAdmin.name);
    assert.equal((await w.store.read.partnership.findUniqueOrThrow({ where: { id } })).state, 'active');
  });

  it('P8: a reseller partners with several providers; a second partnership with one provider is refused', async () => {
    const w = makeWorld(await db.fresh());
    const p1 = await provider(w);
    const p2 = await provider(w);
    const r = await reseller(w);
    await partner(w, p1, r);
    await partner(w, p2, r);
    assert.equal((await listProviders(w.ctx, r.admin)).items.length, 2);
    await refusedUnchanged(w, 'PARTNERSHIP_EXISTS', () =>
      requestPartnership(w.ctx, p1.admin, { resellerMpnId: r.mpnId }),
    );
  });

  it('U3: a helpdesk agent cannot request a partnership; a sales agent can', async () => {
    const w = makeWorld(await db.fresh());
    const p = await provider(w);
    const r = await reseller(w);
    const helpdesk = await userWithRoles(w, p, ['helpdesk_agent']);
    const sales = await userWithRoles(w, p, ['sales_agent']);
    await refusedUnchanged(w, 'ROLE_REQUIRED', () => requestPartnership(w.ctx, helpdesk, { resellerMpnId: r.mpnId }));
    assert.ok((await requestPartnership(w.ctx, sales, { resellerMpnId: r.mpnId })).link);
    const pending = await listPendingInvitations(w.ctx, p.admin);
    assert.equal(pending.items.length, 1);
  });

  it('P2: concurrent uses of one link by the reseller create one partnership; another reseller gets TOKEN_USED', async () => {
    const w = makeWorld(await db.fresh());
    const p = await provider(w);
    const r = await reseller(w);
    const other = await reseller(w);
    const d = await requestPartnership(w.ctx, p.admin, { resellerEmail: 'sales@unknown.example' });
    const token = tokenOf(d.link);
    const results = await Promise.allSettled([
      authorizePartnership(w.ctx, r.admin, { token, consent: true }),
      authorizePartnership(w.ctx, r.admin, { token, consent: true }),
      authorizePartnership(w.ctx, other.admin, { token, consent: true }),
    ]);
    const ok = results.filter((x) => x.status === 'fulfilled');
    const failed = results.filter((x): x is PromiseRejectedResult => x.status === 'rejected');
    assert.equal(await w.store.read.partnership.count(), 1);
    const row = await w.store.read.partnership.findFirstOrThrow();
    // whoever claimed the link first got it; every other attempt is refused or returns the same partnership
    for (const f of failed) assert.equal((f.reason as { code?: string }).code, 'TOKEN_USED');
    for (const s of ok)
      assert.equal((s as PromiseFulfilledResult<{ partnershipId: string }>).value.partnershipId, row.id);
    assert.equal(await w.store.read.auditEvent.count({ where: { action: 'partnership.authorized' } }), 1);
  });
});
