/**
 * The playground demo's data (issue 14 item 7), written through the domain's own use cases, never SQL,
 * and idempotent: run it on every start and it adds only what is missing.
 *
 * - the MPN registry from samples/mpn-registry.csv (E2): 6123001 "Contoso Korea Co., Ltd." (KR) is the
 *   demo MPN ID you enroll with;
 * - the offer catalogue from samples/offers.csv (S1);
 * - a listed indirect provider in a second tenant: "Fabrikam Cloud Services Korea" (MPN 6123002),
 *   enrolled (E1), its contact verified (E4), approved (E5), MPA signed (M1) and in the directory (P10).
 */
import { importOffersAsSystem } from '../../src/domain/subscriptions/offer-catalogue.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Actor, DomainContext } from '../../src/domain/shared/context.js';
import { importMpnProfilesAsSystem } from '../../src/domain/enrollment/import-mpn-profiles.js';
import { enroll } from '../../src/domain/enrollment/enroll.js';
import { verifyContact } from '../../src/domain/enrollment/verify-contact.js';
import { startEmailVerification } from '../../src/domain/enrollment/start-email-verification.js';
import { reviewEnrollment } from '../../src/domain/enrollment/review-enrollment.js';
import { signMpa } from '../../src/domain/agreement/sign-mpa.js';
import { setDirectoryProfile } from '../../src/domain/directory/directory.js';
import { parseCsv } from '../../src/domain/shared/csv.js';
import { DEMO_PROVIDER_ADMIN, DEMO_PROVIDER_TENANT, YOU, YOUR_TENANT } from './personas.js';

export const samplesDir = fileURLToPath(new URL('../../samples/', import.meta.url));

/** The demo provider as the enrollment form would have it. */
export const DEMO_PROVIDER = {
  partnerType: 'indirect_provider',
  mpnId: '6123002',
  legalName: 'Fabrikam Cloud Services Korea',
  address: { line1: '152 Teheran-ro', city: 'Seoul', postalCode: '06236' },
  country: 'KR',
  primaryContact: { name: DEMO_PROVIDER_ADMIN.name, email: DEMO_PROVIDER_ADMIN.email, phone: '+82 2 555 0100' },
  supportContact: {
    email: 'support@fabrikam-kr.example',
    phone: '+82 2 555 0199',
    website: 'https://fabrikam-kr.example',
  },
} as const;

/** The demo MPN ID the README's first journey enrolls with (KR, active). */
export const DEMO_MPN_ID = '6123001';

export interface SeedSummary {
  readonly mpn: { created: number; updated: number; unchanged: number };
  readonly offers: string;
  readonly provider: { orgId: string; name: string; steps: readonly string[] };
}

/** The program administrator who approves and lists the demo provider: the Playground's own user. */
function programAdmin(): Actor {
  return { aadObjectId: YOU.aadObjectId, tenantId: YOUR_TENANT, name: YOU.name, email: YOU.email, locale: 'en-US' };
}

function providerAdmin(): Actor {
  return {
    aadObjectId: DEMO_PROVIDER_ADMIN.aadObjectId,
    tenantId: DEMO_PROVIDER_TENANT,
    name: DEMO_PROVIDER_ADMIN.name,
    email: DEMO_PROVIDER_ADMIN.email,
    locale: 'ko-KR',
  };
}

/**
 * Imports samples/offers.csv through the domain's own importer (importOffersAsSystem), unless the catalogue
 * already holds it. Returns a one-line summary.
 */
export async function seedOfferCatalogue(ctx: DomainContext, csvText: string): Promise<string> {
  if (await catalogueHolds(ctx, csvText)) return 'already there';
  const r = await importOffersAsSystem(ctx, csvText, 'system:playground-seed');
  return `${r.created} added, ${r.updated} updated, ${r.unchanged} unchanged`;
}

async function seedProvider(ctx: DomainContext): Promise<SeedSummary['provider']> {
  const admin = providerAdmin();
  const steps: string[] = [];
  let org = await ctx.store.read.organization.findUnique({ where: { tenantId: DEMO_PROVIDER_TENANT } });
  if (!org) {
    const enrolled = await enroll(ctx, admin, DEMO_PROVIDER);
    steps.push('enrolled');
    if (enrolled.verification) {
      await verifyContact(ctx, { token: enrolled.verification.token });
      steps.push('contact verified');
    }
    org = await ctx.store.read.organization.findUnique({ where: { tenantId: DEMO_PROVIDER_TENANT } });
  }
  if (!org) throw new Error('the demo provider was not created');
  // an earlier run stopped half-way: finish the steps it did not
  const app = await ctx.store.read.enrollmentApplication.findFirst({
    where: { orgId: org.id },
    orderBy: { createdAt: 'desc' },
  });
  if (app && (app.state === 'submitted' || app.state === 'awaiting_verification')) {
    const issued = await startEmailVerification(ctx, admin, { applicationId: app.id });
    await verifyContact(ctx, { token: issued.token });
    steps.push('contact verified');
  }
  if (app && app.state !== 'approved') {
    const current = await ctx.store.read.enrollmentApplication.findUnique({ where: { id: app.id } });
    if (current?.state === 'in_review') {
      await reviewEnrollment(ctx, programAdmin(), { applicationId: app.id, decision: 'approve' });
      steps.push('approved');
    }
  }
  const signed = await signMpa(ctx, admin, { accept: true });
  if (signed.created) steps.push('MPA signed');
  const listing = await ctx.store.read.directoryProfile.findUnique({ where: { orgId: org.id } });
  if (!listing?.listed) {
    await setDirectoryProfile(ctx, programAdmin(), {
      orgId: org.id,
      summary:
        'Demo indirect provider for Korean resellers: Microsoft 365 and Azure, Korean-language support. 한국 재판매인을 위한 데모 간접 공급자입니다.',
      services: ['m365', 'azure', 'dynamics-365'],
      contactEmail: 'partners@fabrikam-kr.example',
      contactPhone: '+82 2 555 0100',
      website: 'https://fabrikam-kr.example',
      listed: true,
    });
    steps.push('listed in the directory');
  }
  return { orgId: org.id, name: org.legalName, steps };
}

/**
 * Whether the registry already holds every row of the file as written (then the import, which
 * records an audit event even when nothing changes, is not run again).
 */
async function registryHolds(ctx: DomainContext, csvText: string): Promise<boolean> {
  const [header, ...rows] = parseCsv(csvText).map((r) => r.fields.map((f) => f.trim()));
  if (header?.join(',') !== 'mpnId,orgName,country,active') return false;
  const stored = await ctx.store.read.mpnProfile.findMany({ where: { mpnId: { in: rows.map((r) => r[0] ?? '') } } });
  const byId = new Map(stored.map((p) => [p.mpnId, p]));
  return rows.every(([mpnId = '', orgName = '', country = '', active = 'true']) => {
    const p = byId.get(mpnId);
    return (
      p &&
      p.orgName === orgName &&
      p.country.toUpperCase() === country.toUpperCase() &&
      p.active === (active.toLowerCase() !== 'false')
    );
  });
}

/** Whether the catalogue already holds every offer of the file as written (the import audits every run). */
async function catalogueHolds(ctx: DomainContext, csvText: string): Promise<boolean> {
  const [header, ...rows] = parseCsv(csvText).map((r) => r.fields.map((f) => f.trim()));
  if (!header || header.slice(0, 5).join(',') !== 'offerId,nameEn,nameKo,minQuantity,maxQuantity') return false;
  const stored = await ctx.store.read.offer.findMany({ where: { id: { in: rows.map((r) => r[0] ?? '') } } });
  const byId = new Map(stored.map((o) => [o.id, o]));
  return rows.every(([id = '', nameEn = '', nameKo = '', min = '', max = '', active = 'true']) => {
    const o = byId.get(id);
    return (
      o !== undefined &&
      o.nameEn === nameEn &&
      o.nameKo === nameKo &&
      o.minQuantity === Number(min) &&
      o.maxQuantity === Number(max) &&
      o.active === (active.toLowerCase() !== 'false')
    );
  });
}

/** Seeds what is missing; safe to run on every start. */
export async function seedPlayground(ctx: DomainContext, dir = samplesDir): Promise<SeedSummary> {
  const mpnCsv = readFileSync(path.join(dir, 'mpn-registry.csv'), 'utf8');
  const mpn = (await registryHolds(ctx, mpnCsv))
    ? { created: 0, updated: 0, unchanged: parseCsv(mpnCsv).length - 1 }
    : await importMpnProfilesAsSystem(ctx, mpnCsv, 'system:playground-seed');
  const offers = await seedOfferCatalogue(ctx, readFileSync(path.join(dir, 'offers.csv'), 'utf8'));
  const provider = await seedProvider(ctx);
  return {
    mpn: { created: mpn.created, updated: mpn.updated, unchanged: mpn.unchanged },
    offers,
    provider,
  };
}
