import assert from 'node:assert/strict';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { GRAPH_RESOURCE } from '../../../../scripts/oidc/local-provider.js';
import { partnerCenterVerbs as pv } from '../../../../src/bot/partner-center/verbs.js';
import { cardOf, cardText } from '../../../support/cards.js';
import type { Chat } from '../../../support/harness.js';
import { customerOf } from '../../../support/partners.js';
import { LocalGraph } from '../../../support/graph/server.js';
import { LocalPartnerCenter } from '../../../support/partner-center/server.js';
import { chatOf, DOMAIN, linkAs, startPcWorld, type PcWorld } from '../../partner-center/support.js';

/*
 * A connected GDAP organisation in Teams (issue 18, G13): the real bot (harness) configured with GRAPH_API_URL at the
 * local Graph (test/support/graph) and PARTNER_CENTER_API_URL at the local Partner Center, an enrolled reseller
 * serving one customer, whose admin linked its account through the local Entra stand-in (consenting to Graph's
 * DelegatedAdminRelationship.ReadWrite.All too) and chose connected mode on the `partner center` card. The local
 * Graph checks the stand-in's signature and Graph audience on every token, as Graph checks Entra's.
 */
export interface ConnectedGdapBot {
  readonly pc: PcWorld;
  readonly graph: LocalGraph;
  readonly customerId: string;
  readonly customerTenantId: string;
  chat(locale?: string): Chat;
  close(): Promise<void>;
}

export async function startConnectedGdapBot(storage: 'sqlite' | 'postgres'): Promise<ConnectedGdapBot> {
  const stub = await LocalPartnerCenter.start();
  stub.acceptJwts((token) => Promise.resolve(decodeJwt(token)));
  const graph = await LocalGraph.start();
  const pc = await startPcWorld(storage, {
    env: { PARTNER_CENTER_API_URL: stub.url, GRAPH_API_URL: graph.baseUrl },
  });
  const jwks = createRemoteJWKSet(new URL(`${pc.oidc.issuer}/jwks`));
  graph.acceptJwts(async (token) => (await jwtVerify(token, jwks, { audience: GRAPH_RESOURCE })).payload);
  // the customer is served before the organisation goes connected (G6 reads the bot's own relationship)
  const customer = await customerOf(pc.w, pc.org);
  const row = await pc.w.store.read.customer.findUniqueOrThrow({ where: { id: customer.customerId } });
  const linked = await linkAs(pc, `admin@${DOMAIN}`);
  assert.equal(linked.page.status, 200, linked.page.text.slice(0, 300));
  pc.h.connector.reset();
  const mode = cardOf(await chatOf(pc, pc.org.admin).invoke(pv.partnerCenterMode, { v: 1, mode: 'connected' }));
  assert.match(cardText(mode), /connected/i);
  return {
    pc,
    graph,
    customerId: customer.customerId,
    customerTenantId: row.tenantId,
    chat: (locale = 'en-US') => chatOf(pc, pc.org.admin, locale),
    async close() {
      await pc.close();
      await graph.stop();
      await stub.stop();
    },
  };
}
