import assert from 'node:assert/strict';
import { decodeJwt } from 'jose';
import { tenantForDomain } from '../../../../scripts/oidc/local-provider.js';
import { partnerCenterVerbs as pv } from '../../../../src/bot/partner-center/verbs.js';
import { cardOf, cardText } from '../../../support/cards.js';
import type { EnrolledOrg } from '../../../support/fixtures.js';
import type { Chat } from '../../../support/harness.js';
import { partner, provider, seedOffers } from '../../../support/partners.js';
import { LocalPartnerCenter } from '../../../support/partner-center/server.js';
import { chatOf, linkAs, startPcWorld, type PcWorld } from '../../partner-center/support.js';

/*
 * A connected provider in Teams (issue 17): the real bot (harness) pointed at the local Partner Center, a provider
 * whose admin linked its account through the local Entra stand-in and chose connected mode on the card, partnered
 * with a reseller Partner Center also knows. The provider's tenant is the one `@provider.example` accounts sign in to.
 */
export const PROVIDER_DOMAIN = 'provider.example';

export interface ConnectedBot {
  readonly pc: PcWorld;
  readonly stub: LocalPartnerCenter;
  readonly provider: EnrolledOrg;
  /** the reseller (the PcWorld's own organisation) */
  readonly reseller: EnrolledOrg;
  chat(locale?: string): Chat;
  close(): Promise<void>;
}

export async function startConnectedBot(storage: 'sqlite' | 'postgres'): Promise<ConnectedBot> {
  const stub = await LocalPartnerCenter.start();
  // the stand-in takes the access tokens the local Entra issues for the linked account (app+user: they have scp)
  stub.acceptJwts((token) => Promise.resolve(decodeJwt(token)));
  const pc = await startPcWorld(storage, { env: { PARTNER_CENTER_API_URL: stub.url } });
  await seedOffers(pc.w);
  const p = await provider(pc.w, { tenantId: tenantForDomain(PROVIDER_DOMAIN), legalName: 'Contoso Distribution' });
  await partner(pc.w, p, pc.org);
  stub.world.withIndirectReseller({ name: pc.org.legalName, tenantId: pc.org.tenantId, mpnId: pc.org.mpnId });
  const asProvider: PcWorld = { ...pc, org: p };
  const linked = await linkAs(asProvider, `admin@${PROVIDER_DOMAIN}`);
  assert.equal(linked.page.status, 200, linked.page.text.slice(0, 300));
  pc.h.connector.reset();
  const mode = cardOf(await chatOf(asProvider, p.admin).invoke(pv.partnerCenterMode, { v: 1, mode: 'connected' }));
  assert.match(cardText(mode), /connected/i);
  return {
    pc,
    stub,
    provider: p,
    reseller: pc.org,
    chat: (locale = 'en-US') => chatOf(asProvider, p.admin, locale),
    async close() {
      await pc.close();
      await stub.stop();
    },
  };
}
