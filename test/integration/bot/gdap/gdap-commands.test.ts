/**
 * Issue 18 item 2 in Teams, through the real server (harness): `gdap` lists relationships as paged cards with the
 * filters; `request gdap` builds a request from the template card and answers with the customer's link; the
 * relationship card assigns and removes access, terminates after confirmation and renews in one click; a two-tier
 * reseller consents from its card; both languages. Runs on SQLite and, with TEST_DATABASE_URL, on PostgreSQL.
 */
import assert from 'node:assert/strict';
import { gdapVerbs as gv } from '../../../../src/bot/gdap/verbs.js';
import { respondToGdapApproval } from '../../../../src/domain/gdap/gdap-approval.js';
import { GLOBAL_ADMINISTRATOR_ROLE_ID } from '../../../../src/domain/gdap/role-templates.js';
import { cardJson, inputValue } from '../../../support/cards.js';
import { card, not, play, press, refused, type Answer } from '../../../support/conversation.js';
import { forEachDatabase } from '../../../support/db.js';
import { startHarness, type Chat, type Harness } from '../../../support/harness.js';
import { makeWorld, userWithRoles, type EnrolledOrg, type World } from '../../../support/fixtures.js';
import { customerOf, partner, provider, reseller, tokenOf } from '../../../support/partners.js';
import type { CustomerSigner } from '../../../../src/domain/customers/respond-customer-invitation.js';

const HELPDESK = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
const LICENSE = '4d6ac14f-3453-41d0-bef9-a3e0c569773a';
const GROUP = '0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0';

/** The approval link in a card's notice (markdown escapes undone). */
function linkIn(a: Answer): string {
  const m = /https?:\/\/[^\s"]+\/gdap\/[A-Za-z0-9_\\-]{43,60}/.exec(cardJson(a.card).replace(/\\\\/g, '\\'));
  assert.ok(m, `no approval link in: ${a.text}`);
  return m[0].replace(/\\/g, '');
}

forEachDatabase('issue 18 in Teams: gdap, request gdap, the relationship card (harness)', (db) => {
  let h: Harness;
  let w: World;
  let r: EnrolledOrg;
  let rChat: Chat;
  let customerId: string;
  let customerAdmin: CustomerSigner;

  beforeEach(async () => {
    h = await startHarness({ storage: db.kind });
    w = makeWorld(h.database!, { now: () => new Date(), publicBaseUrl: h.config.PUBLIC_BASE_URL });
    r = await reseller(w, { legalName: 'Contoso Resell' });
    const c = await customerOf(w, r);
    customerId = c.customerId;
    customerAdmin = c.actor;
    rChat = h.user({ aadObjectId: r.admin.aadObjectId, tenantId: r.tenantId, name: r.admin.name });
  });
  afterEach(async () => {
    await h.close();
  });

  it('G1–G5, G9–G11: request from the card → link; approve; list, assign, remove, renew, terminate', async () => {
    let link = '';
    await play(h, rChat, [
      { user: 'gdap', bot: card('GDAP relationships', 'No GDAP relationship matches.', 'Request GDAP') },
      {
        user: 'request gdap',
        bot: card('Microsoft Entra roles', 'Helpdesk Administrator', 'Global Administrator', /Fabrikam/, {
          inputs: ['customerId', 'displayName', 'roles', 'durationDays', 'autoExtend'],
        }),
      },
      {
        user: press(gv.gdapRequest, {
          v: 1,
          customerId,
          displayName: 'Helpdesk',
          roles: `${GLOBAL_ADMINISTRATOR_ROLE_ID},${HELPDESK}`,
          durationDays: '730',
          autoExtend: '180',
        }),
        bot: card(/Auto-extend is not available when Global Administrator/, {
          check: (c) => assert.equal(inputValue(c, 'displayName'), 'Helpdesk'),
        }),
        why: 'G5: the form comes back with the reason and what was chosen',
      },
      {
        user: press(gv.gdapRequest, {
          v: 1,
          customerId,
          displayName: 'Helpdesk',
          roles: `${HELPDESK},${LICENSE}`,
          durationDays: '0',
          autoExtend: '0',
        }),
        bot: card(/durationDays/),
        why: 'G4',
      },
      {
        user: press(gv.gdapRequest, {
          v: 1,
          customerId,
          displayName: 'Helpdesk',
          roles: `${HELPDESK},${LICENSE}`,
          durationDays: '365',
          autoExtend: '0',
        }),
        bot: card(
          'GDAP relationship: Helpdesk',
          /Send this link to the customer’s Global Administrator/,
          'approval pending',
          'Helpdesk Administrator, License Administrator',
          not(HELPDESK),
        ),
      },
    ]).then((t) => {
      link = linkIn(t[4][0]);
    });
    const rel = await w.store.read.gdapRelationship.findFirstOrThrow({ where: { orgId: r.orgId } });
    await respondToGdapApproval(w.ctx, customerAdmin, { token: tokenOf(link), decision: 'approve' });
    await play(h, rChat, [
      { user: 'gdap', bot: card('Helpdesk', 'State: active', /Ends /) },
      { user: 'gdap expiring', bot: card('No GDAP relationship matches.', 'ending soonest first') },
      { user: 'gdap 400', bot: card('Helpdesk', 'ending soonest first'), why: 'ending within 400 days' },
      {
        user: press(gv.gdapList, { v: 1, page: 0, customerId: 'any', state: 'expiring', days: '' }),
        bot: card('No GDAP relationship matches.', 'ending soonest first'),
      },
      {
        user: press(gv.gdapList, { v: 1, page: 0, customerId, state: 'any', days: '400' }),
        bot: card('Helpdesk'),
        why: 'ending within 400 days',
      },
      { user: press(gv.gdapOpen, { v: 1, relationshipId: rel.id }), bot: card('Add access assignment', 'Terminate') },
      {
        user: press(gv.gdapAssign, {
          v: 1,
          relationshipId: rel.id,
          securityGroupId: GROUP,
          securityGroupName: 'Helpdesk agents',
          assignRoles: GLOBAL_ADMINISTRATOR_ROLE_ID,
        }),
        bot: refused(/VALIDATION|not among|Entra/),
        why: 'G10: a role outside the relationship (and outside the catalogue) is refused',
      },
      {
        user: press(gv.gdapAssign, {
          v: 1,
          relationshipId: rel.id,
          securityGroupId: GROUP,
          securityGroupName: 'Helpdesk agents',
          assignRoles: HELPDESK,
        }),
        bot: card('Access assigned to Helpdesk agents.', 'Helpdesk agents: Helpdesk Administrator'),
      },
      {
        user: press(gv.gdapUnassign, (prev) => {
          const id = /"assignmentId":"([^"]+)"/.exec(cardJson(prev.card))?.[1];
          return { v: 1, assignmentId: id };
        }),
        bot: card('The access assignment of Helpdesk agents was removed.', 'No security group has access yet.'),
      },
      {
        user: press(gv.gdapRenew, { v: 1, relationshipId: rel.id }),
        bot: card('GDAP relationship: Helpdesk (2)', /Send this link/, 'Helpdesk Administrator, License Administrator'),
        why: 'G11: one click',
      },
      {
        user: press(gv.gdapTerminate, { v: 1, relationshipId: rel.id }),
        bot: refused(),
        why: 'terminate only from the confirmation',
      },
      {
        user: press(gv.gdapTerminate, { v: 1, relationshipId: rel.id, confirm: true }),
        bot: card('The relationship was terminated.', 'terminated', not('Add access assignment')),
      },
    ]);
  });

  it('G2: a sales agent lists but is refused a request, naming the roles; Korean names and cards', async () => {
    const sales = await userWithRoles(w, r, ['sales_agent']);
    const sChat = h.user({
      aadObjectId: sales.aadObjectId,
      tenantId: sales.tenantId,
      email: sales.email!,
      locale: 'ko-KR',
    });
    await play(h, sChat, [
      { user: 'GDAP 목록', bot: card('GDAP 관계', '조건에 맞는 GDAP 관계가 없습니다.', not('GDAP 요청')) },
      { user: 'GDAP 요청', bot: /전역 관리자, 관리 에이전트/ },
    ]);
    const koAdmin = h.user({
      aadObjectId: r.admin.aadObjectId,
      tenantId: r.tenantId,
      name: r.admin.name,
      locale: 'ko-KR',
    });
    await play(h, koAdmin, [
      { user: 'gdap 요청', bot: card('Microsoft Entra 역할', '기술 지원팀 관리자', '전역 관리자') },
    ]);
  });

  it("G7: a provider requests for a reseller's customer; the reseller consents from its card", async () => {
    const p = await provider(w, { legalName: 'Fabrikam Distribution' });
    const r2 = await reseller(w, { legalName: 'Northwind Resell' });
    await partner(w, p, r2);
    const c = await customerOf(w, r2, p.orgId);
    const pChat = h.user({ aadObjectId: p.admin.aadObjectId, tenantId: p.tenantId, name: p.admin.name });
    const r2Chat = h.user({ aadObjectId: r2.admin.aadObjectId, tenantId: r2.tenantId, name: r2.admin.name });
    await play(h, pChat, [
      {
        user: press(gv.gdapRequest, {
          v: 1,
          customerId: c.customerId,
          displayName: 'Two-tier',
          roles: HELPDESK,
          durationDays: '30',
          autoExtend: '0',
        }),
        bot: card(/The indirect reseller Northwind Resell must consent first/, 'waiting for the reseller'),
      },
    ]);
    const rel = await w.store.read.gdapRelationship.findFirstOrThrow({ where: { orgId: p.orgId } });
    await play(h, r2Chat, [
      { user: 'gdap', bot: card('Two-tier', /Requested by the indirect provider Fabrikam Distribution/) },
      {
        user: press(gv.gdapOpen, { v: 1, relationshipId: rel.id }),
        bot: card('Consent', 'Decline', /Fabrikam Distribution asks to request/),
      },
      {
        user: press(gv.gdapConsent, { v: 1, relationshipId: rel.id, decision: 'consent' }),
        bot: card('You consented.', 'approval pending'),
      },
    ]);
    await play(h, pChat, [
      {
        user: press(gv.gdapConsent, { v: 1, relationshipId: rel.id, decision: 'decline' }),
        bot: refused(/Only the indirect reseller/),
      },
    ]);
  });
});
