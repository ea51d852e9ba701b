/**
 * Seeds a benchmark database: 100,000 partner organisations and 1,000,000 customer relationships
 * (issue 3, item 8). Deterministic: the same --seed gives the same rows.
 *
 *   npm run bench:seed                                   # SQLite file bench/.data/bench.db
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/csp_bench npm run bench:seed
 *   npm run bench:seed -- --orgs 10000 --relationships 100000 --seed 7
 *
 * The target is dropped and recreated, the project's migrations are applied (applyMigrations from
 * src/data/migrations.ts), rows go in through the fastest path each database has (lib/sink.ts), then
 * ANALYZE.
 * The world (see lib/world.ts):
 *  - ~2% indirect providers, ~70% indirect resellers (some of them also direct-bill, E6), the rest
 *    direct-bill; countries across the CSP regions; every organisation onboarded with one global-admin
 *    user and primary + support contacts; MPA signed by every provider and direct-bill partner and by
 *    ~88% of resellers (M1/M2).
 *  - each reseller partners with 1–3 providers of its own region (P6, P8); the choice is skewed: each
 *    region has one dominant distributor that ~75% of its resellers pick first, so the largest provider
 *    has tens of thousands of resellers (the hard case for paging). ~90% active; the rest requested,
 *    declined, end-requested or ended.
 *  - customers in the partner's region (C7); a reseller's or direct-bill partner's own relationship,
 *    and for ~35% of resellers' customers also the provider's relationship associated with the reseller
 *    (C3 / S1–S3); ~2% of customers served by a second partner (C11); ~3% of relationships removed (C6).
 *    Customers per partner follow a capped Pareto law.
 */
import BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { pgTarget, sqliteFilePath } from '../src/data/database-url.js';
import { Prng, WeightedPicker } from './lib/prng.js';
import { PgSink, SqliteSink, type Cell, type Sink, type TableWriter } from './lib/sink.js';
import { applyProjectMigrations, benchTarget, recreate } from './lib/target.js';
import {
  CUSTOMER_TAILS,
  FIRST,
  LAST,
  NAME_HEADS,
  NAME_MIDS,
  NAME_TAILS,
  STREETS,
  countries,
  slug,
  type Country,
} from './lib/world.js';

const { values: args } = parseArgs({
  options: {
    orgs: { type: 'string', default: '100000' },
    relationships: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '20261122' },
    // Schema already applied (e.g. by `npm run db:migrate`) and tables empty: skip drop/create/migrate.
    'no-reset': { type: 'boolean', default: false },
    'no-analyze': { type: 'boolean', default: false },
  },
});

const ORGS = Number(args.orgs);
const RELATIONSHIPS = Number(args.relationships);
const rng = new Prng(Number(args.seed));

const DAY = 86_400_000;
const T0 = Date.UTC(2020, 1, 1); // MPA era (M1)
const T1 = Date.UTC(2026, 10, 1);
const MPA_VERSIONS = ['2020-02', '2022-10', '2024-10'] as const;

interface Org {
  readonly id: string;
  readonly region: string;
  readonly isProvider: boolean;
  readonly isReseller: boolean;
  readonly isDirectBill: boolean;
  readonly onboardedMs: number;
  readonly userId: string;
  readonly adminName: string;
  readonly adminEmail: string;
  /** active partnerships' providers (resellers only) */
  providers: Org[];
}

const cuid = (): string => 'c' + rng.base36(24);
const name3 = (): string => `${rng.pick(NAME_HEADS)} ${rng.pick(NAME_MIDS)}`;
const person = (): string => `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
const phone = (): string => `+${String(rng.int(1, 99))} ${String(rng.int(100, 999))} ${String(rng.int(1000, 9999))}`;
const clamp = (ms: number): number => Math.min(ms, T1);

function byRegion(): Map<string, { list: Country[]; picker: WeightedPicker }> {
  const m = new Map<string, Country[]>();
  for (const c of countries) m.set(c.region, [...(m.get(c.region) ?? []), c]);
  return new Map([...m].map(([r, list]) => [r, { list, picker: new WeightedPicker(list.map((c) => c.weight)) }]));
}

async function seed(sink: Sink): Promise<Record<string, number>> {
  const w = async (table: string, cols: string, deps: TableWriter[] = []): Promise<TableWriter> =>
    sink.writer(table, cols.split(/\s*,\s*/), deps);
  const ts = (ms: number): string => sink.ts(ms);
  const b = (v: boolean): Cell => sink.bool(v);

  const orgW = await w(
    'Organization',
    'id, tenantId, mpnId, legalName, nameSearch, addressLine1, city, postalCode, country, region, isProvider, isReseller, isDirectBill, onboardedAt, billingDetails, locale, createdAt, updatedAt',
  );
  const userW = await w('User', 'id, orgId, aadObjectId, name, email, emailLower, createdAt', [orgW]);
  const roleW = await w('RoleGrant', 'id, userId, role, grantedAt', [userW]);
  const contactW = await w(
    'Contact',
    'id, orgId, kind, name, email, phone, website, verifiedAt, createdAt, updatedAt',
    [orgW],
  );
  const mpaW = await w('MpaAcceptance', 'id, orgId, version, signerUserId, signerName, signerEmail, signedAt', [orgW]);
  const dirW = await w(
    'DirectoryProfile',
    'orgId, summary, services, contactEmail, contactPhone, website, listed, updatedAt',
    [orgW],
  );
  const partW = await w(
    'Partnership',
    'id, providerId, resellerId, origin, state, activeKey, requestedByUserId, requestedAt, consentText, consentAt, authorizedByUserId, authorizedByName, authorizedAt, declinedByUserId, declinedByName, decidedAt, endRequestedByUserId, endRequestedByOrgId, endReason, endRequestedAt, endedAt, version, createdAt, updatedAt',
    [orgW],
  );
  const custW = await w(
    'Customer',
    'id, tenantId, domain, name, nameLower, country, region, adminUserName, adminPasswordHash, createdAt',
  );
  const relW = await w(
    'CustomerRelationship',
    'id, partnerId, customerId, origin, resellerId, delegatedAdmin, activeKey, createdAt, createdByUserId, removedAt, removedByUserId, removalAttestedAt',
    [orgW, custW],
  );
  const all = [orgW, userW, roleW, contactW, mpaW, dirW, partW, custW, relW];
  const put = async (wr: TableWriter, row: Cell[]): Promise<void> => {
    const p = wr.push(row);
    if (p) await p;
  };

  // ---- organisations, their admin, contacts, MPA, directory profiles
  const regions = byRegion();
  const regionPicker = new WeightedPicker([...regions.values()].map((r) => r.list.reduce((s, c) => s + c.weight, 0)));
  const regionNames = [...regions.keys()];
  const orgs: Org[] = [];
  for (let i = 0; i < ORGS; i++) {
    const region = regionNames[regionPicker.pick(rng)];
    const rc = regions.get(region)!;
    const country = rc.list[rc.picker.pick(rng)];
    const r = rng.next();
    const isProvider = r < 0.02;
    const isReseller = !isProvider && r < 0.72;
    const isDirectBill = !isProvider && (r >= 0.72 || r < 0.06); // 4% are both reseller and direct-bill (E6)
    const legalName = `${name3()} ${rng.pick(NAME_TAILS)}`;
    const domain = `${slug(legalName).slice(0, 24)}${i.toString(36)}.com`;
    const createdMs = T0 + Math.floor(rng.next() * (T1 - T0 - 60 * DAY));
    const onboardedMs = createdMs + rng.int(1, 20) * DAY;
    const id = cuid();
    const userId = cuid();
    const adminName = person();
    const adminEmail = `admin@${domain}`;
    orgs.push({
      id,
      region,
      isProvider,
      isReseller,
      isDirectBill,
      onboardedMs,
      userId,
      adminName,
      adminEmail,
      providers: [],
    });
    await put(orgW, [
      id,
      rng.uuid(),
      String(4_000_000 + i),
      legalName,
      legalName.toLowerCase(),
      `${String(rng.int(1, 999))} ${rng.pick(STREETS)}`,
      country.city,
      String(rng.int(10000, 99999)),
      country.code,
      region,
      b(isProvider),
      b(isReseller),
      b(isDirectBill),
      ts(onboardedMs),
      isDirectBill ? JSON.stringify({ bankName: 'Bench Bank', iban: `XX${rng.hex(18)}` }) : null,
      country.code === 'KR' ? 'ko-KR' : 'en-US',
      ts(createdMs),
      ts(onboardedMs),
    ]);
    await put(userW, [userId, id, rng.uuid(), adminName, adminEmail, adminEmail, ts(createdMs)]);
    await put(roleW, [cuid(), userId, 'global_admin', ts(createdMs)]);
    await put(contactW, [
      cuid(),
      id,
      'primary',
      adminName,
      adminEmail,
      phone(),
      null,
      ts(createdMs + DAY),
      ts(createdMs),
      ts(createdMs + DAY),
    ]);
    await put(contactW, [
      cuid(),
      id,
      'support',
      null,
      `support@${domain}`,
      phone(),
      `https://www.${domain}`,
      null,
      ts(createdMs),
      ts(createdMs),
    ]);
    if (!isReseller || isDirectBill || isProvider || rng.chance(0.88)) {
      const signed = onboardedMs + rng.int(0, 30) * DAY;
      const version = MPA_VERSIONS[signed < Date.UTC(2022, 9, 1) ? 0 : signed < Date.UTC(2024, 9, 1) ? 1 : 2];
      await put(mpaW, [cuid(), id, version, userId, adminName, adminEmail, ts(signed)]);
    }
    if (isProvider) {
      await put(dirW, [
        id,
        `${legalName}: indirect provider`,
        'licensing,azure,training',
        `partners@${domain}`,
        phone(),
        `https://www.${domain}`,
        b(true),
        ts(onboardedMs),
      ]);
    }
  }
  for (const x of all) await x.flush();

  // ---- provider ↔ reseller partnerships: 1–3 providers of the reseller's region, skewed
  const providersByRegion = new Map<string, { list: Org[]; picker: WeightedPicker }>();
  for (const region of regionNames) {
    const list = orgs.filter((o) => o.isProvider && o.region === region);
    // Zipf-like tail; rank 0 is also picked first by ~75% of resellers (the region's dominant distributor).
    providersByRegion.set(region, { list, picker: new WeightedPicker(list.map((_, k) => 1 / Math.pow(k + 1, 1.1))) });
  }
  for (const reseller of orgs) {
    if (!reseller.isReseller) continue;
    const pr = providersByRegion.get(reseller.region);
    if (!pr || pr.list.length === 0) continue;
    const want = Math.min(pr.list.length, rng.chance(0.5) ? 1 : rng.chance(0.7) ? 2 : 3);
    const chosen = new Set<Org>();
    if (rng.chance(0.75)) chosen.add(pr.list[0]);
    while (chosen.size < want) chosen.add(pr.list[pr.picker.pick(rng)]);
    for (const provider of chosen) {
      const requestedMs = clamp(Math.max(provider.onboardedMs, reseller.onboardedMs) + rng.int(0, 200) * DAY);
      const decidedMs = clamp(requestedMs + rng.int(0, 10) * DAY);
      const s = rng.next();
      const state =
        s < 0.9 ? 'active' : s < 0.94 ? 'requested' : s < 0.96 ? 'declined' : s < 0.98 ? 'end_requested' : 'ended';
      const live = state === 'active' || state === 'requested' || state === 'end_requested';
      const authorized = state !== 'requested' && state !== 'declined';
      const endMs = clamp(decidedMs + rng.int(30, 400) * DAY);
      if (state === 'active' || state === 'end_requested') reseller.providers.push(provider);
      await put(partW, [
        cuid(),
        provider.id,
        reseller.id,
        rng.chance(0.8) ? 'provider_invite' : 'directory_request',
        state,
        live ? `${provider.id}:${reseller.id}` : null,
        provider.userId,
        ts(requestedMs),
        authorized ? 'I authorize this indirect provider to act on behalf of my organisation.' : null,
        authorized ? ts(decidedMs) : null,
        authorized ? reseller.userId : null,
        authorized ? reseller.adminName : null,
        authorized ? ts(decidedMs) : null,
        state === 'declined' ? reseller.userId : null,
        state === 'declined' ? reseller.adminName : null,
        state === 'requested' ? null : ts(decidedMs),
        state === 'end_requested' || state === 'ended' ? reseller.userId : null,
        state === 'end_requested' || state === 'ended' ? reseller.id : null,
        state === 'end_requested' || state === 'ended' ? 'Consolidating distributors' : null,
        state === 'end_requested' || state === 'ended' ? ts(endMs) : null,
        state === 'ended' ? ts(clamp(endMs + 3 * DAY)) : null,
        0,
        ts(requestedMs),
        ts(state === 'ended' ? clamp(endMs + 3 * DAY) : decidedMs),
      ]);
    }
  }
  await partW.flush();

  // ---- customers and relationships
  const partners = orgs.filter((o) => (o.isReseller || o.isDirectBill) && !o.isProvider);
  const partnerPicker = new WeightedPicker(partners.map(() => Math.min(3000, Math.pow(1 - rng.next(), -1 / 1.3))));
  const partnersByRegion = new Map<string, Org[]>();
  for (const p of partners) partnersByRegion.set(p.region, [...(partnersByRegion.get(p.region) ?? []), p]);
  let rels = 0;
  let slot = 0;
  const relRow = async (
    partner: Org,
    customerId: string,
    origin: string,
    reseller: Org | null,
    createdMs: number,
  ): Promise<void> => {
    const removed = rng.chance(0.03);
    const removedMs = clamp(createdMs + rng.int(1, 300) * DAY);
    rels++;
    await put(relW, [
      cuid(),
      partner.id,
      customerId,
      origin,
      reseller?.id ?? null,
      b(rng.chance(0.6)),
      removed ? null : `${partner.id}:${customerId}`,
      ts(createdMs),
      partner.userId,
      removed ? ts(removedMs) : null,
      removed ? partner.userId : null,
      removed ? ts(removedMs) : null,
    ]);
  };
  const expectedSlots = RELATIONSHIPS / 1.27;
  while (rels < RELATIONSHIPS) {
    const owner = partners[partnerPicker.pick(rng)];
    const rc = regions.get(owner.region)!;
    const country = rc.list[rc.picker.pick(rng)];
    const withProvider =
      owner.isReseller && owner.providers.length > 0 && rng.chance(0.35) ? rng.pick(owner.providers) : null;
    const addedByProvider = withProvider !== null && rng.chance(0.5);
    const slotMs = T0 + (T1 - T0) * Math.min(1, slot / expectedSlots);
    const createdMs = clamp(Math.max(owner.onboardedMs + DAY, slotMs + rng.int(-90, 90) * DAY));
    const name = `${rng.pick(NAME_HEADS)} ${rng.pick(CUSTOMER_TAILS)}`;
    const domain = `${slug(name).slice(0, 20)}${slot.toString(36)}.onmicrosoft.com`;
    const customerId = cuid();
    await put(custW, [
      customerId,
      rng.uuid(),
      domain,
      name,
      name.toLowerCase(),
      country.code,
      owner.region,
      addedByProvider ? `admin@${domain}` : null,
      addedByProvider ? createHash('sha256').update(domain).digest('hex') : null,
      ts(createdMs),
    ]);
    slot++;
    if (withProvider === null) {
      await relRow(owner, customerId, 'invitation', null, createdMs);
    } else if (addedByProvider) {
      // S1–S3: the provider adds the customer for the reseller; the reseller gets admin access.
      await relRow(withProvider, customerId, 'added_by_provider', owner, createdMs);
      if (rels < RELATIONSHIPS) await relRow(owner, customerId, 'added_for_reseller', null, createdMs);
    } else {
      // C3: one invitation authorises the reseller and one of its providers.
      await relRow(owner, customerId, 'invitation_with_provider', null, createdMs);
      if (rels < RELATIONSHIPS) await relRow(withProvider, customerId, 'invitation_with_provider', owner, createdMs);
    }
    if (rels < RELATIONSHIPS && rng.chance(0.02)) {
      // C11: a customer with a second partner of the same region
      const other = rng.pick(partnersByRegion.get(owner.region)!);
      if (other !== owner)
        await relRow(other, customerId, 'invitation', null, clamp(createdMs + rng.int(1, 200) * DAY));
    }
  }
  for (const x of all) await x.flush();
  return Object.fromEntries(all.map((x) => [x.table, x.rows]));
}

const TABLES = [
  'Organization',
  'User',
  'RoleGrant',
  'Contact',
  'MpaAcceptance',
  'DirectoryProfile',
  'Partnership',
  'Customer',
  'CustomerRelationship',
];

async function main(): Promise<void> {
  const target = benchTarget();
  const started = performance.now();
  console.log(
    `bench:seed → ${target.kind} ${target.label}  (orgs=${String(ORGS)} relationships=${String(RELATIONSHIPS)} seed=${String(args.seed)})`,
  );
  if (!args['no-reset']) {
    await recreate(target);
    const applied = await applyProjectMigrations(target);
    console.log(`schema: ${applied.join(', ')} applied in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  let sink: Sink;
  if (target.kind === 'sqlite') {
    sink = new SqliteSink(new BetterSqlite3(sqliteFilePath(target.url)));
  } else {
    const client = new pg.Client(pgTarget(target.url).pool);
    await client.connect();
    sink = new PgSink(client);
  }
  const loadStart = performance.now();
  await sink.begin();
  // Secondary indexes are rebuilt once after the load (from the DDL the migrations created) rather
  // than maintained row by row.
  const indexes = await sink.dropIndexes(TABLES);
  const counts = await seed(sink);
  const rowsSec = (performance.now() - loadStart) / 1000;
  const ix = performance.now();
  for (const ddl of indexes) await sink.exec(ddl);
  const ixSec = (performance.now() - ix) / 1000;
  await sink.commit();
  const loadSec = (performance.now() - loadStart) / 1000;
  const total = Object.values(counts).reduce((s, n) => s + n, 0);
  for (const [table, n] of Object.entries(counts)) console.log(`  ${table.padEnd(22)} ${String(n).padStart(9)}`);
  console.log(
    `rows: ${String(total)} in ${rowsSec.toFixed(1)} s; ${String(indexes.length)} indexes rebuilt in ${ixSec.toFixed(1)} s`,
  );
  console.log(
    `load: ${String(total)} rows in ${loadSec.toFixed(1)} s = ${Math.round(total / loadSec).toLocaleString('en-US')} rows/s`,
  );
  const orphans = await sink.orphans();
  if (orphans.length > 0) throw new Error(`foreign keys broken:\n${orphans.join('\n')}`);
  if (!args['no-analyze']) {
    const a = performance.now();
    await sink.analyze();
    console.log(`analyze: ${((performance.now() - a) / 1000).toFixed(1)} s`);
  }
  await sink.close();
  console.log(`total: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

await main();
