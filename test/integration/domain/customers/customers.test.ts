import assert from 'node:assert/strict';
import { inviteCustomer } from '../../../../src/domain/customers/invite-customer.js';
import { respondToCustomerInvitation } from '../../../../src/domain/customers/respond-customer-invitation.js';
import { viewCustomerInvitation } from '../../../../src/domain/customers/view-customer-invitation.js';
import { entraRoleTemplates } from '../../../../src/domain/customers/customer-rules.js';
import { removeCustomerRelationship } from '../../../../src/domain/customers/remove-customer-relationship.js';
import { editInvitationMessage } from '../../../../src/domain/partnerships/request-partnership.js';
import { addSubscription } from '../../../../src/domain/subscriptions/add-subscription.js';
import { listCustomers } from '../../../../src/domain/customers/customer-list.js';
import { AppError } from '../../../../src/domain/shared/errors.js';
import { forEachDatabase } from '../../../support/db.js';
import { makeWorld } from '../../../support/fixtures.js';
import {
  customerActor,
  customerDetails,
  customerOf,
  customerSigner,
  partner,
  provider,
  reseller,
  seedOffers,
  tokenOf,
} from '../../../support/partners.js';
import { refusedUnchanged } from '../../../support/domain-assert.js';

forEachDatabase('customer relationships', (db) => {
  it('C2: a reseller invites a customer with an editable draft that must keep the link; on acceptance it is listed', async () => {
    const w = makeWorld(await db.fresh());
    const r = await reseller(w);
    const inv = await inviteCustomer(w.ctx, r.admin, { toEmail: 'it@fabrikam.example', locale: 'ko-KR' });
    assert.equal(inv.kind, 'customer');
    assert.ok(inv.message.includes(inv.link));
    assert.match(inv.message, /재판매인 관계/);
    await refusedUnchanged(w, 'LINK_MISSING', () =>
      inviteCustomer(w.ctx, r.admin, { message: 'Please accept our invitation' }),
    );
    await refusedUnchanged(w, 'LINK_MISSING', () =>
      editInvitationMessage(w.ctx, r.admin, { invitationId: inv.invitationId, message: 'no link here' }),
    );
    const customer = customerActor();
    const details = customerDetails();
    await refusedUnchanged(w, 'CONSENT_REQUIRED', () =>
      respondToCustomerInvitation(w.ctx, customer, { token: tokenOf(inv.link), decision: 'accept', customer: details }),
    );
    const res = await respondToCustomerInvitation(w.ctx, customer, {
      token: tokenOf(inv.link),
      decision: 'accept',
      consent: true,
      customer: details,
    });
    assert.equal(res.decision, 'accepted');
    assert.deepEqual(res.partnerIds, [r.orgId]);
    const list = await listCustomers(w.ctx, r.admin);
    assert.deepEqual(
      list.items.map((c) => c.customerId),
      [res.customerId],
    );
    assert.equal(list.items[0].domain, details.domain);
    const again = await respondToCustomerInvitation(w.ctx, customer, {
      token: tokenOf(inv.link),
      decision: 'accept',
      consent: true,
    });
    assert.equal(again.created, false);
    assert.equal(again.customerId, res.customerId);
    assert.equal(await w.store.read.customerRelationship.count(), 1);
    await refusedUnchanged(w, 'TOKEN_USED', () =>
      respondToCustomerInvitation(w.ctx, customerActor(), {
        token: tokenOf(inv.link),
        decision: 'accept',
        consent: true,
        customer: customerDetails(),
      }),
    );
  });

  it('C2: a customer may decline; nothing is created and the reseller is told', async () => {
    const w = makeWorld(await db.fresh());
    const r = await reseller(w);
    const inv = await inviteCustomer(w.ctx, r.admin, {});
    const res = await respondToCustomerInvitation(w.ctx, customerActor(), {
      token: tokenOf(inv.link),
      decision: 'decline',
    });
    assert.equal(res.decision, 'declined');
    assert.equal(await w.store.read.customer.count(), 0);
    assert.equal(
      await w.store.read.outboxEvent.count({ where: { type: 'customer.invitation_declined', targetOrgId: r.orgId } }),
      1,
    );
    await refusedUnchanged(w, 'TOKEN_USED', () =>
      respondToCustomerInvitation(w.ctx, customerActor(), {
        token: tokenOf(inv.link),
        decision: 'accept',
        consent: true,
        customer: customerDetails(),
      }),
    );
  });

  it('C3: inviting with a provider creates both relationships in one acceptance; the reseller gets delegated admin', async () => {
    const w = makeWorld(await db.fresh());
    await seedOffers(w);
    const p = await provider(w);
    const r = await reseller(w);
    const lonely = await provider(w);
    await refusedUnchanged(w, 'PARTNERSHIP_REQUIRED', () =>
      inviteCustomer(w.ctx, r.admin, { providerId: lonely.orgId }),
    );
    await partner(w, p, r);
    const inv = await inviteCustomer(w.ctx, r.admin, { providerId: p.orgId });
    assert.equal(inv.kind, 'customer_with_provider');
    assert.ok(inv.message.includes(p.legalName));
    const res = await respondToCustomerInvitation(w.ctx, customerActor(), {
      token: tokenOf(inv.link),
      decision: 'accept',
      consent: true,
      customer: customerDetails(),
    });
    assert.deepEqual(res.partnerIds.sort(), [p.orgId, r.orgId].sort());
    const rels = await w.store.read.customerRelationship.findMany({ where: { customerId: res.customerId! } });
    const mine = rels.find((x) => x.partnerId === r.orgId)!;
    const theirs = rels.find((x) => x.partnerId === p.orgId)!;
    assert.equal(mine.delegatedAdmin, true);
    assert.equal(theirs.resellerId, r.orgId);
    // the provider may now order for it (C4 satisfied)
    const s = await addSubscription(w.ctx, p.admin, { customerId: res.customerId!, offerId: 'm365-e3', quantity: 10 });
    assert.equal(s.created, true);
    const filtered = await listCustomers(w.ctx, p.admin, { resellerId: r.orgId });
    assert.deepEqual(
      filtered.items.map((c) => c.customerId),
      [res.customerId],
    );
  });

  it('C1: a partner with no reseller relationship with the customer cannot transact for it', async () => {
    const w = makeWorld(await db.fresh());
    await seedOffers(w);
    const direct = await w.store.read.organization.count(); // no organisations yet
    assert.equal(direct, 0);
    const r = await reseller(w);
    const p = await provider(w);
    const { customerId } = await customerOf(w, r);
    await refusedUnchanged(w, 'RELATIONSHIP_REQUIRED', () =>
      addSubscription(w.ctx, p.admin, { customerId, offerId: 'm365-e3', quantity: 5 }),
    );
    // a reseller has no billing relationship with Microsoft (PT2): it does not place orders itself
    await refusedUnchanged(w, 'NOT_INDIRECT_PROVIDER', () =>
      addSubscription(w.ctx, r.admin, { customerId, offerId: 'm365-e3', quantity: 5 }),
    );
  });

  it("C4: the provider needs its own relationship: the reseller's relationship is not enough", async () => {
    const w = makeWorld(await db.fresh());
    await seedOffers(w);
    const p = await provider(w);
    const r = await reseller(w);
    await partner(w, p, r);
    const { customerId } = await customerOf(w, r);
    await refusedUnchanged(w, 'RELATIONSHIP_REQUIRED', () =>
      addSubscription(w.ctx, p.admin, { customerId, offerId: 'm365-e3', quantity: 5, resellerId: r.orgId }),
    );
  });

  it("C5: partnering gives neither side the other's customers", async () => {
    const w = makeWorld(await db.fresh());
    const p = await provider(w);
    const r = await reseller(w);
    const r2 = await reseller(w);
    await partner(w, p, r2);
    await customerOf(w, r);
    const before = await customerOf(w, r2, p.orgId);
    await partner(w, p, r);
    assert.equal((await listCustomers(w.ctx, r.admin)).items.length, 1);
    const providerList = await listCustomers(w.ctx, p.admin);
    assert.deepEqual(
      providerList.items.map((c) => c.customerId),
      [before.customerId],
      'only the customer that authorised the provider',
    );
    const resellersOwn = (await listCustomers(w.ctx, r.admin)).items[0].customerId;
    await seedOffers(w);
    await refusedUnchanged(w, 'RELATIONSHIP_REQUIRED', () =>
      addSubscription(w.ctx, p.admin, {
        customerId: resellersOwn,
        offerId: 'm365-e3',
        quantity: 1,
        resellerId: r.orgId,
      }),
    );
  });

  it('C6: removing needs the attestation; delegated admin stays and no notice goes to the customer', async () => {
    const w = makeWorld(await db.fresh());
    const r = await reseller(w);
    const { customerId } = await customerOf(w, r);
    await refusedUnchanged(w, 'ATTESTATION_REQUIRED', () =>
      removeCustomerRelationship(w.ctx, r.admin, { customerId, attest: false }),
    );
    const outboxBefore = await w.store.read.outboxEvent.findMany();
    const res = await removeCustomerRelationship(w.ctx, r.admin, { customerId, attest: true });
    assert.deepEqual(
      res.notices.map((n) => n.key),
      ['customer.removed.delegatedAdminStays', 'customer.removed.noNotice'],
    );
    assert.match(res.notices[0].text, /delegated admin privileges/);
    assert.match(res.notices[1].text, /does not send any notice to the customer/);
    assert.equal((await listCustomers(w.ctx, r.admin)).items.length, 0);
    const rel = await w.store.read.customerRelationship.findFirstOrThrow({ where: { customerId } });
    assert.equal(rel.delegatedAdmin, true, 'delegated admin privileges stay as they were');
    assert.ok(rel.removalAttestedAt);
    const added = (await w.store.read.outboxEvent.findMany()).filter((e) => !outboxBefore.some((b) => b.id === e.id));
    assert.deepEqual(
      added.map((e) => e.targetOrgId),
      [r.orgId],
      "only the partner's own channel, never the customer",
    );
    const again = await removeCustomerRelationship(w.ctx, r.admin, { customerId, attest: true });
    assert.equal(again.created, false);
    await refusedUnchanged(w, 'RELATIONSHIP_REQUIRED', () =>
      removeCustomerRelationship(w.ctx, r.admin, { customerId: 'nope', attest: true }),
    );
  });

  it('C7: refuses a customer in another region, changing nothing', async () => {
    const w = makeWorld(await db.fresh());
    const r = await reseller(w, { country: 'KR' });
    const inv = await inviteCustomer(w.ctx, r.admin, {});
    await refusedUnchanged(w, 'REGION_MISMATCH', () =>
      respondToCustomerInvitation(w.ctx, customerActor(), {
        token: tokenOf(inv.link),
        decision: 'accept',
        consent: true,
        customer: customerDetails('JP'),
      }),
    );
    // the link still works for an eligible customer
    assert.equal(
      (
        await respondToCustomerInvitation(w.ctx, customerActor(), {
          token: tokenOf(inv.link),
          decision: 'accept',
          consent: true,
          customer: customerDetails('KR'),
        })
      ).decision,
      'accepted',
    );
  });

  it('C8: refuses the partner itself or an affiliate as a customer', async () => {
    const w = makeWorld(await db.fresh());
    const r = await reseller(w);
    const contact = await w.store.read.contact.findFirstOrThrow({ where: { orgId: r.orgId, kind: 'primary' } });
    const ownDomain = contact.email.split('@')[1];
    const inv = await inviteCustomer(w.ctx, r.admin, {});
    await refusedUnchanged(w, 'SELF_SALE', () =>
      respondToCustomerInvitation(w.ctx, customerActor(), {
        token: tokenOf(inv.link),
        decision: 'accept',
        consent: true,
        customer: { name: 'Sister company', domain: `eu.${ownDomain}`, country: 'KR' },
      }),
    );
    await refusedUnchanged(w, 'SELF_SALE', () =>
      respondToCustomerInvitation(w.ctx, customerActor(), {
        token: tokenOf(inv.link),
        decision: 'accept',
        consent: true,
        customer: { name: r.legalName.toUpperCase(), domain: 'other.example', country: 'KR' },
      }),
    );
    await refusedUnchanged(w, 'SELF_SALE', () =>
      respondToCustomerInvitation(w.ctx, customerActor(r.tenantId), {
        token: tokenOf(inv.link),
        decision: 'accept',
        consent: true,
        customer: customerDetails(),
      }),
    );
  });

  it("C9: another partner's CSP tenant cannot be a customer; a separate customer tenant can", async () => {
    const w = makeWorld(await db.fresh());
    const r = await reseller(w);
    const other = await provider(w);
    const inv = await inviteCustomer(w.ctx, r.admin, {});
    await refusedUnchanged(w, 'CSP_TENANT_AS_CUSTOMER', () =>
      respondToCustomerInvitation(w.ctx, customerActor(other.tenantId), {
        token: tokenOf(inv.link),
        decision: 'accept',
        consent: true,
        customer: customerDetails(),
      }),
    );
    const own = await respondToCustomerInvitation(w.ctx, customerActor(), {
      token: tokenOf(inv.link),
      decision: 'accept',
      consent: true,
      customer: { name: `${other.legalName} internal IT`, domain: 'internal-it.example', country: 'KR' },
    });
    assert.equal(own.decision, 'accepted');
  });

  it("C10: a reseller partnered with a provider cannot become that provider's customer with the same tenant", async () => {
    const w = makeWorld(await db.fresh());
    const p = await provider(w);
    const r1 = await reseller(w);
    const r2 = await reseller(w);
    await partner(w, p, r1);
    await partner(w, p, r2);
    const inv = await inviteCustomer(w.ctx, r2.admin, { providerId: p.orgId });
    await refusedUnchanged(w, 'RESELLER_IS_PROVIDER_CUSTOMER', () =>
      respondToCustomerInvitation(w.ctx, customerActor(r1.tenantId), {
        token: tokenOf(inv.link),
        decision: 'accept',
        consent: true,
        customer: { name: 'R1 internal', domain: 'r1-internal.example', country: 'KR' },
      }),
    );
    // option 1: another tenant works
    assert.equal(
      (
        await respondToCustomerInvitation(w.ctx, customerActor(), {
          token: tokenOf(inv.link),
          decision: 'accept',
          consent: true,
          customer: { name: 'R1 internal', domain: 'r1-internal.example', country: 'KR' },
        })
      ).decision,
      'accepted',
    );
  });

  it('C11: a customer may have several partners', async () => {
    const w = makeWorld(await db.fresh());
    const r1 = await reseller(w);
    const r2 = await reseller(w);
    const first = await customerOf(w, r1);
    const inv = await inviteCustomer(w.ctx, r2.admin, {});
    const second = await respondToCustomerInvitation(w.ctx, first.actor, {
      token: tokenOf(inv.link),
      decision: 'accept',
      consent: true,
    });
    assert.equal(second.customerId, first.customerId);
    assert.equal((await listCustomers(w.ctx, r1.admin)).items.length, 1);
    assert.equal((await listCustomers(w.ctx, r2.admin)).items.length, 1);
    assert.equal(
      await w.store.read.customerRelationship.count({ where: { customerId: first.customerId, removedAt: null } }),
      2,
    );
    // one partner serves a customer once: a second invitation from the same reseller is refused, the link stays usable
    const dup = await inviteCustomer(w.ctx, r1.admin, {});
    await refusedUnchanged(w, 'RELATIONSHIP_EXISTS', () =>
      respondToCustomerInvitation(w.ctx, first.actor, { token: tokenOf(dup.link), decision: 'accept', consent: true }),
    );
  });

  it("C2/C3: only the customer tenant's Global Administrator may answer; anyone else is refused and the link stays usable", async () => {
    const w = makeWorld(await db.fresh());
    const p = await provider(w);
    const r = await reseller(w);
    await partner(w, p, r);
    const inv = await inviteCustomer(w.ctx, r.admin, { providerId: p.orgId });
    const token = tokenOf(inv.link);
    const tenantId = customerActor().tenantId;
    const userAdministrator = 'fe930be7-5e62-47db-91af-98c3a49a38b1'; // an administrator role, but not the deciding one
    const refused = [
      customerSigner([entraRoleTemplates.user], tenantId), // a member without directory roles
      customerSigner([entraRoleTemplates.user, userAdministrator], tenantId),
      customerSigner([], tenantId),
      customerSigner(undefined, tenantId), // the token carried no wids claim (app not configured to emit it)
    ];
    for (const signer of refused) {
      const view = await viewCustomerInvitation(w.ctx, {
        token,
        tenantId,
        ...(signer.directoryRoles ? { directoryRoles: [...signer.directoryRoles] } : {}),
      });
      assert.equal(view.signerMayAnswer, false);
      for (const decision of ['accept', 'decline'] as const) {
        const e = await refusedUnchanged(w, 'CUSTOMER_ADMIN_REQUIRED', () =>
          respondToCustomerInvitation(w.ctx, signer, { token, decision, consent: true, customer: customerDetails() }),
        );
        assert.equal(e.category, 'forbidden');
      }
    }
    // the refusal is checked before the link: it says nothing about links it was not given
    await refusedUnchanged(w, 'CUSTOMER_ADMIN_REQUIRED', () =>
      respondToCustomerInvitation(w.ctx, refused[0], { token: 'A'.repeat(43), decision: 'accept' }),
    );
    const admin = customerSigner(
      [entraRoleTemplates.user, entraRoleTemplates.globalAdministrator.toUpperCase()],
      tenantId,
    );
    assert.equal(
      (await viewCustomerInvitation(w.ctx, { token, tenantId, directoryRoles: [...admin.directoryRoles!] }))
        .signerMayAnswer,
      true,
    );
    assert.equal(
      (await viewCustomerInvitation(w.ctx, { token, directoryRoles: [...admin.directoryRoles!] })).signerMayAnswer,
      false,
      'no one signed in',
    );
    const res = await respondToCustomerInvitation(w.ctx, admin, {
      token,
      decision: 'accept',
      consent: true,
      customer: customerDetails(),
    });
    assert.equal(res.decision, 'accepted');
    assert.equal(await w.store.read.customerRelationship.count({ where: { invitationId: inv.invitationId } }), 2);
  });

  it('C2: two concurrent acceptances of one invitation create exactly one relationship', async () => {
    const w = makeWorld(await db.fresh());
    const p = await provider(w);
    const r = await reseller(w);
    await partner(w, p, r);
    for (let round = 0; round < 3; round++) {
      const inv = await inviteCustomer(w.ctx, r.admin, { providerId: p.orgId });
      const same = customerActor();
      const details = customerDetails();
      const sameTenant = await Promise.allSettled(
        [1, 2, 3].map(() =>
          respondToCustomerInvitation(
            w.ctx,
            { ...same },
            { token: tokenOf(inv.link), decision: 'accept', consent: true, customer: details },
          ),
        ),
      );
      assert.ok(
        sameTenant.every((x) => x.status === 'fulfilled'),
        JSON.stringify(sameTenant),
      );
      const ids = new Set(
        sameTenant.map((x) => (x as PromiseFulfilledResult<{ customerId: string }>).value.customerId),
      );
      assert.equal(ids.size, 1);
      assert.equal(
        await w.store.read.customerRelationship.count({ where: { invitationId: inv.invitationId } }),
        2,
        'one for the reseller, one for the provider',
      );

      const inv2 = await inviteCustomer(w.ctx, r.admin, {});
      const rivals = await Promise.allSettled(
        [customerActor(), customerActor()].map((a) =>
          respondToCustomerInvitation(w.ctx, a, {
            token: tokenOf(inv2.link),
            decision: 'accept',
            consent: true,
            customer: customerDetails(),
          }),
        ),
      );
      const won = rivals.filter((x) => x.status === 'fulfilled');
      const lost = rivals.filter((x): x is PromiseRejectedResult => x.status === 'rejected');
      assert.equal(won.length, 1, JSON.stringify(rivals));
      assert.ok(lost[0].reason instanceof AppError && lost[0].reason.code === 'TOKEN_USED', String(lost[0].reason));
      assert.equal(await w.store.read.customerRelationship.count({ where: { invitationId: inv2.invitationId } }), 1);
    }
  });

  it('C2: the Customers list pages with a cursor, newest first, without repeats', async () => {
    const w = makeWorld(await db.fresh());
    const r = await reseller(w);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await customerOf(w, r)).customerId);
      w.clock.advanceDays(i % 2); // some share a timestamp: the id breaks ties
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pageNo = 0; pageNo < 5; pageNo++) {
      const page = await listCustomers(w.ctx, r.admin, { limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((c) => c.customerId));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    assert.deepEqual([...seen].sort(), [...ids].sort());
    assert.equal(new Set(seen).size, 5);
    await refusedUnchanged(w, 'VALIDATION', () => listCustomers(w.ctx, r.admin, { cursor: 'garbage' }));
  });
});
