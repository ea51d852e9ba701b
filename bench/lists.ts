/**
 * Latency of the product's list views on a seeded database (issue 3, item 8; target p95 < 20 ms).
 *
 *   npm run bench:seed && npm run bench:lists
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/csp_bench npm run bench:lists
 *   npm run bench:lists -- --iterations 300 --warmup 30 --explain
 *
 * Calls the real use cases (the list views in src/domain, through createDomainStore over openDatabase, exactly as
 * the bot does, role check included) for: providers of a reseller; resellers of a provider with each
 * reseller's MPA state; customers of a partner filtered by reseller; each on a first page and, where the
 * list is long, a deep page reached by following the view's own cursor. Organisations vary per call
 * and include the largest provider. --explain prints the query plans of one call of each view.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { openDatabase, type PrismaClient } from '../src/data/db.js';
import { createDomainStore } from '../src/data/domain-store.js';
import type { Actor, DomainContext } from '../src/domain/shared/context.js';
import { createFieldCipher } from '../src/data/field-cipher.js';
import { createMpnRegistry } from '../src/domain/enrollment/mpn-registry.js';
import type { Store } from '../src/domain/shared/store.js';
import { explain, recordingClient } from './lib/explain.js';
import { Prng } from './lib/prng.js';
import { summarize } from './lib/stats.js';
import { benchTarget } from './lib/target.js';
import { listApi, type ListApi, type PageLike } from './lib/views.js';

const { values: args } = parseArgs({
  options: {
    iterations: { type: 'string', default: '300' },
    warmup: { type: 'string', default: '30' },
    limit: { type: 'string', default: '20' },
    seed: { type: 'string', default: '7' },
    explain: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const ITER = Number(args.iterations);
const WARMUP = Number(args.warmup);
const LIMIT = Number(args.limit);
const TARGET_MS = 20;
const rng = new Prng(Number(args.seed));

interface OrgRef {
  readonly id: string;
  readonly actor: Actor;
}

interface ViewCase {
  readonly name: string;
  /** one closure per sampled organisation / cursor; the benchmark cycles through them */
  readonly calls: readonly (() => Promise<unknown>)[];
}

const num = (v: unknown): number => Number(v);

let dbKind: 'sqlite' | 'postgres' = 'sqlite';

/** Raw read for choosing whom to ask (written with $n placeholders, each used once, in order). */
async function rows<T>(prisma: PrismaClient, sql: string, ...params: unknown[]): Promise<T[]> {
  return prisma.$queryRawUnsafe<T[]>(dbKind === 'sqlite' ? sql.replace(/\$\d+/g, '?') : sql, ...params);
}

function sample<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  const out = new Set<T>();
  while (out.size < n) out.add(rng.pick(items));
  return [...out];
}

async function actors(prisma: PrismaClient, ids: readonly string[]): Promise<Map<string, OrgRef>> {
  const out = new Map<string, OrgRef>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const found = await rows<{ orgId: string; aadObjectId: string; tenantId: string; name: string; email: string }>(
      prisma,
      `SELECT u."orgId", u."aadObjectId", o."tenantId", u."name", u."email" FROM "User" u
         JOIN "Organization" o ON o."id" = u."orgId" WHERE u."orgId" IN (${chunk.map((_, k) => `$${k + 1}`).join(', ')})`,
      ...chunk,
    );
    for (const f of found) {
      out.set(f.orgId, {
        id: f.orgId,
        actor: { aadObjectId: f.aadObjectId, tenantId: f.tenantId, name: f.name, email: f.email, locale: 'en-US' },
      });
    }
  }
  return out;
}

/** Follows the view's own cursor to collect cursors from the back half of a long list (untimed). */
async function deepCursors(
  fetch: (cursor: string | undefined) => Promise<PageLike>,
  keep: number,
): Promise<{ cursors: string[]; walked: number }> {
  const all: string[] = [];
  let cursor: string | undefined;
  let walked = 0;
  for (;;) {
    const page = await fetch(cursor);
    walked += page.items.length;
    if (!page.nextCursor) break;
    all.push(page.nextCursor);
    cursor = page.nextCursor;
  }
  const back = all.slice(Math.floor(all.length / 2));
  return { cursors: sample(back, keep), walked };
}

async function buildCases(prisma: PrismaClient, api: ListApi): Promise<{ cases: ViewCase[]; facts: string[] }> {
  const facts: string[] = [];
  // Who to ask: the database's own shape, read once (not part of any timing).
  const providers = await rows<{ id: string; n: unknown }>(
    prisma,
    `SELECT "providerId" AS id, count(*) AS n FROM "Partnership" WHERE "state" = 'active' GROUP BY "providerId" ORDER BY n DESC, id`,
  );
  const resellers = await rows<{ id: string; n: unknown }>(
    prisma,
    `SELECT "resellerId" AS id, count(*) AS n FROM "Partnership" WHERE "state" = 'active' GROUP BY "resellerId" ORDER BY n DESC, id`,
  );
  const pairs = await rows<{ partnerId: string; resellerId: string; n: unknown }>(
    prisma,
    `SELECT "partnerId", "resellerId", count(*) AS n FROM "CustomerRelationship"
      WHERE "resellerId" IS NOT NULL AND "removedAt" IS NULL GROUP BY "partnerId", "resellerId" ORDER BY n DESC, "partnerId", "resellerId"`,
  );
  const largest = providers[0];
  if (!largest || resellers.length === 0 || pairs.length === 0)
    throw new Error('the database looks empty: run npm run bench:seed first');
  const largestRels = await rows<{ n: unknown }>(
    prisma,
    `SELECT count(*) AS n FROM "CustomerRelationship" WHERE "partnerId" = $1 AND "removedAt" IS NULL`,
    largest.id,
  );
  const largestPair = pairs.find((p) => p.partnerId === largest.id)!;
  facts.push(
    `largest provider ${largest.id}: ${String(num(largest.n))} active resellers, ${String(num(largestRels[0]?.n))} live customer relationships; ` +
      `its biggest reseller ${largestPair.resellerId} has ${String(num(largestPair.n))} customers with it`,
  );

  const resellerSample = sample(
    resellers.map((r) => r.id),
    200,
  );
  const providerSample = [
    ...new Set([
      ...providers.slice(0, 5).map((p) => p.id),
      ...sample(
        providers.map((p) => p.id),
        95,
      ),
    ]),
  ];
  const pairSample = sample(pairs, 200);
  const refs = await actors(prisma, [
    ...new Set([...resellerSample, ...providerSample, ...pairSample.map((p) => p.partnerId), largest.id]),
  ]);
  const ref = (id: string): OrgRef => {
    const r = refs.get(id);
    if (!r) throw new Error(`no admin user for organisation ${id}`);
    return r;
  };
  const big = ref(largest.id);

  const resellersDeep = await deepCursors((cursor) => api.resellersOfProvider(big.actor, { cursor, limit: 100 }), 50);
  const custDeep = await deepCursors(
    (cursor) => api.customersOfPartner(big.actor, { resellerId: largestPair.resellerId, cursor, limit: 100 }),
    50,
  );
  const allCustDeep = await deepCursors((cursor) => api.customersOfPartner(big.actor, { cursor, limit: 100 }), 50);
  facts.push(
    `deep pages: cursors from the back half of lists walked through the view itself (resellers ${String(resellersDeep.walked)} rows, ` +
      `customers of one reseller ${String(custDeep.walked)} rows, all customers ${String(allCustDeep.walked)} rows)`,
  );

  const cases: ViewCase[] = [
    {
      name: 'providers of a reseller — first page (200 resellers)',
      calls: resellerSample.map((id) => () => api.providersOfReseller(ref(id).actor, { limit: LIMIT })),
    },
    {
      name: 'resellers of a provider (+MPA) — first page (100 providers)',
      calls: providerSample.map((id) => () => api.resellersOfProvider(ref(id).actor, { limit: LIMIT })),
    },
    {
      name: 'resellers of a provider (+MPA) — first page, largest provider',
      calls: [() => api.resellersOfProvider(big.actor, { limit: LIMIT })],
    },
    {
      name: 'reseller choices of the customers filter — 50 latest (100 providers)',
      calls: providerSample.map((id) => () => api.resellerChoices(ref(id).actor, 50)),
    },
    {
      name: 'reseller choices of the customers filter — 50 latest, largest provider',
      calls: [() => api.resellerChoices(big.actor, 50)],
    },
    {
      name: 'resellers of a provider (+MPA) — deep page, largest provider',
      calls: resellersDeep.cursors.map((cursor) => () => api.resellersOfProvider(big.actor, { cursor, limit: LIMIT })),
    },
    {
      name: 'customers of a partner by reseller — first page (200 pairs)',
      calls: pairSample.map(
        (p) => () => api.customersOfPartner(ref(p.partnerId).actor, { resellerId: p.resellerId, limit: LIMIT }),
      ),
    },
    {
      name: 'customers of a partner by reseller — first page, largest pair',
      calls: [() => api.customersOfPartner(big.actor, { resellerId: largestPair.resellerId, limit: LIMIT })],
    },
    {
      name: 'customers of a partner by reseller — deep page, largest pair',
      calls: custDeep.cursors.map(
        (cursor) => () =>
          api.customersOfPartner(big.actor, { resellerId: largestPair.resellerId, cursor, limit: LIMIT }),
      ),
    },
    {
      name: 'customers of a partner (all) — first page, largest provider',
      calls: [() => api.customersOfPartner(big.actor, { limit: LIMIT })],
    },
    {
      name: 'customers of a partner (all) — deep page, largest provider',
      calls: allCustDeep.cursors.map((cursor) => () => api.customersOfPartner(big.actor, { cursor, limit: LIMIT })),
    },
  ];
  return { cases: cases.filter((c) => c.calls.length > 0 && (!args.only || c.name.includes(args.only))), facts };
}

/** Wall-clock ms per call, and this process's CPU ms per call (what a call costs without contention). */
async function time(c: ViewCase): Promise<{ samples: number[]; cpuMs: number }> {
  for (let i = 0; i < WARMUP; i++) await c.calls[i % c.calls.length]();
  const samples: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < ITER; i++) {
    const call = c.calls[i % c.calls.length];
    const t = performance.now();
    await call();
    samples.push(performance.now() - t);
  }
  const cpu = process.cpuUsage(cpu0);
  return { samples, cpuMs: (cpu.user + cpu.system) / 1000 / ITER };
}

function context(store: Store): DomainContext {
  return {
    store,
    now: () => new Date(),
    programAdmins: [],
    invitationTtlDays: 30,
    publicBaseUrl: 'http://localhost:3978',
    mpn: createMpnRegistry(store),
    // the list views read no encrypted column
    cipher: createFieldCipher(randomBytes(32)),
  };
}

async function main(): Promise<void> {
  const target = benchTarget();
  const config = loadConfig({ ...process.env, DATABASE_URL: target.url, LOG_LEVEL: 'silent' });
  const db = await openDatabase(config);
  dbKind = db.kind;
  try {
    const api = listApi(context(createDomainStore(db)));
    const { cases, facts } = await buildCases(db.prisma, api);
    const load = os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
    console.log(`bench:lists → ${target.kind} ${target.label}`);
    console.log(
      `node ${process.version}, ${String(os.cpus().length)} CPUs, load average ${load} (before), ${String(WARMUP)} warm-up + ${String(ITER)} timed calls per view, page size ${String(LIMIT)}`,
    );
    for (const f of facts) console.log(f);
    console.log('');
    const w = Math.max(...cases.map((c) => c.name.length));
    console.log(
      `${'view'.padEnd(w)}      n   p50 ms   p95 ms   p99 ms   max ms  p95<${String(TARGET_MS)}ms  node cpu ms/call`,
    );
    const missed: ViewCase[] = [];
    for (const c of cases) {
      const timed = await time(c);
      const s = summarize(timed.samples);
      const ok = s.p95 < TARGET_MS;
      if (!ok) missed.push(c);
      const f = (x: number): string => x.toFixed(2).padStart(8);
      console.log(
        `${c.name.padEnd(w)} ${String(s.n).padStart(6)} ${f(s.p50)} ${f(s.p95)} ${f(s.p99)} ${f(s.max)}  ${(ok ? 'yes' : 'NO').padEnd(9)}${f(timed.cpuMs)}`,
      );
    }
    console.log(
      `\nload average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(
          ' ',
        )} (after); ${missed.length === 0 ? 'every view met the target' : `${String(missed.length)} view(s) missed the target`}`,
    );
    if (args.explain) {
      const rec = recordingClient(target);
      try {
        const rapi = listApi(context(createDomainStore({ prisma: rec.prisma, kind: target.kind })));
        const { cases: rcases } = await buildCases(rec.prisma, rapi);
        for (const c of rcases) {
          rec.take();
          await c.calls[0]();
          console.log(`\n=== ${c.name}\n${await explain(target, rec.take())}`);
        }
      } finally {
        await rec.close();
      }
    }
    if (missed.length > 0) process.exitCode = 1;
  } finally {
    await db.close();
  }
}

await main();
