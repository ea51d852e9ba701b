import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { addUser } from '../../../../src/domain/users/add-user.js';
import { startHarness, type Harness } from '../../../support/harness.js';
import { enrolledOrg, makeWorld, type World } from '../../../support/fixtures.js';

/**
 * U2 through the bot: Teams activities carry no email, so a user added by work email is linked to
 * their Teams identity from the roster on their first turn, and only within their own tenant.
 */
describe('U2: linking an added user to their Teams identity', function () {
  this.timeout(60_000);
  let h: Harness;
  let w: World;
  beforeEach(async () => {
    h = await startHarness();
    if (!h.database) throw new Error('harness without a database');
    w = makeWorld(h.database);
    w.clock.set(new Date());
  });
  afterEach(async () => {
    await h.close();
  });

  it('U2: a user added by email is recognised on their first message (email from the Teams roster)', async () => {
    const org = await enrolledOrg(w);
    await addUser(w.ctx, org.admin, {
      name: 'Min-ji Park',
      email: 'minji.park@contoso-kr.example',
      roles: ['sales_agent'],
    });
    const aad = randomUUID();
    const chat = h.user({
      aadObjectId: aad,
      tenantId: org.tenantId,
      name: 'Min-ji Park',
      email: 'MinJi.Park@contoso-kr.example',
    });
    await chat.say('status');
    const [reply] = await h.connector.waitFor(1);
    assert.doesNotMatch(JSON.stringify(reply.activity), /not a user of an enrolled partner organization/);
    const row = await w.store.read.user.findFirst({ where: { emailLower: 'minji.park@contoso-kr.example' } });
    assert.equal(row?.aadObjectId, aad);
  });

  it('U2: the same email from another tenant is not linked', async () => {
    const org = await enrolledOrg(w);
    await addUser(w.ctx, org.admin, {
      name: 'Min-ji Park',
      email: 'minji.park@contoso-kr.example',
      roles: ['sales_agent'],
    });
    const chat = h.user({ aadObjectId: randomUUID(), tenantId: randomUUID(), email: 'minji.park@contoso-kr.example' });
    await chat.say('status');
    await h.connector.waitFor(1);
    const row = await w.store.read.user.findFirst({ where: { emailLower: 'minji.park@contoso-kr.example' } });
    assert.equal(row?.aadObjectId, null);
  });
});
