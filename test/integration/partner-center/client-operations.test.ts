import assert from 'node:assert/strict';
import { generateKeyPair, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { clientFor, rejection } from '../../support/partner-center/client-fixture.js';
import { LocalPartnerCenter } from '../../support/partner-center/server.js';
import type { StubCustomer, StubIndirectPartner } from '../../support/partner-center/world.js';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

describe('Partner Center client against the local Partner Center: operations', () => {
  let stub: LocalPartnerCenter;
  let fabrikam: StubIndirectPartner;
  let northwind: StubIndirectPartner;
  let provider: StubIndirectPartner;
  let wingtip: StubCustomer;

  beforeEach(async () => {
    stub = await LocalPartnerCenter.start();
    const world = stub.world;
    fabrikam = world.withIndirectReseller({ name: 'Fabrikam Resale', mpnId: '5100001' });
    northwind = world.withIndirectReseller({ name: 'Northwind Partners', mpnId: '5100002' }, 'not-signed');
    provider = world.withIndirectProvider({ name: 'Adatum Distribution', mpnId: '5200001' });
    wingtip = world.withCustomer({ companyName: 'Wingtip Toys', associatedPartnerId: fabrikam.tenantId });
    world.withCustomer({ companyName: 'Tailspin Toys', associatedPartnerId: fabrikam.tenantId });
    world.withCustomer({ companyName: 'Litware' });
    world.withSubscription(wingtip.id, {
      offerName: 'Microsoft 365 Business Basic',
      quantity: 10,
      partnerId: '5100001',
    });
    world.withAgreement('5300001', 'other-region').withAgreement('5300002', 'not-indirect-reseller');
  });

  afterEach(async () => {
    await stub.stop();
  });

  it('E1: reads the legal business profile, the MPN profile and the organization profile', async () => {
    const { client } = clientFor(stub);
    const legal = await client.profiles.legalBusiness();
    assert.equal(legal.companyName, 'Contoso Distribution');
    assert.equal(legal.address.country, 'KR');
    assert.equal(legal.primaryContact.email, 'min.kim@contoso.example');
    assert.equal(stub.requestsTo('/v1/profiles/legalbusiness')[0]?.query['vettingVersion'], 'Current');
    assert.equal((await client.profiles.mpn()).mpnId, '4800001');
    const organization = await client.profiles.organization();
    assert.equal(organization.tenantId, stub.world.partner.tenantId);
  });

  it('E2: looks a partner up by MPN ID, and an unknown MPN ID is not found (code 3000), not an error', async () => {
    const { client } = clientFor(stub);
    assert.equal((await client.profiles.partnerByMpnId('5100001'))?.mpnId, '5100001');
    assert.equal(await client.profiles.partnerByMpnId('9999999'), undefined);
  });

  it('P4: lists indirect resellers (IsIndirectCloudSolutionProviderOf) and indirect providers (IsIndirectResellerOf)', async () => {
    const { client } = clientFor(stub);
    const resellers = await client.relationships.list('IsIndirectCloudSolutionProviderOf');
    assert.deepEqual(
      resellers.map((reseller) => [reseller.name, reseller.mpnId, reseller.relationshipType]),
      [
        ['Fabrikam Resale', '5100001', 'is_indirect_cloud_solution_provider_of'],
        ['Northwind Partners', '5100002', 'is_indirect_cloud_solution_provider_of'],
      ],
    );
    const providers = await client.relationships.list('IsIndirectResellerOf');
    assert.deepEqual(
      providers.map((entry) => entry.id),
      [provider.tenantId],
    );
    assert.equal(
      stub.requestsTo('/v1/relationships')[0]?.query['relationship_type'],
      'IsIndirectCloudSolutionProviderOf',
    );
  });

  it("C2/C3: gets Partner Center's own invitation link, with the indirect provider for a two-tier invitation", async () => {
    const { client } = clientFor(stub);
    const direct = new URL(await client.relationships.customerInvitationLink());
    assert.equal(direct.hostname, 'admin.microsoft.com');
    assert.equal(direct.searchParams.get('partnerId'), stub.world.partner.tenantId);
    const twoTier = new URL(
      await client.relationships.customerInvitationLink({ indirectCloudSolutionProviderId: provider.tenantId }),
    );
    assert.equal(twoTier.searchParams.get('indirectCSPId'), provider.tenantId);
    assert.equal(
      stub.requestsTo('/v1/customers/relationshiprequests')[1]?.query['indirectCloudSolutionProviderId'],
      provider.tenantId,
    );
    const refused = await rejection(
      client.relationships.customerInvitationLink({ indirectCloudSolutionProviderId: fabrikam.tenantId }),
    );
    assert.equal(refused.kind, 'invalid-request');
    assert.equal(refused.code, '800002');
  });

  it('C5: pages through customers with the next link and its MS-ContinuationToken', async () => {
    const { client } = clientFor(stub);
    const first = await client.customers.list({ size: 2 });
    assert.equal(first.totalCount, 3);
    assert.equal(first.items.length, 2);
    assert.ok(first.next);
    const second = await client.customers.list({ continuation: first.next });
    assert.deepEqual(
      second.items.map((customer) => customer.companyProfile.companyName),
      ['Litware'],
    );
    assert.equal(second.next, undefined);
    const seek = stub.requests.at(-1);
    assert.equal(seek?.query['seekOperation'], 'Next');
    assert.equal(seek?.headers['ms-continuationtoken'], first.next.token);
    const before = stub.requests.length;
    const all = await client.customers.listAll({ size: 1 });
    assert.equal(all.length, 3);
    const pages = stub.requests.slice(before);
    assert.equal(pages.length, 3);
    assert.equal(new Set(pages.map((request) => request.headers['ms-correlationid'])).size, 1, 'one operation');
    assert.equal(new Set(pages.map((request) => request.headers['ms-requestid'])).size, 3, 'three requests');
  });

  it("S4: lists one indirect reseller's customers with the IndirectReseller filter", async () => {
    const { client } = clientFor(stub);
    const page = await client.customers.list({ indirectResellerId: fabrikam.tenantId });
    assert.deepEqual(page.items.map((customer) => customer.companyProfile.companyName).sort(), [
      'Tailspin Toys',
      'Wingtip Toys',
    ]);
    const filter = stub.requestsTo('/v1/customers').at(-1)?.query['filter'];
    assert.deepEqual(JSON.parse(filter ?? '{}'), {
      Field: 'IndirectReseller',
      Value: fabrikam.tenantId,
      Operator: 'starts_with',
    });
  });

  it("S4: reads a customer's subscriptions; C1: a customer without a relationship is refused with code 20002", async () => {
    const { client } = clientFor(stub);
    const subscriptions = await client.customers.subscriptions(wingtip.id);
    assert.equal(subscriptions.length, 1);
    assert.equal(subscriptions[0]?.offerName, 'Microsoft 365 Business Basic');
    assert.equal(subscriptions[0]?.partnerId, '5100001');
    const refused = await rejection(client.customers.subscriptions('11111111-2222-3333-4444-555555555555'));
    assert.equal(refused.kind, 'forbidden');
    assert.equal(refused.code, '20002');
  });

  it("M2: checks the reseller's MPA status by MPN ID and folds Partner Center's refusals into reasons", async () => {
    const { client } = clientFor(stub);
    assert.equal(await client.compliance.isAgreementSigned(fabrikam.mpnId), true);
    assert.equal(await client.compliance.isAgreementSigned(northwind.mpnId), false);
    assert.deepEqual(await client.compliance.checkResellerAgreement(northwind.mpnId), { status: 'not-signed' });
    assert.deepEqual(await client.compliance.checkResellerAgreement('5999999'), { status: 'unknown-mpn-id' });
    assert.deepEqual(await client.compliance.checkResellerAgreement('5300001'), { status: 'other-region' });
    assert.deepEqual(await client.compliance.checkResellerAgreement('5300002'), { status: 'not-indirect-reseller' });
    const nonNumeric = await rejection(client.compliance.isAgreementSigned('abc'));
    assert.equal(nonNumeric.code, '2000');
    assert.equal(stub.requestsTo('/v1/compliance/csp/agreementstatus')[0]?.query['mpnId'], fabrikam.mpnId);
  });

  it('S1–S3: creates a customer for an indirect reseller and returns the one-time credentials', async () => {
    const { client, logs } = clientFor(stub);
    const { customer, credentials } = await client.customers.create({
      domain: 'alpineski.onmicrosoft.com',
      companyName: 'Alpine Ski House',
      email: 'owner@alpineski.example',
      culture: 'en-US',
      language: 'en',
      address: {
        country: 'KR',
        city: 'Seoul',
        addressLine1: '2 Jong-ro',
        postalCode: '03155',
        firstName: 'Ji-woo',
        lastName: 'Park',
      },
      associatedPartnerId: fabrikam.tenantId,
    });
    assert.equal(customer.associatedPartnerId, fabrikam.tenantId);
    assert.equal(customer.companyProfile.domain, 'alpineski.onmicrosoft.com');
    assert.equal(credentials.userName, 'admin');
    assert.ok(credentials.password.length >= 8);
    assert.ok(!JSON.stringify(logs).includes(credentials.password), 'the one-time password is never logged');
    const sent = stub.requestsTo('/v1/customers').at(-1);
    assert.equal(sent?.method, 'POST');
    assert.match(JSON.stringify(sent?.body), /"associatedPartnerId":"[0-9a-f-]{36}"/);
    const page = await client.customers.list({ indirectResellerId: fabrikam.tenantId });
    assert.ok(
      page.items.some((entry) => entry.id === customer.id),
      'S3: listed for the provider, with the reseller',
    );
    const duplicate = await rejection(
      client.customers.create({
        domain: 'alpineski.onmicrosoft.com',
        companyName: 'Alpine Ski House',
        email: 'owner@alpineski.example',
        culture: 'en-US',
        language: 'en',
        address: {
          country: 'KR',
          city: 'Seoul',
          addressLine1: '2 Jong-ro',
          postalCode: '03155',
          firstName: 'J',
          lastName: 'P',
        },
      }),
    );
    assert.equal(duplicate.kind, 'conflict');
  });

  it('S4/M2: orders with the reseller as PartnerIdOnRecord; a reseller without MPA is refused (900123)', async () => {
    const { client } = clientFor(stub);
    const order = await client.orders.create(wingtip.id, [
      { offerId: 'CFQ7TTC0LH18:0001', quantity: 3, friendlyName: 'Business Basic', partnerIdOnRecord: fabrikam.mpnId },
    ]);
    assert.equal(order.referenceCustomerId, wingtip.id);
    assert.equal(order.lineItems[0]?.partnerIdOnRecord, fabrikam.mpnId);
    assert.ok(order.lineItems[0]?.subscriptionId);
    const sent = stub.requestsTo(`/v1/customers/${wingtip.id}/orders`)[0];
    assert.match(JSON.stringify(sent?.body), /"partnerIdOnRecord":"5100001"/);
    const refused = await rejection(
      client.orders.create(wingtip.id, [
        { offerId: 'CFQ7TTC0LH18:0001', quantity: 1, partnerIdOnRecord: northwind.mpnId },
      ]),
    );
    assert.equal(refused.kind, 'forbidden');
    assert.equal(refused.code, '900123');
    const notReseller = await rejection(
      client.orders.create(wingtip.id, [{ offerId: 'CFQ7TTC0LH18:0001', quantity: 1, partnerIdOnRecord: '4800001' }]),
    );
    assert.equal(notReseller.code, '800016');
  });

  it('C6: removing the relationship is refused while subscriptions are active, then succeeds', async () => {
    const { client } = clientFor(stub);
    const blocked = await rejection(client.customers.removeResellerRelationship(wingtip.id));
    assert.equal(blocked.kind, 'invalid-request');
    for (const subscription of wingtip.subscriptions) subscription.status = 'suspended';
    await client.customers.removeResellerRelationship(wingtip.id);
    const sent = stub.requests.at(-1);
    assert.equal(sent?.method, 'PATCH');
    assert.deepEqual(sent?.body, { relationshipToPartner: 'none', attributes: { objectType: 'Customer' } });
    const all = await client.customers.listAll();
    assert.ok(!all.some((customer) => customer.id === wingtip.id), 'C6: no longer on the list');
  });

  it('registers, reads, updates and deletes the webhook registration', async () => {
    const { client } = clientFor(stub);
    assert.ok((await client.webhooks.events()).includes('reseller-relationship-accepted-by-customer'));
    assert.equal(await client.webhooks.get(), undefined);
    const registered = await client.webhooks.register('https://bot.example/api/partner-center/events', [
      'test-created',
    ]);
    assert.match(registered.SubscriberId ?? '', guid);
    assert.deepEqual(stub.requests.at(-1)?.body, {
      WebhookUrl: 'https://bot.example/api/partner-center/events',
      WebhookEvents: ['test-created'],
    });
    const updated = await client.webhooks.update('https://bot.example/api/partner-center/events', [
      'test-created',
      'reseller-relationship-accepted-by-customer',
    ]);
    assert.equal(updated.WebhookEvents.length, 2);
    assert.equal((await client.webhooks.get())?.WebhookEvents.length, 2);
    await client.webhooks.delete();
    assert.equal(await client.webhooks.get(), undefined);
  });

  it('refuses an app-only token on app+user-only routes (403) and an unknown token (401), without retrying', async () => {
    const appOnly = clientFor(stub, { token: stub.issueToken({ appOnly: true }) }).client;
    assert.equal((await appOnly.profiles.legalBusiness()).companyName, 'Contoso Distribution');
    const forbidden = await rejection(appOnly.relationships.list('IsIndirectCloudSolutionProviderOf'));
    assert.equal(forbidden.kind, 'forbidden');
    assert.equal(forbidden.attempts, 1);
    const unknown = clientFor(stub, { token: 'not-a-token' }).client;
    const before = stub.requests.length;
    const unauthorized = await rejection(unknown.customers.list());
    assert.equal(unauthorized.kind, 'unauthorized');
    assert.equal(unauthorized.status, 401);
    assert.equal(stub.requests.length - before, 1);
  });

  it('accepts Entra-style JWTs: a delegated token (scp) passes app+user-only routes, an app-only one (roles) does not', async () => {
    const audience = 'https://api.partnercenter.microsoft.com';
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    stub.acceptJwts(async (token) => (await jwtVerify(token, publicKey, { audience })).payload);
    const sign = (claims: JWTPayload, aud = audience) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256' })
        .setAudience(aud)
        .setExpirationTime('5m')
        .sign(privateKey);
    const delegated = clientFor(stub, { token: await sign({ scp: 'user_impersonation' }) }).client;
    assert.equal((await delegated.relationships.list('IsIndirectCloudSolutionProviderOf')).length, 2);
    const appOnly = clientFor(stub, { token: await sign({ roles: ['Partner.Read.All'] }) }).client;
    assert.equal((await rejection(appOnly.compliance.isAgreementSigned('5100001'))).kind, 'forbidden');
    const wrongAudience = clientFor(stub, {
      token: await sign({ scp: 'user_impersonation' }, 'https://graph.microsoft.com'),
    });
    assert.equal((await rejection(wrongAudience.client.profiles.mpn())).kind, 'unauthorized');
  });

  it('sends Authorization, Accept, MS-RequestId and MS-CorrelationId on every call; a given correlation id is kept', async () => {
    const { client, logs } = clientFor(stub);
    await client.profiles.mpn();
    await client.customers.list();
    await client.relationships.list('IsIndirectResellerOf', { correlationId: '0f8fad5b-d9cb-469f-a165-70867728950e' });
    assert.equal(stub.requests.length, 3);
    for (const request of stub.requests) {
      assert.match(String(request.headers['authorization']), /^Bearer local-pc\.app-user\./);
      assert.equal(request.headers['accept'], 'application/json');
      assert.match(String(request.headers['ms-requestid']), guid);
      assert.match(String(request.headers['ms-correlationid']), guid);
    }
    const requestIds = new Set(stub.requests.map((request) => request.headers['ms-requestid']));
    assert.equal(requestIds.size, 3, 'a new MS-RequestId per request');
    assert.equal(stub.requests[2]?.headers['ms-correlationid'], '0f8fad5b-d9cb-469f-a165-70867728950e');
    const success = logs.filter((line) => line.message === 'partner center call succeeded');
    assert.equal(success.length, 3);
    assert.equal(success[2]?.fields['correlationId'], '0f8fad5b-d9cb-469f-a165-70867728950e');
    assert.equal(success[2]?.fields['requestId'], stub.requests[2]?.headers['ms-requestid']);
  });
});
