import { z } from 'zod';
import type { DomainContext } from '../shared/context.js';
import { addDays } from '../shared/context.js';
import type { EventPayload } from '../shared/events.js';
import { enqueue } from '../shared/outbox.js';
import { isUniqueViolation, type Tx } from '../shared/store.js';
import { rolesOf } from './gdap-rules.js';

/*
 * Issue 18 item 4 (docs/gdap.md, G14–G17): the daily GDAP digest to each organisation's notification channel.
 */

const DAY_MS = 86_400_000;

/** G14: the digest's hour (UTC) when the deployment does not choose one (GDAP_DIGEST_HOUR_UTC): 08:00 in Seoul */
export const DEFAULT_DIGEST_HOUR_UTC = 23;
export const digestHourSchema = z.coerce.number().int().min(0).max(23);

/** G15: the thresholds, widest first: a relationship is listed when its end is at most this many days away */
export const DIGEST_THRESHOLDS = [30, 7, 1] as const;
export type DigestThreshold = (typeof DIGEST_THRESHOLDS)[number];

/** G16: how far back an ended relationship may still be listed (a bot that was down a few days catches up) */
export const ENDED_LOOKBACK_DAYS = 7;

/** The lines a digest's payload carries (the card has a size limit); the rest are counted. */
export const DIGEST_MAX_LINES = 40;

/** The stored threshold of a line: "30" | "7" | "1" | "ended" (GdapDigestLine.threshold). */
type LineKey = `${DigestThreshold}` | 'ended';

export interface DigestSlot {
  /** the UTC date of the slot, YYYY-MM-DD: the digest's day */
  readonly day: string;
  /** the slot: that day at the digest hour (UTC) */
  readonly at: Date;
}

/** G14: the latest digest slot at or before `now`: today's hour if it has come, else yesterday's. */
export function digestSlot(now: Date, hourUtc: number): DigestSlot {
  const hour = digestHourSchema.parse(hourUtc);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hour);
  const at = new Date(today <= now.getTime() ? today : today - DAY_MS);
  return { day: at.toISOString().slice(0, 10), at };
}

/**
 * G15: the threshold a relationship ending at `endsAt` is listed under at the slot `at`: the smallest of 30, 7, 1
 * days that its end is within; null when it ends later than 30 days away, or has ended.
 */
export function digestThreshold(endsAt: Date, at: Date): DigestThreshold | null {
  const left = endsAt.getTime() - at.getTime();
  if (left <= 0) return null;
  let found: DigestThreshold | null = null;
  for (const days of DIGEST_THRESHOLDS) if (left <= days * DAY_MS) found = days;
  return found;
}

/** Whole days left at the slot, rounded up (a relationship ending in 20 hours has 1 day left). */
export function daysLeftAt(endsAt: Date, at: Date): number {
  return Math.max(0, Math.ceil((endsAt.getTime() - at.getTime()) / DAY_MS));
}

/** G15: listed already at this threshold or a tighter one (a 7-day line makes a later 30-day one moot). */
function alreadyListed(done: ReadonlySet<string>, key: LineKey): boolean {
  if (key === 'ended') return done.has('ended');
  return DIGEST_THRESHOLDS.some((d) => d <= Number(key) && done.has(String(d)));
}

type DigestLine = EventPayload<'gdap.digest'>['lines'][number];
type Row = Awaited<ReturnType<Tx['gdapRelationship']['findMany']>>[number];

/** What a candidate row says at the slot: its line (or null when it has nothing to say). */
function lineOf(row: Row, at: Date): { key: LineKey; line: DigestLine } | null {
  const facts = {
    relationshipId: row.id,
    displayName: row.displayName,
    customerName: row.customerName,
    roleTemplateIds: rolesOf(row.roleTemplateIds),
  };
  if (row.status === 'terminated') {
    if (!row.terminatedAt) return null;
    return {
      key: 'ended',
      line: { ...facts, kind: 'terminated', threshold: null, endsAt: row.terminatedAt.toISOString(), daysLeft: null },
    };
  }
  if (!row.endsAt) return null;
  if (row.endsAt.getTime() <= at.getTime()) {
    return {
      key: 'ended',
      line: { ...facts, kind: 'expired', threshold: null, endsAt: row.endsAt.toISOString(), daysLeft: null },
    };
  }
  const threshold = digestThreshold(row.endsAt, at);
  if (threshold === null) return null;
  return {
    key: `${threshold}`,
    line: {
      ...facts,
      kind: 'expiring',
      threshold: `${threshold}`,
      endsAt: row.endsAt.toISOString(),
      daysLeft: daysLeftAt(row.endsAt, at),
    },
  };
}

/** Soonest first: the 1-day lines, then 7, then 30 (by end), then the ended ones (most recent first). */
function lineOrder(a: DigestLine, b: DigestLine): number {
  const rank = (l: DigestLine) => (l.kind === 'expiring' ? 0 : 1);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  const byEnd = Date.parse(a.endsAt) - Date.parse(b.endsAt);
  return (rank(a) === 0 ? byEnd : -byEnd) || a.relationshipId.localeCompare(b.relationshipId);
}

/**
 * G14–G16: the relationships a digest at the slot may list: in force without auto-extend (G5: those carry on) and
 * ending within 30 days of the slot, activated before it; or having lost its access (activated once, then expired
 * or terminated) within the week before the slot. Read with the clock (G8): a relationship past its end counts as
 * expired whether or not the sweep has written it yet.
 */
function candidateWhere(at: Date) {
  const since = addDays(at, -ENDED_LOOKBACK_DAYS);
  return {
    activatedAt: { not: null, lte: at },
    OR: [
      { status: { in: ['active', 'expiring'] }, autoExtendDays: 0, endsAt: { gt: since, lte: addDays(at, 30) } },
      { status: 'expired', endsAt: { gt: since, lte: at } },
      { status: 'terminated', terminatedAt: { gt: since, lte: at } },
    ],
  };
}

/** The digest's outbox key: one digest per organisation per day (with the type and the recipient, unique). */
function digestKey(orgId: string, day: string): string {
  return `${orgId}:${day}`;
}

export interface DigestRun {
  readonly day: string;
  /** organisations a digest was queued for in this run */
  readonly queued: number;
  /** lines claimed in this run (G15: each relationship once per threshold) */
  readonly lines: number;
}

/**
 * G14–G17: composes the GDAP digest of the latest slot (`hourUtc`:00 UTC, G14) for every organisation with
 * something to say: relationships expiring within 30, 7 or 1 days (each listed once per threshold, G15) and those
 * that expired or were terminated since (G16), each with its customer, roles and end. One transaction per
 * organisation claims its lines (GdapDigestLine, unique per relationship and threshold) and queues one
 * `gdap.digest` outbox event (key: organisation and day) to the organisation's channel, so the digest is queued
 * once whatever the number of instances running this at once (G17); an organisation with nothing new gets nothing.
 * Safe to run at any time and as often as wanted (the server runs it every few minutes; a missed slot is caught by
 * the next run of the day, or its lines the next day).
 */
export async function runGdapDigest(
  ctx: Pick<DomainContext, 'store' | 'now'>,
  opts: { readonly hourUtc: number; readonly orgsPerPage?: number },
): Promise<DigestRun> {
  const now = ctx.now();
  const slot = digestSlot(now, opts.hourUtc);
  const where = candidateWhere(slot.at);
  const pageSize = opts.orgsPerPage ?? 200;
  let queued = 0;
  let lines = 0;
  let after: string | undefined;
  for (;;) {
    // the organisations with a candidate, a page at a time (each one's rows are read in its own transaction)
    const orgs = await ctx.store.read.gdapRelationship.findMany({
      where: { ...where, ...(after === undefined ? {} : { orgId: { gt: after } }) },
      distinct: ['orgId'],
      select: { orgId: true },
      orderBy: { orgId: 'asc' },
      take: pageSize,
    });
    for (const { orgId } of orgs) {
      try {
        const n = await ctx.store.transaction((tx) => composeDigest(tx, orgId, slot, now));
        if (n > 0) {
          queued++;
          lines += n;
        }
      } catch (e) {
        // G17: another instance claimed the same lines first (PostgreSQL reports the unique key at its insert)
        if (!isUniqueViolation(e)) throw e;
      }
    }
    if (orgs.length < pageSize) break;
    after = orgs[orgs.length - 1]?.orgId;
  }
  return { day: slot.day, queued, lines };
}

/** One organisation's digest, in the caller's transaction: the number of lines claimed (0: nothing queued). */
async function composeDigest(tx: Tx, orgId: string, slot: DigestSlot, now: Date): Promise<number> {
  const key = digestKey(orgId, slot.day);
  // G17: today's digest went already (its lines wait for tomorrow's, at their threshold then)
  const sent = await tx.outboxEvent.findUnique({
    where: { idempotencyKey: `gdap.digest:${key}:org:${orgId}` },
    select: { id: true },
  });
  if (sent) return 0;
  const rows = await tx.gdapRelationship.findMany({
    where: { orgId, ...candidateWhere(slot.at) },
    orderBy: [{ endsAt: 'asc' }, { id: 'asc' }],
    take: 2000,
  });
  const listed = await tx.gdapDigestLine.findMany({
    where: { relationshipId: { in: rows.map((r) => r.id) } },
    select: { relationshipId: true, threshold: true },
  });
  const done = new Map<string, Set<string>>();
  for (const l of listed) done.set(l.relationshipId, (done.get(l.relationshipId) ?? new Set()).add(l.threshold));
  const fresh: { key: LineKey; line: DigestLine }[] = [];
  for (const row of rows) {
    const l = lineOf(row, slot.at);
    if (l && !alreadyListed(done.get(row.id) ?? new Set(), l.key)) fresh.push(l);
  }
  if (fresh.length === 0) return 0;
  for (const { key: threshold, line } of fresh) {
    await tx.gdapDigestLine.create({
      data: { orgId, relationshipId: line.relationshipId, threshold, day: slot.day, createdAt: now },
    });
  }
  const org = await tx.organization.findUnique({ where: { id: orgId }, select: { legalName: true } });
  const shown = fresh.map((f) => f.line).sort(lineOrder);
  await enqueue(
    tx,
    'gdap.digest',
    key,
    {
      orgId,
      orgName: org?.legalName ?? '',
      day: slot.day,
      digestAt: slot.at.toISOString(),
      count: shown.length,
      lines: shown.slice(0, DIGEST_MAX_LINES),
    },
    [{ orgId }],
    now,
  );
  return fresh.length;
}
