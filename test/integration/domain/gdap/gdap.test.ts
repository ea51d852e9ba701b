/**
 * Issue 18 (docs/gdap.md): each G rule through the domain's use cases, on a real SQLite file and, with
 * TEST_DATABASE_URL, on PostgreSQL. Test titles start with the rule id they check.
 */
import assert from 'node:assert/strict';
import { requestGdap } from '../../../../src/domain/gdap/request-gdap.js';
import { renewGdap } from '../../../../src/domain/gdap/renew-gdap.js';
import { answerGdapAsReseller } from '../../../../src/domain/gdap/reseller-consent.js';
import { respondToGdapApproval, viewGdapApproval } from '../../../../src/domain/gdap/gdap-approval.js';
import { addAccessAssignment, removeAccessAssignment } from '../../../../src/domain/gdap/access-assignments.js';
import { terminateGdap } from '../../../../src/domain/gdap/terminate-gdap.js';
import { gdapCustomerOptions, gdapDetail, listGdap } from '../../../../src/domain/gdap/gdap-views.js';
import { sweepGdap } from '../../../../src/domain/gdap/sweep-gdap.js';
import { GLOBAL_ADMINISTRATOR_ROLE_ID } from '../../../../src/domain/gdap/role-templates.js';
import { gdapFor, embeddedGdap, type GdapPort } from '../../../../src/domain/gdap/port.js';
import { describeError } from '../../../../src/domain/shared/describe-error.js';
import { hashToken } from '../../../../src/domain/shared/tokens.js';
import type { ErrorCode } from '../../../../src/domain/shared/errors.js';
import type { Actor } from '../../../../src/domain/shared/context.js';
import type { Store } from '../../../../src/domain/shared/store.js';
import { forEachDatabase } from '../../../support/db.js';
import { makeWorld, userWithRoles, type World } from '../../../support/fixtures.js';
import { customerOf, customerSigner, partner, provider, reseller, tokenOf } from '../../../support/partners.js';
import { rejectsWith } from '../../../support/domain-assert.js';
import { entraRoleTemplates } from '../../../../src/domain/customers/customer-rules.js';

const HELPDESK = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
const LICENSE = '4d6ac14f-3453-41d0-bef9-a3e0c569773a';
const SECURITY_READER = '5d6b6bb7-de71-4623-b4af-96380a352509';
const GROUP = '0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0';

/** Everything a GDAP use case writes: equal before and after means nothing was written. */
async function gdapSnapshot(store: Store): Promise<unknown> {
  const r = store.read;
  const byId = { orderBy: { id: 'asc' as const } };
  return {
    relationships: await r.gdapRelationship.findMany(byId),
    assignments: await r.gdapAccessAssignment.findMany(byId),
    outbox: await r.outboxEvent.count(),
    audit: await r.auditEvent.count(),
  };
}

async function refused(w: World, code: ErrorCode, act: () => Promise<unknown>) {
  const before = await gdapSnapshot(w.store);
  const e = await rejectsWith(act(), code);
  assert.deepEqual(await gdapSnapshot(w.store), before, 'the database changed');
  return e;
}

async function outboxTypes(w: World, relationshipId: string): Promise<string[]> {
  const rows = await w.store.read.outboxEvent.findMany({
    where: { idempotencyKey: { contains: relationshipId } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map((r) => `${r.type}→${r.targetOrgId ?? r.userRef ?? ''}`);
}

/** A reseller with one customer (its own reseller relationship: one-tier). */
async function resellerWithCustomer(w: World) {
  const r = await reseller(w);
  const c = await customerOf(w, r);
  return { r, customerId: c.customerId, customerAdmin: c.actor };
}

function request(w: World, who: Actor, customerId: string, extra: Record<string, unknown> = {}) {
  return requestGdap(w.ctx, who, {
    customerId,
    roleTemplateIds: [HELPDESK, LICENSE],
    durationDays: 730,
    autoExtendDays: 0,
    ...extra,
  });
}

forEachDatabase('GDAP rules (domain)', (db) => {
  it('G1: a display name of at most 50 characters, unique per partner organisation whatever its case', async () => {
    const w = makeWorld(await db.fresh());
    const { r, customerId } = await resellerWithCustomer(w);
    await refused(w, 'VALIDATION', () => request(w, r.admin, customerId, { displayName: 'x'.repeat(51) }));
    const ok = await request(w, r.admin, customerId, { displayName: '  Wingtip   helpdesk ' });
    assert.equal(ok.displayName, 'Wingtip helpdesk');
    const e = await refused(w, 'GDAP_NAME_TAKEN', () =>
      request(w, r.admin, customerId, { displayName: 'WINGTIP HELPDESK' }),
    );
    assert.match(describeError('en-US', e), /already has a GDAP relationship named “WINGTIP HELPDESK”/);
    // another organisation may use the same name
    const other = await resellerWithCustomer(w);
    await request(w, other.r.admin, other.customerId, { displayName: 'Wingtip helpdesk' });
    // no name: the customer's name and the date, at most 50 characters
    const suggested = await request(w, r.admin, customerId);
    assert.ok(suggested.displayName.length <= 50);
    assert.match(suggested.displayName, /2026-03-02$/);
  });

  it('G2: only a global admin or an admin agent requests, terminates and assigns; the refusal names those roles', async () => {
    const w = makeWorld(await db.fresh());
    const { r, customerId } = await resellerWithCustomer(w);
    const sales = await userWithRoles(w, r, ['sales_agent']);
    const e = await refused(w, 'ROLE_REQUIRED', () => request(w, sales, customerId));
    assert.match(describeError('en-US', e), /global admin, admin agent/);
    assert.match(describeError('ko-KR', e), /전역 관리자, 관리 에이전트/);
    const agent = await userWithRoles(w, r, ['admin_agent']);
    const ok = await request(w, agent, customerId);
    await refused(w, 'ROLE_REQUIRED', () => terminateGdap(w.ctx, sales, { relationshipId: ok.relationshipId }));
    // every member reads the list and the card, without the manage buttons
    const list = await listGdap(w.ctx, sales, {});
    assert.deepEqual(
      list.items.map((i) => i.id),
      [ok.relationshipId],
    );
    const card = await gdapDetail(w.ctx, sales, { relationshipId: ok.relationshipId });
    assert.equal(card.mayManage, false);
    // another organisation cannot see it
    const stranger = await resellerWithCustomer(w);
    await rejectsWith(gdapDetail(w.ctx, stranger.r.admin, { relationshipId: ok.relationshipId }), 'NOT_FOUND');
  });

  it('G3: at least one role, each an Entra built-in role template; duplicates count once, in catalogue order', async () => {
    const w = makeWorld(await db.fresh());
    const { r, customerId } = await resellerWithCustomer(w);
    await refused(w, 'VALIDATION', () => request(w, r.admin, customerId, { roleTemplateIds: [] }));
    await refused(w, 'VALIDATION', () =>
      request(w, r.admin, customerId, { roleTemplateIds: ['00000000-0000-0000-0000-000000000000'] }),
    );
    const ok = await request(w, r.admin, customerId, { roleTemplateIds: [SECURITY_READER, HELPDESK, HELPDESK] });
    const row = await w.store.read.gdapRelationship.findUniqueOrThrow({ where: { id: ok.relationshipId } });
    assert.equal(row.roleTemplateIds, `${HELPDESK},${SECURITY_READER}`);
  });

  it('G4: the duration is 1 to 730 whole days', async () => {
    const w = makeWorld(await db.fresh());
    const { r, customerId } = await resellerWithCustomer(w);
    for (const bad of [0, 731, 1.5, 'forever']) {
      await refused(w, 'VALIDATION', () => request(w, r.admin, customerId, { durationDays: bad }));
    }
    await request(w, r.admin, customerId, { durationDays: 1 });
    await request(w, r.admin, customerId, { durationDays: '730' });
  });

  it('G5: auto-extend is 0 or 180 days and refused with Global Administrator; at its end it runs 180 more days', async () => {
    const w = makeWorld(await db.fresh());
    const { r, customerId, customerAdmin } = await resellerWithCustomer(w);
    await refused(w, 'VALIDATION', () => request(w, r.admin, customerId, { autoExtendDays: 90 }));
    const e = await refused(w, 'GDAP_AUTO_EXTEND_GLOBAL_ADMIN', () =>
      request(w, r.admin, customerId, { roleTemplateIds: [GLOBAL_ADMINISTRATOR_ROLE_ID], autoExtendDays: 180 }),
    );
    assert.match(describeError('ko-KR', e), /자동 연장/);
    await request(w, r.admin, customerId, { roleTemplateIds: [GLOBAL_ADMINISTRATOR_ROLE_ID], autoExtendDays: 0 });
    const ext = await request(w, r.admin, customerId, { durationDays: 10, autoExtendDays: 180 });
    await respondToGdapApproval(w.ctx, customerAdmin, { token: tokenOf(ext.approvalLink), decision: 'approve' });
    w.clock.advanceDays(11);
    const swept = await sweepGdap(w.ctx);
    assert.equal(swept.extended, 1);
    const row = await w.store.read.gdapRelationship.findUniqueOrThrow({ where: { id: ext.relationshipId } });
    assert.equal(row.status, 'active');
    assert.equal(
      row.endsAt?.toISOString(),
      new Date(Date.parse('2026-03-02T09:00:00.000Z') + 190 * 86_400_000).toISOString(),
    );
  });

  it('G6: only a customer the organisation has a live reseller relationship with', async () => {
    const w = makeWorld(await db.fresh());
    const { r } = await resellerWithCustomer(w);
    const other = await resellerWithCustomer(w);
    const e = await refused(w, 'GDAP_CUSTOMER_NOT_SERVED', () => request(w, r.admin, other.customerId));
    assert.match(describeError('en-US', e), /no reseller relationship with Fabrikam/);
    await refused(w, 'NOT_FOUND', () => request(w, r.admin, 'no-such-customer'));
    const options = await gdapCustomerOptions(w.ctx, r.admin);
    assert.equal(options.customers.length, 1);
  });

  it("G7: a provider asks for a reseller's customer; the reseller consents before the customer can approve", async () => {
    const w = makeWorld(await db.fresh());
    const p = await provider(w);
    const r = await reseller(w);
    await partner(w, p, r);
    const { customerId, actor: customerAdmin } = await customerOf(w, r, p.orgId);
    const req = await request(w, p.admin, customerId);
    assert.equal(req.status, 'created');
    assert.equal(req.resellerName, r.legalName);
    const token = tokenOf(req.approvalLink);
    await rejectsWith(viewGdapApproval(w.ctx, { token }), 'GDAP_WAITING_FOR_RESELLER');
    await refused(w, 'GDAP_WAITING_FOR_RESELLER', () =>
      respondToGdapApproval(w.ctx, customerAdmin, { token, decision: 'approve' }),
    );
    // the provider cannot consent for the reseller; the reseller sees it
    await refused(w, 'GDAP_NOT_THE_RESELLER', () =>
      answerGdapAsReseller(w.ctx, p.admin, { relationshipId: req.relationshipId, decision: 'consent' }),
    );
    const asReseller = await gdapDetail(w.ctx, r.admin, { relationshipId: req.relationshipId });
    assert.equal(asReseller.mayConsent, true);
    assert.equal(asReseller.partnerName, p.legalName);
    const ok = await answerGdapAsReseller(w.ctx, r.admin, { relationshipId: req.relationshipId, decision: 'consent' });
    assert.equal(ok.status, 'approvalPending');
    const again = await answerGdapAsReseller(w.ctx, r.admin, {
      relationshipId: req.relationshipId,
      decision: 'consent',
    });
    assert.equal(again.changed, false);
    const view = await viewGdapApproval(w.ctx, { token });
    assert.equal(view.resellerName, r.legalName);
    await respondToGdapApproval(w.ctx, customerAdmin, { token, decision: 'approve' });
    assert.deepEqual(await outboxTypes(w, req.relationshipId), [
      `gdap.requested→${p.orgId}`,
      `gdap.reseller_consent_requested→${r.orgId}`,
      `gdap.reseller_consented→${p.orgId}`,
      `gdap.reseller_consented→${r.orgId}`,
      `gdap.approved→${p.orgId}`,
      `gdap.approved→${r.orgId}`,
    ]);
    // a reseller declining terminates the request
    const second = await request(w, p.admin, customerId);
    await answerGdapAsReseller(w.ctx, r.admin, { relationshipId: second.relationshipId, decision: 'decline' });
    const row = await w.store.read.gdapRelationship.findUniqueOrThrow({ where: { id: second.relationshipId } });
    assert.equal(row.status, 'terminated');
    assert.equal(row.endReason, 'reseller_declined');
  });

  it('G8: active → expiring 30 days before the end → expired, read with the clock and written by the sweep once', async () => {
    const w = makeWorld(await db.fresh());
    const { r, customerId, customerAdmin } = await resellerWithCustomer(w);
    const req = await request(w, r.admin, customerId, { durationDays: 60 });
    const state = async () => (await gdapDetail(w.ctx, r.admin, { relationshipId: req.relationshipId })).status;
    assert.equal(await state(), 'approvalPending');
    await respondToGdapApproval(w.ctx, customerAdmin, { token: tokenOf(req.approvalLink), decision: 'approve' });
    assert.equal(await state(), 'active');
    w.clock.advanceDays(31);
    assert.equal(await state(), 'expiring');
    assert.deepEqual(
      (await listGdap(w.ctx, r.admin, { state: 'expiring' })).items.map((i) => i.id),
      [req.relationshipId],
    );
    assert.deepEqual(
      (await listGdap(w.ctx, r.admin, { expiringWithinDays: 30 })).items.map((i) => i.id),
      [req.relationshipId],
    );
    assert.equal((await listGdap(w.ctx, r.admin, { expiringWithinDays: 20 })).items.length, 0);
    assert.equal((await sweepGdap(w.ctx)).expiring, 1);
    w.clock.advanceDays(30);
    assert.equal(await state(), 'expired');
    assert.deepEqual(
      (await listGdap(w.ctx, r.admin, { state: 'expired' })).items.map((i) => i.id),
      [req.relationshipId],
    );
    assert.equal((await sweepGdap(w.ctx)).expired, 1);
    assert.equal((await sweepGdap(w.ctx)).expired, 0);
    const types = await outboxTypes(w, req.relationshipId);
    assert.equal(types.filter((t) => t.startsWith('gdap.expired')).length, 1);
  });

  it("G9: single-use link, only its SHA-256 stored; only the customer tenant's Global Administrator answers", async () => {
    const w = makeWorld(await db.fresh());
    const { r, customerId, customerAdmin } = await resellerWithCustomer(w);
    const req = await request(w, r.admin, customerId, { durationDays: 30 });
    const token = tokenOf(req.approvalLink);
    assert.ok(req.approvalLink.startsWith('https://bot.example.test/gdap/'));
    const row = await w.store.read.gdapRelationship.findUniqueOrThrow({ where: { id: req.relationshipId } });
    assert.equal(row.tokenHash, hashToken(token));
    assert.ok(!JSON.stringify(row).includes(token));
    // a member of the customer tenant, and a Global Administrator of another tenant, are refused
    const member = customerSigner([entraRoleTemplates.user], customerAdmin.tenantId);
    const e = await refused(w, 'GDAP_CUSTOMER_ADMIN_REQUIRED', () =>
      respondToGdapApproval(w.ctx, member, { token, decision: 'approve' }),
    );
    assert.match(describeError('en-US', e), /Global Administrator of the Microsoft Entra tenant of Fabrikam/);
    const otherAdmin = customerSigner([entraRoleTemplates.globalAdministrator]);
    await refused(w, 'GDAP_CUSTOMER_ADMIN_REQUIRED', () =>
      respondToGdapApproval(w.ctx, otherAdmin, { token, decision: 'approve' }),
    );
    const view = await viewGdapApproval(w.ctx, {
      token,
      tenantId: customerAdmin.tenantId,
      directoryRoles: [...(customerAdmin.directoryRoles ?? [])],
    });
    assert.equal(view.signerMayAnswer, true);
    assert.deepEqual(view.roleTemplateIds, [HELPDESK, LICENSE]);
    const ok = await respondToGdapApproval(w.ctx, customerAdmin, { token, decision: 'approve' });
    assert.equal(ok.decision, 'approved');
    assert.equal(ok.activatedAt?.toISOString(), '2026-03-02T09:00:00.000Z');
    assert.equal(ok.endsAt?.toISOString(), '2026-04-01T09:00:00.000Z');
    // used: a second answer changes nothing
    const again = await respondToGdapApproval(w.ctx, customerAdmin, { token, decision: 'decline' });
    assert.equal(again.changed, false);
    assert.equal(again.decision, 'approved');
    await rejectsWith(viewGdapApproval(w.ctx, { token }), 'TOKEN_USED');
    await rejectsWith(viewGdapApproval(w.ctx, { token: 'A'.repeat(43) }), 'TOKEN_INVALID');
    // decline terminates; an old link expires after 90 days
    const declined = await request(w, r.admin, customerId);
    await respondToGdapApproval(w.ctx, customerAdmin, { token: tokenOf(declined.approvalLink), decision: 'decline' });
    assert.equal((await gdapDetail(w.ctx, r.admin, { relationshipId: declined.relationshipId })).status, 'terminated');
    const late = await request(w, r.admin, customerId);
    w.clock.advanceDays(90);
    await refused(w, 'TOKEN_EXPIRED', () =>
      respondToGdapApproval(w.ctx, customerAdmin, { token: tokenOf(late.approvalLink), decision: 'approve' }),
    );
  });

  it('G9: two approvals of one link at once: one wins, the other is told the same answer', async () => {
    const w = makeWorld(await db.fresh());
    const { r, customerId, customerAdmin } = await resellerWithCustomer(w);
    const req = await request(w, r.admin, customerId);
    const token = tokenOf(req.approvalLink);
    const both = await Promise.all([
      respondToGdapApproval(w.ctx, customerAdmin, { token, decision: 'approve' }),
      respondToGdapApproval(w.ctx, customerAdmin, { token, decision: 'approve' }),
    ]);
    assert.deepEqual(both.map((o) => o.changed).sort(), [false, true]);
    const approved = (await outboxTypes(w, req.relationshipId)).filter((t) => t.startsWith('gdap.approved'));
    assert.equal(approved.length, 1);
  });

  it("G10: access assignments: a security group, roles among the relationship's, one live per group, removable", async () => {
    const w = makeWorld(await db.fresh());
    const { r, customerId, customerAdmin } = await resellerWithCustomer(w);
    const req = await request(w, r.admin, customerId);
    const assign = (extra: Record<string, unknown> = {}) =>
      addAccessAssignment(w.ctx, r.admin, {
        relationshipId: req.relationshipId,
        securityGroupId: GROUP,
        securityGroupName: 'Helpdesk agents',
        roleTemplateIds: [HELPDESK],
        ...extra,
      });
    await refused(w, 'GDAP_WRONG_STATE', () => assign());
    await respondToGdapApproval(w.ctx, customerAdmin, { token: tokenOf(req.approvalLink), decision: 'approve' });
    await refused(w, 'VALIDATION', () => assign({ securityGroupId: 'helpdesk' }));
    const e = await refused(w, 'GDAP_ROLE_NOT_GRANTED', () => assign({ roleTemplateIds: [SECURITY_READER] }));
    assert.match(describeError('en-US', e), /^Security Reader is not among/);
    assert.match(describeError('ko-KR', e), /^보안 읽기 권한자/);
    const a = await assign();
    await refused(w, 'GDAP_GROUP_ASSIGNED', () => assign({ securityGroupId: GROUP.toUpperCase() }));
    const card = await gdapDetail(w.ctx, r.admin, { relationshipId: req.relationshipId });
    assert.deepEqual(
      card.assignments.map((x) => [x.securityGroupName, x.roleTemplateIds]),
      [['Helpdesk agents', [HELPDESK]]],
    );
    await removeAccessAssignment(w.ctx, r.admin, { assignmentId: a.assignmentId });
    assert.equal((await removeAccessAssignment(w.ctx, r.admin, { assignmentId: a.assignmentId })).changed, false);
    await assign({ roleTemplateIds: [HELPDESK, LICENSE] });
  });

  it('G11: terminate ends it and its assignments; renew is a new request with the same settings, in one call', async () => {
    const w = makeWorld(await db.fresh());
    const { r, customerId, customerAdmin } = await resellerWithCustomer(w);
    const req = await request(w, r.admin, customerId, { displayName: 'Wingtip', durationDays: 90 });
    await respondToGdapApproval(w.ctx, customerAdmin, { token: tokenOf(req.approvalLink), decision: 'approve' });
    await addAccessAssignment(w.ctx, r.admin, {
      relationshipId: req.relationshipId,
      securityGroupId: GROUP,
      securityGroupName: 'Helpdesk agents',
      roleTemplateIds: [HELPDESK],
    });
    const renewed = await renewGdap(w.ctx, r.admin, { relationshipId: req.relationshipId });
    assert.equal(renewed.displayName, 'Wingtip (2)');
    const row = await w.store.read.gdapRelationship.findUniqueOrThrow({ where: { id: renewed.relationshipId } });
    assert.equal(row.roleTemplateIds, `${HELPDESK},${LICENSE}`);
    assert.equal(row.durationDays, 90);
    assert.equal(row.renewedFromId, req.relationshipId);
    assert.equal((await renewGdap(w.ctx, r.admin, { relationshipId: req.relationshipId })).displayName, 'Wingtip (3)');
    const done = await terminateGdap(w.ctx, r.admin, { relationshipId: req.relationshipId });
    assert.equal(done.changed, true);
    assert.equal((await terminateGdap(w.ctx, r.admin, { relationshipId: req.relationshipId })).changed, false);
    const card = await gdapDetail(w.ctx, r.admin, { relationshipId: req.relationshipId });
    assert.equal(card.status, 'terminated');
    assert.equal(card.assignments.length, 0);
    assert.equal(card.mayTerminate, false);
    // an expired one cannot be terminated
    const short = await request(w, r.admin, customerId, { durationDays: 1 });
    await respondToGdapApproval(w.ctx, customerAdmin, { token: tokenOf(short.approvalLink), decision: 'approve' });
    w.clock.advanceDays(2);
    await refused(w, 'GDAP_WRONG_STATE', () => terminateGdap(w.ctx, r.admin, { relationshipId: short.relationshipId }));
  });

  it('G12: each change of state queues one outbox event for the channel, in the same transaction as its audit', async () => {
    const w = makeWorld(await db.fresh());
    const { r, customerId, customerAdmin } = await resellerWithCustomer(w);
    const req = await request(w, r.admin, customerId);
    await respondToGdapApproval(w.ctx, customerAdmin, { token: tokenOf(req.approvalLink), decision: 'approve' });
    await terminateGdap(w.ctx, r.admin, { relationshipId: req.relationshipId });
    await terminateGdap(w.ctx, r.admin, { relationshipId: req.relationshipId });
    assert.deepEqual(await outboxTypes(w, req.relationshipId), [
      `gdap.requested→${r.orgId}`,
      `gdap.approved→${r.orgId}`,
      `gdap.terminated→${r.orgId}`,
    ]);
    const audits = await w.store.read.auditEvent.findMany({
      where: { entityId: req.relationshipId },
      orderBy: { at: 'asc' },
    });
    assert.deepEqual(
      audits.map((a) => a.action),
      ['gdap.requested', 'gdap.approved', 'gdap.terminated'],
    );
  });

  it("G13: connected mode asks Graph after the bot's own checks and gives Microsoft's link; a Graph refusal writes nothing", async () => {
    const calls: string[] = [];
    let fail = false;
    const graph: GdapPort = {
      ...embeddedGdap,
      mode: 'connected',
      requestRelationship(req) {
        calls.push(`request ${req.displayName} ${req.roleTemplateIds.join('+')} P${req.durationDays}D`);
        if (fail) return Promise.reject(new Error('Graph is down'));
        return Promise.resolve({
          id: 'graph-rel-1',
          approvalLink:
            'https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/graph-rel-1',
        });
      },
      terminate(id) {
        calls.push(`terminate ${id}`);
        return Promise.resolve();
      },
    };
    const w = makeWorld(await db.fresh(), { gdap: { forOrg: () => graph } });
    const { r, customerId } = await resellerWithCustomer(w);
    // not linked: embedded, Graph is not asked
    assert.equal((await gdapFor(w.ctx, r.orgId)).mode, 'embedded');
    await w.store.read.partnerCenterLink.create({
      data: {
        orgId: r.orgId,
        partnerTenantId: r.tenantId,
        linkedByUserId: 'u',
        linkedByName: 'Admin',
        linkedAt: new Date(),
        refreshToken: 'sealed',
        tokenRefreshedAt: new Date(),
        mode: 'connected',
      },
    });
    assert.equal((await gdapFor(w.ctx, r.orgId)).mode, 'connected');
    // the bot's own rules refuse before Graph is asked
    await refused(w, 'GDAP_AUTO_EXTEND_GLOBAL_ADMIN', () =>
      request(w, r.admin, customerId, { roleTemplateIds: [GLOBAL_ADMINISTRATOR_ROLE_ID], autoExtendDays: 180 }),
    );
    assert.deepEqual(calls, []);
    const ok = await request(w, r.admin, customerId, { displayName: 'Connected one' });
    assert.equal(ok.mode, 'connected');
    assert.match(ok.approvalLink, /^https:\/\/admin\.microsoft\.com\/.*granularAdminRelationships\/graph-rel-1$/);
    const row = await w.store.read.gdapRelationship.findUniqueOrThrow({ where: { id: ok.relationshipId } });
    assert.equal(row.remoteId, 'graph-rel-1');
    assert.equal(row.tokenHash, null);
    fail = true;
    const before = await gdapSnapshot(w.store);
    await assert.rejects(request(w, r.admin, customerId, { displayName: 'Second' }), /Graph is down/);
    assert.deepEqual(await gdapSnapshot(w.store), before);
    await terminateGdap(w.ctx, r.admin, { relationshipId: ok.relationshipId });
    assert.deepEqual(calls.slice(-1), ['terminate graph-rel-1']);
  });
});
