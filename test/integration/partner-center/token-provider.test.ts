/**
 * The token provider (PartnerCenterTokens, L4 and L7 in docs/partner-center.md) on a real database, with Entra ID's
 * token endpoint replaced by a scripted one so that races and outages can be staged: two instances refreshing at
 * once, one instance asked twice at once, Entra unreachable, a stored token that no longer opens.
 */
import assert from 'node:assert/strict';
import { REFRESH_TOKEN_PURPOSE } from '../../../src/domain/partner-center/link-rules.js';
import {
  partnerCenterTokens,
  type EntraRefresh,
  type RefreshOutcome,
} from '../../../src/domain/partner-center/partner-center-tokens.js';
import { AppError } from '../../../src/domain/shared/errors.js';
import { createFieldCipher } from '../../../src/data/field-cipher.js';
import { forEachDatabase } from '../../support/db.js';
import { enrolledOrg, makeWorld, type World } from '../../support/fixtures.js';
import { linkedAccount, storedRefreshToken } from '../../support/partner-center/linked-account.js';

/** An Entra stand-in that answers each refresh with the next numbered tokens, after `gate` opens. */
function scriptedEntra(gate: Promise<void> = Promise.resolve()) {
  const seen: string[] = [];
  let n = 0;
  const entra: EntraRefresh = {
    async refresh(refreshToken: string): Promise<RefreshOutcome> {
      seen.push(refreshToken);
      const i = ++n;
      await gate;
      return { ok: true, accessToken: `access-${i}`, refreshToken: `refresh-${i}`, expiresInSeconds: 3600 };
    },
  };
  return { entra, seen };
}

const linked = linkedAccount;

async function storedPlain(w: World, orgId: string): Promise<string | null> {
  return (await storedRefreshToken(w, orgId)).plain;
}

forEachDatabase('Partner Center token provider (issue 17 item 2)', (db) => {
  it('L4: two instances refreshing at once both get an access token; one new refresh token is stored, sealed', async () => {
    const w = makeWorld(await db.fresh());
    const org = await enrolledOrg(w);
    await linked(w, org.orgId);
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const a = scriptedEntra(gate);
    const b = scriptedEntra(gate);
    const first = partnerCenterTokens(w.ctx, a.entra).accessTokenFor(org.orgId);
    const second = partnerCenterTokens(w.ctx, b.entra).accessTokenFor(org.orgId);
    await new Promise((r) => setTimeout(r, 50));
    open();
    assert.deepEqual(await Promise.all([first, second]), ['access-1', 'access-1']);
    assert.deepEqual([...a.seen, ...b.seen], ['refresh-0', 'refresh-0'], 'both read the same stored token');
    assert.equal(await storedPlain(w, org.orgId), 'refresh-1');
    const row = await w.store.read.partnerCenterLink.findUniqueOrThrow({ where: { orgId: org.orgId } });
    assert.equal(row.version, 1, 'exactly one of them wrote');
  });

  it('L4: one instance asked twice at once refreshes once', async () => {
    const w = makeWorld(await db.fresh());
    const org = await enrolledOrg(w);
    await linked(w, org.orgId);
    const s = scriptedEntra();
    const tokens = partnerCenterTokens(w.ctx, s.entra);
    assert.deepEqual(await Promise.all([tokens.accessTokenFor(org.orgId), tokens.accessTokenFor(org.orgId)]), [
      'access-1',
      'access-1',
    ]);
    assert.equal(s.seen.length, 1);
  });

  it('L4: when Entra ID cannot be reached, the error is the caller’s, nothing is stored and the link stays usable', async () => {
    const w = makeWorld(await db.fresh());
    const org = await enrolledOrg(w);
    await linked(w, org.orgId);
    const down: EntraRefresh = { refresh: () => Promise.reject(new Error('connect ECONNREFUSED')) };
    await assert.rejects(partnerCenterTokens(w.ctx, down).accessTokenFor(org.orgId), /ECONNREFUSED/);
    const row = await w.store.read.partnerCenterLink.findUniqueOrThrow({ where: { orgId: org.orgId } });
    assert.equal(row.status, 'active');
    assert.equal(await storedPlain(w, org.orgId), 'refresh-0');
    assert.equal(await partnerCenterTokens(w.ctx, scriptedEntra().entra).accessTokenFor(org.orgId), 'access-1');
  });

  it('L7: a stored token that no longer opens (another data key) is dropped and the link needs a new sign-in', async () => {
    const w = makeWorld(await db.fresh());
    const org = await enrolledOrg(w);
    const other = createFieldCipher(Buffer.alloc(32, 7));
    await w.store.read.partnerCenterLink.create({
      data: {
        orgId: org.orgId,
        partnerTenantId: 'tenant',
        linkedByUserId: 'user',
        linkedByName: 'Kim Min-jun',
        linkedAt: w.clock.now(),
        refreshToken: other.seal('refresh-0', REFRESH_TOKEN_PURPOSE),
        tokenRefreshedAt: w.clock.now(),
      },
    });
    const s = scriptedEntra();
    await assert.rejects(
      partnerCenterTokens(w.ctx, s.entra).accessTokenFor(org.orgId),
      (e: unknown) => e instanceof AppError && e.code === 'PC_SIGN_IN_AGAIN',
    );
    assert.equal(s.seen.length, 0, 'nothing unreadable is sent to Entra ID');
    const row = await w.store.read.partnerCenterLink.findUniqueOrThrow({ where: { orgId: org.orgId } });
    assert.deepEqual([row.status, row.refreshToken], ['needs_sign_in', null]);
  });
});
