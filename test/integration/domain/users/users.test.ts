import assert from 'node:assert/strict';
import { addPartnerType } from '../../../../src/domain/enrollment/add-partner-type.js';
import { addUser } from '../../../../src/domain/users/add-user.js';
import { changeRoles } from '../../../../src/domain/users/change-roles.js';
import { enroll } from '../../../../src/domain/enrollment/enroll.js';
import { enrollmentStatus } from '../../../../src/domain/enrollment/enrollment-status.js';
import { findMember } from '../../../../src/domain/shared/members.js';
import { reviewEnrollment } from '../../../../src/domain/enrollment/review-enrollment.js';
import { updateBusinessProfile } from '../../../../src/domain/users/update-business-profile.js';
import type { Role } from '../../../../src/domain/shared/roles.js';
import { forEachDatabase } from '../../../support/db.js';
import { refusesWithoutChange } from '../../../support/domain-assert.js';
import {
  enrolledOrg,
  enrollmentInput,
  makeActor,
  makeWorld,
  registeredMpnId,
  userWithRoles,
} from '../../../support/fixtures.js';

forEachDatabase('users, roles and partner types', (dbs) => {
  it('E6: an enrolled direct-bill partner adds the indirect-reseller type with only its support contact', async () => {
    const w = makeWorld(await dbs.fresh());
    const org = await enrolledOrg(w, { types: ['direct_bill'], mpa: false });
    const support = {
      email: 'help@newsupport.example',
      phone: '+82 2 555 0123',
      website: 'https://help.newsupport.example',
    };
    const added = await addPartnerType(w.ctx, org.admin, { partnerType: 'indirect_reseller', supportContact: support });
    assert.equal(added.state, 'in_review'); // the primary contact was verified at first enrollment
    const again = await addPartnerType(w.ctx, org.admin, { partnerType: 'indirect_reseller', supportContact: support });
    assert.equal(again.applicationId, added.applicationId);
    await reviewEnrollment(w.ctx, w.programAdmin, { applicationId: added.applicationId, decision: 'approve' });
    const s = await enrollmentStatus(w.ctx, org.admin);
    assert.deepEqual([...s.partnerTypes].sort(), ['direct_bill', 'indirect_reseller']);
    const c = await w.store.read.contact.findFirstOrThrow({ where: { orgId: org.orgId, kind: 'support' } });
    assert.equal(c.email, support.email);
    await refusesWithoutChange(
      w.store,
      () => addPartnerType(w.ctx, org.admin, { partnerType: 'indirect_reseller', supportContact: support }),
      'ALREADY_ENROLLED',
    );
  });

  it('E6: an already enrolled tenant cannot start a second full enrollment', async () => {
    const w = makeWorld(await dbs.fresh());
    const org = await enrolledOrg(w, { types: ['direct_bill'], mpa: false });
    const mpnId = await registeredMpnId(w);
    const sameTenant = makeActor({ tenantId: org.tenantId });
    await refusesWithoutChange(
      w.store,
      () => enroll(w.ctx, sameTenant, enrollmentInput(mpnId, 'KR')),
      'ALREADY_ENROLLED',
    );
  });

  it('E6: adding a type needs an onboarded organisation', async () => {
    const w = makeWorld(await dbs.fresh());
    const mpnId = await registeredMpnId(w);
    const a = makeActor();
    await enroll(w.ctx, a, enrollmentInput(mpnId, 'KR', { partnerType: 'indirect_provider' }));
    const support = { email: 'help@x.example', phone: '+82 2 555 0123', website: 'https://x.example' };
    await refusesWithoutChange(
      w.store,
      () => addPartnerType(w.ctx, a, { partnerType: 'indirect_reseller', supportContact: support }),
      'NOT_ONBOARDED',
    );
  });

  it('E7: the enrolling user holds global admin and admin agent', async () => {
    const w = makeWorld(await dbs.fresh());
    const org = await enrolledOrg(w);
    const m = await findMember(w.store.read, org.admin);
    assert.deepEqual([...(m?.roles ?? [])].sort(), ['admin_agent', 'global_admin']);
  });

  const adders: [Role, boolean][] = [
    ['admin_agent', true],
    ['user_admin', true],
    ['global_admin', true],
    ['sales_agent', false],
    ['helpdesk_agent', false],
    ['billing_admin', false],
    ['business_profile_admin', false],
  ];
  for (const [role, may] of adders) {
    it(`E7: a ${role} ${may ? 'may' : 'may not'} add users`, async () => {
      const w = makeWorld(await dbs.fresh());
      const org = await enrolledOrg(w);
      const actor = await userWithRoles(w, org, [role]);
      const add = () =>
        addUser(w.ctx, actor, { name: 'New Person', email: 'new.person@contoso.example', roles: ['sales_agent'] });
      if (may) assert.equal((await add()).created, true);
      else await refusesWithoutChange(w.store, add, 'ROLE_REQUIRED', { roles: 'global_admin,user_admin,admin_agent' });
    });
  }

  it('E7: users cannot be added before the enrollment is approved', async () => {
    const w = makeWorld(await dbs.fresh());
    const mpnId = await registeredMpnId(w);
    const a = makeActor();
    await enroll(w.ctx, a, enrollmentInput(mpnId, 'KR'));
    await refusesWithoutChange(
      w.store,
      () => addUser(w.ctx, a, { name: 'B', email: 'b@contoso.example', roles: ['sales_agent'] }),
      'NOT_ONBOARDED',
    );
  });

  it('U1: a user may hold several of the seven roles, and roles can be changed', async () => {
    const w = makeWorld(await dbs.fresh());
    const org = await enrolledOrg(w);
    const r = await addUser(w.ctx, org.admin, {
      name: 'Multi',
      email: 'multi@contoso.example',
      roles: ['sales_agent', 'billing_admin', 'helpdesk_agent'],
    });
    const changed = await changeRoles(w.ctx, org.admin, {
      userId: r.userId,
      roles: ['business_profile_admin', 'sales_agent'],
    });
    assert.equal(changed.changed, true);
    const grants = await w.store.read.roleGrant.findMany({ where: { userId: r.userId } });
    assert.deepEqual(grants.map((g) => g.role).sort(), ['business_profile_admin', 'sales_agent']);
    assert.equal(
      (await changeRoles(w.ctx, org.admin, { userId: r.userId, roles: ['sales_agent', 'business_profile_admin'] }))
        .changed,
      false,
    );
  });

  it('U1: the organisation keeps at least one global admin', async () => {
    const w = makeWorld(await dbs.fresh());
    const org = await enrolledOrg(w);
    const me = await findMember(w.store.read, org.admin);
    await refusesWithoutChange(
      w.store,
      () => changeRoles(w.ctx, org.admin, { userId: me!.userId, roles: ['admin_agent'] }),
      'LAST_GLOBAL_ADMIN',
    );
  });

  it('U2: refuses a second user with the same work email (any case), writing nothing', async () => {
    const w = makeWorld(await dbs.fresh());
    const org = await enrolledOrg(w);
    await addUser(w.ctx, org.admin, { name: 'Kim Minji', email: 'minji.kim@contoso.example', roles: ['sales_agent'] });
    await refusesWithoutChange(
      w.store,
      () =>
        addUser(w.ctx, org.admin, {
          name: 'Another Kim',
          email: 'Minji.Kim@Contoso.example',
          roles: ['helpdesk_agent'],
        }),
      'USER_EMAIL_TAKEN',
    );
  });

  it('U2: a user needs at least one role; the same request repeated adds nobody twice', async () => {
    const w = makeWorld(await dbs.fresh());
    const org = await enrolledOrg(w);
    await refusesWithoutChange(
      w.store,
      () => addUser(w.ctx, org.admin, { name: 'No Role', email: 'norole@contoso.example', roles: [] }),
      'ROLE_MISSING',
    );
    const input = { name: 'Lee', email: 'lee@contoso.example', roles: ['sales_agent' as const] };
    const first = await addUser(w.ctx, org.admin, input);
    const second = await addUser(w.ctx, org.admin, input);
    assert.deepEqual([first.created, second.created, second.userId === first.userId], [true, false, true]);
  });

  it('U2: the added user is recognised when they first talk to the bot from the organisation tenant', async () => {
    const w = makeWorld(await dbs.fresh());
    const org = await enrolledOrg(w);
    const person = makeActor({ tenantId: org.tenantId, email: 'Park@Contoso.example' });
    await addUser(w.ctx, org.admin, { name: 'Park', email: 'park@contoso.example', roles: ['helpdesk_agent'] });
    const stranger = makeActor({ email: 'park@contoso.example' }); // same email, other tenant
    assert.equal(await w.store.transaction((tx) => findMember(tx, stranger)), null);
    const m = await w.store.transaction((tx) => findMember(tx, person));
    assert.deepEqual(m?.roles, ['helpdesk_agent']);
  });

  it('U3: an unknown Teams user gets NOT_A_PARTNER_USER, not a crash', async () => {
    const w = makeWorld(await dbs.fresh());
    await refusesWithoutChange(
      w.store,
      () => addUser(w.ctx, makeActor(), { name: 'X', email: 'x@contoso.example', roles: ['sales_agent'] }),
      'NOT_A_PARTNER_USER',
    );
    await refusesWithoutChange(w.store, () => enrollmentStatus(w.ctx, makeActor()), 'NOT_A_PARTNER_USER');
  });

  it('U3: only a global admin grants global admin', async () => {
    const w = makeWorld(await dbs.fresh());
    const org = await enrolledOrg(w);
    const agent = await userWithRoles(w, org, ['admin_agent']);
    await refusesWithoutChange(
      w.store,
      () => addUser(w.ctx, agent, { name: 'Y', email: 'y@contoso.example', roles: ['global_admin'] }),
      'GLOBAL_ADMIN_GRANT_FORBIDDEN',
    );
  });

  it('U4: the business-profile admin maintains the business profile; a sales agent may not', async () => {
    const w = makeWorld(await dbs.fresh());
    const org = await enrolledOrg(w);
    const bpa = await userWithRoles(w, org, ['business_profile_admin']);
    const sales = await userWithRoles(w, org, ['sales_agent']);
    const change = { address: { line1: '1 New Road', city: 'Busan', postalCode: '48058' } };
    await refusesWithoutChange(w.store, () => updateBusinessProfile(w.ctx, sales, change), 'ROLE_REQUIRED', {
      roles: 'global_admin,business_profile_admin',
    });
    const r = await updateBusinessProfile(w.ctx, bpa, change);
    assert.equal(r.changed, true);
    assert.equal(r.address.city, 'Busan');
    const audit = await w.store.read.auditEvent.findFirst({
      where: { orgId: org.orgId, action: 'organization.profile_updated' },
    });
    assert.ok(audit);
    assert.equal((await updateBusinessProfile(w.ctx, bpa, change)).changed, false);
  });
});
