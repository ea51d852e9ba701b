/**
 * Issue 18 items 4 and 2 together (G14, G11, G2): the daily digest's Renew button, as the server posted it to the
 * organization's channel, pressed in that channel (an Action.Execute invoke through the real server) creates the
 * renewal: a new request with the old one's customer, roles, duration and auto-extend, named after it, the old one
 * untouched; a sales agent pressing it is refused, naming the roles that would do. SQLite, and PostgreSQL with
 * TEST_DATABASE_URL.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { respondToGdapApproval } from '../../../../src/domain/gdap/gdap-approval.js';
import { requestGdap } from '../../../../src/domain/gdap/request-gdap.js';
import { createLogger } from '../../../../src/log.js';
import { GDAP_RENEW_VERB } from '../../../../src/notify/gdap-digest-render.js';
import { GdapDigestJob } from '../../../../src/notify/gdap-digest-job.js';
import { actionsOf, cardOf, cardText } from '../../../support/cards.js';
import type { RecordedActivity } from '../../../support/connector.js';
import { forEachDatabase } from '../../../support/db.js';
import { makeWorld, userWithRoles, type World } from '../../../support/fixtures.js';
import { startHarness, type Harness } from '../../../support/harness.js';
import { customerOf, reseller, tokenOf } from '../../../support/partners.js';

const HELPDESK = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
const LICENSE = '4d6ac14f-3453-41d0-bef9-a3e0c569773a';
const DAY = 86_400_000;

forEachDatabase('issue 18: the digest’s Renew button pressed in Teams (real server)', (db) => {
  let h: Harness;
  let w: World;

  beforeEach(async function () {
    this.timeout(30_000);
    h = await startHarness({
      storage: db.kind,
      notifications: true,
      env: { PROGRAM_ADMINS: randomUUID(), PUBLIC_BASE_URL: 'https://bot.example.test' },
    });
    w = makeWorld(h.database!, { publicBaseUrl: 'https://bot.example.test' });
    w.clock.set(new Date());
  });
  afterEach(async () => {
    await h?.close();
  });

  it('G14/G11/G2: the digest card’s Renew (gdap.renew, {v:1, relationshipId}) creates the renewal; a sales agent is refused', async function () {
    this.timeout(60_000);
    const r = await reseller(w, { legalName: 'Contoso Resell' });
    const channel = h.channel({
      aadObjectId: r.admin.aadObjectId,
      tenantId: r.tenantId,
      name: r.admin.name,
      channelName: 'Partners',
    });
    await channel.say('notify here');
    await h.connector.waitFor(1);
    const { customerId, actor } = await customerOf(w, r);
    const req = await requestGdap(w.ctx, r.admin, {
      customerId,
      displayName: 'Helpdesk',
      roleTemplateIds: [HELPDESK, LICENSE],
      durationDays: 60,
      autoExtendDays: 0,
    });
    await respondToGdapApproval(w.ctx, actor, { token: tokenOf(req.approvalLink), decision: 'approve' });
    const now = w.clock.now().getTime();
    await w.store.read.gdapRelationship.update({
      where: { id: req.relationshipId },
      data: { activatedAt: new Date(now - 2 * DAY), endsAt: new Date(now + 5 * DAY) },
    });
    const job = new GdapDigestJob({
      domain: w.ctx,
      logger: createLogger('silent'),
      wake: () => undefined,
      hourUtc: w.clock.now().getUTCHours(),
    });
    assert.equal((await job.runOnce())?.queued, 1);

    // the digest as the server posted it to the channel (the requested and approved notices pass by)
    let digest: RecordedActivity | undefined;
    const deadline = Date.now() + 20_000;
    while (!digest && Date.now() < deadline) {
      const [next] = await h.connector.waitFor(1, { timeoutMs: Math.max(1, deadline - Date.now()) });
      if (next?.card && /GDAP digest/.test(cardText(next.card))) digest = next;
    }
    assert.ok(digest, 'the digest reached the channel');
    const renew = actionsOf(digest.card).find((a) => a.verb === GDAP_RENEW_VERB);
    assert.ok(renew, 'a Renew button');
    assert.deepEqual(renew.data, { v: 1, relationshipId: req.relationshipId });

    // G2: a sales agent of the organization presses it in the same channel
    const sales = await userWithRoles(w, r, ['sales_agent']);
    const salesChannel = h.channel({
      aadObjectId: sales.aadObjectId,
      tenantId: sales.tenantId,
      email: sales.email!,
      name: 'Sales Agent',
      channelName: 'Partners',
    });
    const refused = await salesChannel.invoke(renew.verb, renew.data);
    assert.match(JSON.stringify(refused.body), /Global admin, Admin agent|global admin, admin agent/i);
    assert.equal(await w.store.read.gdapRelationship.count({ where: { orgId: r.orgId } }), 1, 'nothing created');

    // G11: the admin presses it: a new request, same customer, roles, duration and auto-extend, named after the old
    const answer = cardText(cardOf(await channel.invoke(renew.verb, renew.data)));
    assert.match(answer, /GDAP relationship: Helpdesk \(2\)/);
    assert.match(answer, /Helpdesk Administrator, License Administrator/);
    const rows = await w.store.read.gdapRelationship.findMany({
      where: { orgId: r.orgId },
      orderBy: { createdAt: 'asc' },
    });
    assert.equal(rows.length, 2);
    const [old, renewed] = rows;
    assert.deepEqual(
      [renewed?.customerId, renewed?.roleTemplateIds, renewed?.durationDays, renewed?.autoExtendDays],
      [customerId, old?.roleTemplateIds, 60, 0],
    );
    assert.deepEqual([renewed?.renewedFromId, renewed?.status], [req.relationshipId, 'approvalPending']);
    assert.equal(old?.status, 'active', 'the old one is untouched');
  });
});
