import { REFRESH_TOKEN_PURPOSE, type LinkMode } from '../../../src/domain/partner-center/link-rules.js';
import { connectedPartnerCenter } from '../../../src/partner-center/connected-port.js';
import type { PartnerCenterLogger } from '../../../src/partner-center/transport.js';
import type { ConnectedPartnerCenter } from '../../../src/domain/partner-center/port.js';
import type { TestDatabase } from '../../support/db.js';
import { makeWorld, type EnrolledOrg, type World } from '../../support/fixtures.js';
import { partner, provider, reseller, seedOffers } from '../../support/partners.js';
import type { LocalPartnerCenter } from '../../support/partner-center/server.js';

/*
 * Connected-mode worlds for the port's tests (issue 17): a domain context whose Partner Center port reaches the
 * local Partner Center, a provider partnered with a reseller, and a way to link either organisation in a mode.
 */

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

/** The connected port over the stand-in, with `token` (app+user unless told otherwise) and no real waits. */
export function portOver(
  stub: LocalPartnerCenter,
  token: string = stub.issueToken(),
  logger: PartnerCenterLogger = quiet,
): ConnectedPartnerCenter {
  return connectedPartnerCenter({
    // the token provider itself is tested in token-provider.test.ts; here, a token of the stand-in
    tokens: { accessTokenFor: () => Promise.resolve(token) },
    logger,
    baseUrl: stub.url,
    client: { sleep: () => Promise.resolve(), random: () => 0.5, timeoutMs: 5_000 },
  });
}

export interface ConnectedSetup {
  readonly w: World;
  readonly p: EnrolledOrg;
  readonly r: EnrolledOrg;
}

/** A provider partnered with a reseller (both in KR), offers seeded, the port wired to the stand-in. */
export async function connectedSetup(
  db: { fresh(): Promise<TestDatabase> },
  stub: LocalPartnerCenter,
  opts: { resellerMpa?: boolean } = {},
): Promise<ConnectedSetup> {
  const w = makeWorld(await db.fresh(), { partnerCenter: portOver(stub) });
  await seedOffers(w);
  const p = await provider(w);
  const r = await reseller(w, { mpa: opts.resellerMpa ?? true });
  await partner(w, p, r);
  return { w, p, r };
}

/** L5: `org` linked in `mode`, as an admin's sign-in and mode choice leave it (link-flow.test.ts tests those). */
export async function linkOrg(w: World, org: EnrolledOrg, mode: LinkMode): Promise<void> {
  const admin = await w.store.read.user.findFirstOrThrow({ where: { orgId: org.orgId } });
  const now = w.ctx.now();
  await w.store.read.partnerCenterLink.create({
    data: {
      orgId: org.orgId,
      partnerTenantId: org.tenantId,
      linkedByUserId: admin.id,
      linkedByName: admin.name,
      linkedAt: now,
      refreshToken: w.ctx.cipher.seal('refresh-token', REFRESH_TOKEN_PURPOSE),
      tokenRefreshedAt: now,
      mode,
    },
  });
}
