import assert from 'node:assert/strict';
import { searchDirectory } from '../../../../src/domain/directory/directory.js';
import {
  decideChangeRequest,
  listListings,
  saveListing,
  setListingListed,
} from '../../../../src/domain/directory/listings.js';
import { requestListingChange, viewOwnListing } from '../../../../src/domain/directory/own-listing.js';
import { updateBusinessProfile, viewBusinessProfile } from '../../../../src/domain/users/update-business-profile.js';
import { forEachDatabase } from '../../../support/db.js';
import { makeActor, makeWorld, userWithRoles, type World } from '../../../support/fixtures.js';
import { provider, reseller } from '../../../support/partners.js';
import { refusedUnchanged } from '../../../support/domain-assert.js';

const fields = {
  displayName: 'Contoso Cloud Korea',
  regions: ['korea', 'japan'] as ('korea' | 'japan')[],
  services: ['azure', 'm365'],
  summary: 'Azure and Microsoft 365 for resellers',
  contactEmail: 'listing@contoso.example',
  contactPhone: '+82 2 555 0100',
  website: 'https://contoso.example',
};

async function outbox(w: World, type: string): Promise<{ userRef: string | null; targetOrgId: string | null }[]> {
  return w.store.read.outboxEvent.findMany({ where: { type }, select: { userRef: true, targetOrgId: true } });
}

forEachDatabase('directory listings (program administrator) and change requests', (db) => {
  it('P10: the administrator creates a listing with its own name and regions; search finds it at once', async () => {
    const w = makeWorld(await db.fresh());
    const p = await provider(w, { legalName: 'Contoso Holdings Ltd.' });
    const r = await reseller(w);
    const before = await listListings(w.ctx, w.programAdmin);
    assert.deepEqual(
      before.candidates.map((c) => c.orgId),
      [p.orgId],
      'an enrolled provider without a listing is offered',
    );
    const saved = await saveListing(w.ctx, w.programAdmin, { orgId: p.orgId, ...fields });
    assert.equal(saved.created, true);
    const found = await searchDirectory(w.ctx, r.admin, { name: 'cloud korea' });
    assert.deepEqual(
      found.items.map((i) => [i.name, i.legalName, i.regions]),
      [['Contoso Cloud Korea', 'Contoso Holdings Ltd.', ['korea', 'japan']]],
    );
    assert.equal((await searchDirectory(w.ctx, r.admin, { name: 'holdings' })).items.length, 1, 'legal name too');
    assert.equal((await searchDirectory(w.ctx, r.admin, { region: 'japan' })).items.length, 1, 'regions served');
    assert.equal((await searchDirectory(w.ctx, r.admin, { region: 'europe' })).items.length, 0);
    const after = await listListings(w.ctx, w.programAdmin);
    assert.equal(after.candidates.length, 0);
    assert.equal(after.items[0]?.displayName, 'Contoso Cloud Korea');
    const audits = await w.store.read.auditEvent.count({ where: { action: 'directory.profile_set' } });
    assert.equal(audits, 1);
  });

  it('P10: withdraw hides a listing from search and restore brings it back; repeats change nothing', async () => {
    const w = makeWorld(await db.fresh());
    const p = await provider(w);
    const r = await reseller(w);
    await saveListing(w.ctx, w.programAdmin, { orgId: p.orgId, ...fields });
    const off = await setListingListed(w.ctx, w.programAdmin, { orgId: p.orgId, listed: false });
    assert.equal(off.changed, true);
    assert.equal((await searchDirectory(w.ctx, r.admin, {})).items.length, 0);
    const again = await setListingListed(w.ctx, w.programAdmin, { orgId: p.orgId, listed: false });
    assert.equal(again.changed, false);
    const page = await listListings(w.ctx, w.programAdmin);
    assert.equal(page.items[0]?.listed, false, 'withdrawn listings stay on the administrator’s list');
    // an edit keeps it withdrawn
    await saveListing(w.ctx, w.programAdmin, { orgId: p.orgId, ...fields, displayName: 'Renamed' });
    assert.equal((await searchDirectory(w.ctx, r.admin, {})).items.length, 0);
    await setListingListed(w.ctx, w.programAdmin, { orgId: p.orgId, listed: true });
    assert.deepEqual(
      (await searchDirectory(w.ctx, r.admin, {})).items.map((i) => i.name),
      ['Renamed'],
    );
    assert.equal(await w.store.read.auditEvent.count({ where: { action: { startsWith: 'directory.listing_' } } }), 2);
  });

  it('U3/P10: providers and resellers cannot use the administrator’s console', async () => {
    const w = makeWorld(await db.fresh());
    const p = await provider(w);
    await refusedUnchanged(w, 'PROGRAM_ADMIN_REQUIRED', () =>
      saveListing(w.ctx, p.admin, { orgId: p.orgId, ...fields }),
    );
    await refusedUnchanged(w, 'PROGRAM_ADMIN_REQUIRED', () => listListings(w.ctx, p.admin));
    await refusedUnchanged(w, 'PROGRAM_ADMIN_REQUIRED', () =>
      setListingListed(w.ctx, p.admin, { orgId: p.orgId, listed: false }),
    );
  });

  it('P10: bad listing input is refused and changes nothing', async () => {
    const w = makeWorld(await db.fresh());
    const p = await provider(w);
    await refusedUnchanged(w, 'VALIDATION', () =>
      saveListing(w.ctx, w.programAdmin, { orgId: p.orgId, ...fields, contactEmail: 'not an address' }),
    );
    await refusedUnchanged(w, 'VALIDATION', () =>
      saveListing(w.ctx, w.programAdmin, { orgId: p.orgId, ...fields, regions: [] }),
    );
    await refusedUnchanged(w, 'VALIDATION', () =>
      requestListingChange(w.ctx, p.admin, { ...fields, website: 'javascript:alert(1)x' }),
    );
  });

  it('P10: a provider’s request changes nothing until an administrator approves; a new one replaces the pending one', async () => {
    const w = makeWorld(await db.fresh());
    const p = await provider(w, { legalName: 'Fabrikam Ltd.' });
    const r = await reseller(w);
    await saveListing(w.ctx, w.programAdmin, { orgId: p.orgId, ...fields, displayName: 'Fabrikam' });
    const first = await requestListingChange(w.ctx, p.admin, { ...fields, displayName: 'Fabrikam One' });
    const second = await requestListingChange(w.ctx, p.admin, { ...fields, displayName: 'Fabrikam Two' });
    assert.equal(second.requestId, first.requestId, 'one pending request per provider');
    assert.equal(second.replaced, true);
    assert.equal(await w.store.read.directoryChangeRequest.count(), 1);
    assert.deepEqual(
      (await searchDirectory(w.ctx, r.admin, {})).items.map((i) => i.name),
      ['Fabrikam'],
      'unchanged before approval',
    );
    const own = await viewOwnListing(w.ctx, p.admin);
    assert.equal(own.pending?.displayName, 'Fabrikam Two');
    const cards = await outbox(w, 'directory.change_requested');
    assert.ok(cards.length >= 1);
    assert.ok(
      cards.every((c) => c.userRef === `aad:${w.programAdmin.aadObjectId}`),
      'to the program administrators',
    );

    const decided = await decideChangeRequest(w.ctx, w.programAdmin, {
      requestId: first.requestId,
      decision: 'approve',
    });
    assert.equal(decided.state, 'approved');
    assert.deepEqual(
      (await searchDirectory(w.ctx, r.admin, {})).items.map((i) => i.name),
      ['Fabrikam Two'],
    );
    const told = await outbox(w, 'directory.change_decided');
    assert.ok(
      told.some((t) => t.userRef === `aad:${p.admin.aadObjectId}`),
      'the requester in personal chat',
    );
    assert.ok(
      told.some((t) => t.targetOrgId === p.orgId),
      'and the provider’s channel',
    );
    // a later request is a new row
    const third = await requestListingChange(w.ctx, p.admin, fields);
    assert.notEqual(third.requestId, first.requestId);
  });

  it('P10: decline leaves the listing; a second administrator sees who decided; the same one repeating is idempotent', async () => {
    const w = makeWorld(await db.fresh());
    const other = makeActor({ name: 'Second Admin' });
    Object.assign(w.ctx, { programAdmins: [...w.ctx.programAdmins, other.aadObjectId] });
    const p = await provider(w);
    const req = await requestListingChange(w.ctx, p.admin, fields);
    const d = await decideChangeRequest(w.ctx, w.programAdmin, {
      requestId: req.requestId,
      decision: 'decline',
      reason: 'Use your legal name',
    });
    assert.equal(d.state, 'declined');
    assert.equal(await w.store.read.directoryProfile.count(), 0, 'no listing was created');
    const again = await decideChangeRequest(w.ctx, w.programAdmin, { requestId: req.requestId, decision: 'decline' });
    assert.equal(again.changed, false);
    const e = await refusedUnchanged(w, 'ALREADY_DECIDED', () =>
      decideChangeRequest(w.ctx, other, { requestId: req.requestId, decision: 'approve' }),
    );
    assert.equal(e.params.by, 'Program Admin');
    assert.equal(e.params.decision, 'declined');
  });

  it('P10: two administrators deciding at once: exactly one decision lands', async () => {
    const w = makeWorld(await db.fresh());
    const other = makeActor({ name: 'Second Admin' });
    Object.assign(w.ctx, { programAdmins: [...w.ctx.programAdmins, other.aadObjectId] });
    const p = await provider(w);
    const req = await requestListingChange(w.ctx, p.admin, fields);
    const results = await Promise.allSettled([
      decideChangeRequest(w.ctx, w.programAdmin, { requestId: req.requestId, decision: 'approve' }),
      decideChangeRequest(w.ctx, other, { requestId: req.requestId, decision: 'decline' }),
    ]);
    assert.equal(results.filter((x) => x.status === 'fulfilled').length, 1);
    assert.equal((await w.store.read.outboxEvent.count({ where: { type: 'directory.change_decided' } })) > 0, true);
    assert.equal(
      await w.store.read.auditEvent.count({
        where: { action: { in: ['directory.change_approved', 'directory.change_declined'] } },
      }),
      1,
    );
  });

  it('P10: two people of one provider asking at once leave exactly one pending request', async () => {
    const w = makeWorld(await db.fresh());
    const p = await provider(w);
    const bpa = await userWithRoles(w, p, ['business_profile_admin']);
    const results = await Promise.all([
      requestListingChange(w.ctx, p.admin, { ...fields, displayName: 'From the admin' }),
      requestListingChange(w.ctx, bpa, { ...fields, displayName: 'From the profile admin' }),
    ]);
    assert.equal(results[0].requestId, results[1].requestId);
    assert.equal(await w.store.read.directoryChangeRequest.count({ where: { state: 'pending' } }), 1);
    assert.equal(await w.store.read.auditEvent.count({ where: { action: 'directory.change_requested' } }), 2);
  });

  it('U3/P10: only the global admin, admin agent or business-profile admin asks; a reseller is not a provider', async () => {
    const w = makeWorld(await db.fresh());
    const p = await provider(w);
    const sales = await userWithRoles(w, p, ['sales_agent']);
    await refusedUnchanged(w, 'ROLE_REQUIRED', () => requestListingChange(w.ctx, sales, fields));
    const bpa = await userWithRoles(w, p, ['business_profile_admin']);
    assert.ok((await requestListingChange(w.ctx, bpa, fields)).requestId);
    const r = await reseller(w);
    await refusedUnchanged(w, 'NOT_INDIRECT_PROVIDER', () => requestListingChange(w.ctx, r.admin, fields));
    await refusedUnchanged(w, 'PROGRAM_ADMIN_REQUIRED', () =>
      decideChangeRequest(w.ctx, p.admin, { requestId: 'x', decision: 'approve' }),
    );
  });

  it('U4: the business-profile admin edits the profile; a provider may send its contact to its listing (P10)', async () => {
    const w = makeWorld(await db.fresh());
    const p = await provider(w);
    const bpa = await userWithRoles(w, p, ['business_profile_admin']);
    const view = await viewBusinessProfile(w.ctx, bpa);
    assert.equal(view.isProvider, true);
    const updated = await updateBusinessProfile(w.ctx, bpa, {
      address: { line1: '1 New Street', city: 'Seoul', postalCode: '04524' },
      supportContact: {
        email: 'help@contoso.example',
        phone: '+82 2 555 0199',
        website: 'https://help.contoso.example',
      },
      toDirectory: true,
    });
    assert.equal(updated.changed, true);
    assert.ok(updated.directoryRequestId);
    const req = await w.store.read.directoryChangeRequest.findUniqueOrThrow({
      where: { id: updated.directoryRequestId },
    });
    assert.equal(req.contactEmail, 'help@contoso.example');
    assert.equal(req.state, 'pending');
    assert.equal(await w.store.read.directoryProfile.count(), 0, 'the listing waits for the administrator');
    const sales = await userWithRoles(w, p, ['sales_agent']);
    await refusedUnchanged(w, 'ROLE_REQUIRED', () => viewBusinessProfile(w.ctx, sales));
    await refusedUnchanged(w, 'ROLE_REQUIRED', () =>
      updateBusinessProfile(w.ctx, sales, { address: { line1: 'x', city: 'y', postalCode: '1' } }),
    );
  });

  it('U4: a reseller cannot send its profile to a directory listing; nothing changes', async () => {
    const w = makeWorld(await db.fresh());
    const r = await reseller(w);
    await refusedUnchanged(w, 'NOT_INDIRECT_PROVIDER', () =>
      updateBusinessProfile(w.ctx, r.admin, {
        address: { line1: '9 Other Road', city: 'Busan', postalCode: '48000' },
        toDirectory: true,
      }),
    );
  });
});
