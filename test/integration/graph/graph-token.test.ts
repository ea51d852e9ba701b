/**
 * Issue 18 item 5: Graph's delegated token through the same linked account as Partner Center (Secure Application
 * Model). The linked account lives in the database, so these run on SQLite and, with TEST_DATABASE_URL, PostgreSQL:
 * first against a scripted Entra (audiences, rotation, races, refusals), then end to end: the `partner center` card's
 * sign-in against the local Entra stand-in, the stored refresh token redeemed for Graph, and the connected GDAP
 * adapter calling the local Graph with that token.
 */
import assert from 'node:assert/strict';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { GRAPH_RESOURCE } from '../../../scripts/oidc/local-provider.js';
import {
  partnerCenterTokens,
  type EntraRefresh,
  type RefreshOutcome,
  type TokenAudience,
} from '../../../src/domain/partner-center/partner-center-tokens.js';
import { AppError } from '../../../src/domain/shared/errors.js';
import { createConnectedGdap } from '../../../src/graph/connected-gdap.js';
import { forEachDatabase, type TestDatabase } from '../../support/db.js';
import { enrolledOrg, makeWorld } from '../../support/fixtures.js';
import { linkedAccount, storedRefreshToken } from '../../support/partner-center/linked-account.js';
import { GDAP_PERMISSION, LocalGraph } from '../../support/graph/server.js';
import { claimsOf, DOMAIN, linkAs, startPcWorld } from '../partner-center/support.js';

/** An Entra stand-in answering each refresh with numbered tokens named after the audience asked for. */
function scriptedEntra(answer?: (audience: TokenAudience) => RefreshOutcome | undefined) {
  const seen: [string, TokenAudience][] = [];
  let n = 0;
  const entra: EntraRefresh = {
    async refresh(refreshToken, audience = 'partner-center') {
      seen.push([refreshToken, audience]);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const scripted = answer?.(audience);
      if (scripted) return scripted;
      const i = ++n;
      return { ok: true, accessToken: `${audience}-access-${i}`, refreshToken: `refresh-${i}`, expiresInSeconds: 3600 };
    },
  };
  return { entra, seen };
}

/** A fresh database with an enrolled, linked organisation (refresh token "refresh-0"). */
async function linkedOrg(db: { fresh(): Promise<TestDatabase> }) {
  const w = makeWorld(await db.fresh());
  const org = await enrolledOrg(w);
  await linkedAccount(w, org.orgId);
  return { w, orgId: org.orgId };
}

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const code = (e: unknown) => (e instanceof AppError ? e.code : String(e));

forEachDatabase('Graph token through the linked account (issue 18 item 5)', (db) => {
  it('L4: the stored refresh token is redeemed for Graph’s audience and replaced, sealed; Graph and Partner Center tokens are kept apart', async () => {
    const { w, orgId } = await linkedOrg(db);
    const s = scriptedEntra();
    const tokens = partnerCenterTokens(w.ctx, s.entra);
    assert.equal(await tokens.graphAccessTokenFor(orgId), 'graph-access-1');
    const after = await storedRefreshToken(w, orgId);
    assert.equal(after.plain, 'refresh-1');
    assert.match(after.row.refreshToken ?? '', /^v1:/);
    assert.equal(await tokens.accessTokenFor(orgId), 'partner-center-access-2', 'not the Graph token');
    assert.equal(await tokens.graphAccessTokenFor(orgId), 'graph-access-1', 'cached while it lasts');
    assert.deepEqual(s.seen, [
      ['refresh-0', 'graph'],
      ['refresh-1', 'partner-center'],
    ]);
  });

  it('L4: asked for Partner Center and Graph at once, one redemption at a time, the second with the first one’s new refresh token', async () => {
    const { w, orgId } = await linkedOrg(db);
    const s = scriptedEntra();
    const tokens = partnerCenterTokens(w.ctx, s.entra);
    const both = await Promise.all([tokens.accessTokenFor(orgId), tokens.graphAccessTokenFor(orgId)]);
    assert.deepEqual(both, ['partner-center-access-1', 'graph-access-2']);
    assert.deepEqual(
      s.seen.map(([token]) => token),
      ['refresh-0', 'refresh-1'],
    );
    const after = await storedRefreshToken(w, orgId);
    assert.deepEqual([after.plain, after.row.version], ['refresh-2', 2]);
  });

  it('an account linked before Graph’s scope was asked gets GRAPH_ACCESS_DENIED; its Partner Center link keeps working', async () => {
    const { w, orgId } = await linkedOrg(db);
    const s = scriptedEntra((audience) =>
      audience === 'graph' ? { ok: false, error: 'consent_required' } : undefined,
    );
    const tokens = partnerCenterTokens(w.ctx, s.entra);
    assert.equal(await tokens.graphAccessTokenFor(orgId).catch(code), 'GRAPH_ACCESS_DENIED');
    const after = await storedRefreshToken(w, orgId);
    assert.deepEqual([after.row.status, after.plain], ['active', 'refresh-0']);
    assert.equal(await tokens.accessTokenFor(orgId), 'partner-center-access-1');
  });

  it('L7: Entra refusing the refresh token for Graph (invalid_grant) drops it and the link needs a new sign-in', async () => {
    const { w, orgId } = await linkedOrg(db);
    const s = scriptedEntra(() => ({ ok: false, error: 'invalid_grant' }));
    const tokens = partnerCenterTokens(w.ctx, s.entra);
    assert.equal(await tokens.graphAccessTokenFor(orgId).catch(code), 'PC_SIGN_IN_AGAIN');
    const after = await storedRefreshToken(w, orgId);
    assert.deepEqual([after.row.status, after.row.refreshToken], ['needs_sign_in', null]);
    assert.equal(await tokens.accessTokenFor(orgId).catch(code), 'PC_SIGN_IN_AGAIN');
  });

  it('L6: after unlinking, a cached Graph token is not used again', async () => {
    const { w, orgId } = await linkedOrg(db);
    const tokens = partnerCenterTokens(w.ctx, scriptedEntra().entra);
    await tokens.graphAccessTokenFor(orgId);
    await w.store.read.partnerCenterLink.delete({ where: { orgId } });
    assert.equal(await tokens.graphAccessTokenFor(orgId).catch(code), 'PC_NOT_LINKED');
  });

  it('end to end: the card’s sign-in consents to Graph too; the linked account’s Graph token (aud Graph, scp DelegatedAdminRelationship.ReadWrite.All) reads the local Graph', async function () {
    this.timeout(60_000);
    const p = await startPcWorld(db.kind);
    const graph = await LocalGraph.start();
    try {
      const { page } = await linkAs(p, `admin@${DOMAIN}`);
      assert.equal(page.status, 200);
      const tokens = partnerCenterTokens(p.w.ctx, p.signIn());
      const graphToken = await tokens.graphAccessTokenFor(p.org.orgId);
      const claims = claimsOf(graphToken);
      assert.equal(claims['aud'], GRAPH_RESOURCE);
      assert.equal(claims['scp'], GDAP_PERMISSION);
      assert.equal(claims['tid'], p.org.tenantId);
      assert.notEqual(claimsOf(await tokens.accessTokenFor(p.org.orgId))['aud'], GRAPH_RESOURCE);
      // the local Graph checks the stand-in's signature and audience, as Graph checks Entra's
      const jwks = createRemoteJWKSet(new URL(`${p.oidc.issuer}/jwks`));
      graph.acceptJwts(async (token) => (await jwtVerify(token, jwks, { audience: GRAPH_RESOURCE })).payload);
      graph.world.seed('active', { displayName: 'Contoso helpdesk' });
      const port = createConnectedGdap({ tokens, baseUrl: graph.baseUrl, logger: quiet }).forOrg(p.org.orgId);
      assert.deepEqual(
        (await port.relationships())?.map((r) => r.displayName),
        ['Contoso helpdesk'],
      );
      assert.match(String(graph.hits[0]?.headers.authorization), /^Bearer ey/);
      // a Partner Center token is refused by Graph (wrong audience)
      const wrong = createConnectedGdap({
        tokens: { graphAccessTokenFor: (orgId) => tokens.accessTokenFor(orgId) },
        baseUrl: graph.baseUrl,
        logger: quiet,
      }).forOrg(p.org.orgId);
      assert.equal(await wrong.relationships().catch(code), 'GRAPH_ACCESS_DENIED');
    } finally {
      await graph.stop();
      await p.close();
    }
  });
});
