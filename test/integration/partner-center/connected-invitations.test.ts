/**
 * Issue 17 item 1, C2/C3 in connected mode, through the local Partner Center: the customer invitation link is
 * Partner Center's own (`GET /v1/customers/relationshiprequests`, with indirectCloudSolutionProviderId naming the
 * provider for C3), and the editable draft keeps it. An embedded or unlinked reseller keeps minting its own links.
 * SQLite, and PostgreSQL with TEST_DATABASE_URL.
 */
import assert from 'node:assert/strict';
import { inviteCustomer } from '../../../src/domain/customers/invite-customer.js';
import { editInvitationMessage } from '../../../src/domain/partnerships/request-partnership.js';
import { forEachDatabase } from '../../support/db.js';
import { refusedUnchanged } from '../../support/domain-assert.js';
import { LocalPartnerCenter } from '../../support/partner-center/server.js';
import { connectedSetup, linkOrg } from './connected-support.js';

const LINK_ROUTE = '/v1/customers/relationshiprequests';

forEachDatabase('Partner Center port, connected mode: customer invitation links (C2, C3; issue 17)', (db) => {
  let stub: LocalPartnerCenter;
  beforeEach(async () => {
    stub = await LocalPartnerCenter.start();
  });
  afterEach(async () => {
    await stub.stop();
  });

  it("C2: a connected reseller's invitation carries Partner Center's relationship request link; the edited draft must keep it", async () => {
    const s = await connectedSetup(db, stub);
    await linkOrg(s.w, s.r, 'connected');
    const draft = await inviteCustomer(s.w.ctx, s.r.admin, { toEmail: 'it@wingtip.example' });
    const url = new URL(draft.link);
    assert.equal(url.origin, 'https://admin.microsoft.com');
    assert.equal(url.searchParams.get('invType'), 'ResellerRelationship');
    assert.equal(url.searchParams.get('partnerId'), stub.world.partner.tenantId);
    assert.ok(draft.message.includes(draft.link), 'the draft holds the link');
    const [asked] = stub.requestsTo(LINK_ROUTE);
    assert.ok(asked, 'asked Partner Center for the link');
    assert.deepEqual(asked.query, {});

    const row = await s.w.store.read.invitation.findUniqueOrThrow({ where: { id: draft.invitationId } });
    assert.equal(row.partnerCenterLink, draft.link);
    assert.equal(row.kind, 'customer');
    assert.ok(row.message.includes('{link}') && !row.message.includes(draft.link));

    // C2: the text is free, the link must stay
    await refusedUnchanged(s.w, 'LINK_MISSING', () =>
      editInvitationMessage(s.w.ctx, s.r.admin, { invitationId: draft.invitationId, message: 'Please accept.' }),
    );
    const edited = `Hello Wingtip, please accept us as your partner: ${draft.link}`;
    const saved = await editInvitationMessage(s.w.ctx, s.r.admin, {
      invitationId: draft.invitationId,
      message: edited,
    });
    assert.equal(saved.message, edited);
    await refusedUnchanged(s.w, 'LINK_MISSING', () =>
      inviteCustomer(s.w.ctx, s.r.admin, { message: `Please accept: ${s.w.ctx.publicBaseUrl}/invite/x` }),
    );
  });

  it('C3: with one of its providers, the link names the provider (indirectCloudSolutionProviderId = its tenant)', async () => {
    const s = await connectedSetup(db, stub);
    await linkOrg(s.w, s.r, 'connected');
    stub.world.withIndirectProvider({ name: s.p.legalName, mpnId: s.p.mpnId, tenantId: s.p.tenantId });
    const draft = await inviteCustomer(s.w.ctx, s.r.admin, { providerId: s.p.orgId });
    assert.equal(draft.kind, 'customer_with_provider');
    assert.equal(new URL(draft.link).searchParams.get('indirectCSPId'), s.p.tenantId);
    assert.deepEqual(stub.requestsTo(LINK_ROUTE).at(-1)?.query, { indirectCloudSolutionProviderId: s.p.tenantId });
    assert.ok(draft.message.includes(s.p.legalName) && draft.message.includes(draft.link));
  });

  it('C3: Partner Center refusing the provider, or not answering, leaves nothing behind (PC_REFUSED, PC_UNAVAILABLE)', async () => {
    const s = await connectedSetup(db, stub);
    await linkOrg(s.w, s.r, 'connected');
    // the provider is not one of the reseller's indirect providers in Partner Center (its code 800002)
    const e = await refusedUnchanged(s.w, 'PC_REFUSED', () =>
      inviteCustomer(s.w.ctx, s.r.admin, { providerId: s.p.orgId }),
    );
    assert.deepEqual(e.params, {});
    stub.outage(60_000);
    await refusedUnchanged(s.w, 'PC_UNAVAILABLE', () => inviteCustomer(s.w.ctx, s.r.admin, {}));
  });

  it('L5, C2: an unlinked or embedded reseller mints its own link, and Partner Center is never asked', async () => {
    const s = await connectedSetup(db, stub);
    const own = await inviteCustomer(s.w.ctx, s.r.admin, {});
    assert.ok(own.link.startsWith(`${s.w.ctx.publicBaseUrl}/invite/`));
    await linkOrg(s.w, s.r, 'embedded');
    const still = await inviteCustomer(s.w.ctx, s.r.admin, {});
    assert.ok(still.link.startsWith(`${s.w.ctx.publicBaseUrl}/invite/`));
    const row = await s.w.store.read.invitation.findUniqueOrThrow({ where: { id: still.invitationId } });
    assert.equal(row.partnerCenterLink, null);
    assert.equal(stub.requestsTo(LINK_ROUTE).length, 0);
  });
});
