import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../src/data/db.js';

/**
 * Rows for the notification worker's tests and bench (test/integration/notify*.test.ts,
 * bench/notify.ts): organisations, channels, admins and outbox events written straight to the
 * database, as the domain's use cases would have committed them.
 */
let seq = 0;

export async function seedOrg(
  prisma: PrismaClient,
  opts: { tenantId?: string; locale?: string; name?: string } = {},
): Promise<{ id: string; tenantId: string; legalName: string }> {
  seq++;
  const name = opts.name ?? `Org ${seq} ${randomUUID().slice(0, 6)}`;
  return prisma.organization.create({
    data: {
      tenantId: opts.tenantId ?? randomUUID(),
      mpnId: String(1_000_000 + Math.floor(Math.random() * 8_000_000) + seq),
      legalName: name,
      nameSearch: name.toLowerCase(),
      addressLine1: '1 Main St',
      city: 'Seoul',
      postalCode: '04524',
      country: 'KR',
      region: 'APAC',
      isProvider: true,
      locale: opts.locale ?? 'en-US',
    },
    select: { id: true, tenantId: true, legalName: true },
  });
}

export async function seedChannel(
  prisma: PrismaClient,
  org: { id: string; tenantId: string },
  serviceUrl: string,
  opts: { conversationId?: string; tenantId?: string; name?: string } = {},
): Promise<{ id: string; conversationId: string }> {
  return prisma.notificationChannel.create({
    data: {
      orgId: org.id,
      conversationId: opts.conversationId ?? `19:${randomUUID()}@thread.tacv2`,
      serviceUrl,
      tenantId: opts.tenantId ?? org.tenantId,
      channelName: opts.name ?? 'Partner news',
    },
    select: { id: true, conversationId: true },
  });
}

export async function seedAdmin(
  prisma: PrismaClient,
  orgId: string,
  role = 'admin_agent',
): Promise<{ id: string; aadObjectId: string }> {
  const aadObjectId = randomUUID();
  const email = `admin-${aadObjectId.slice(0, 8)}@contoso.example`;
  const user = await prisma.user.create({
    data: {
      orgId,
      aadObjectId,
      name: `Admin ${aadObjectId.slice(0, 4)}`,
      email,
      emailLower: email,
      roles: { create: { role } },
    },
    select: { id: true },
  });
  return { id: user.id, aadObjectId };
}

/** A valid `partnership.authorized` payload (src/domain/shared/events.ts). */
export function authorizedPayload(n: number): Record<string, string> {
  return {
    partnershipId: `p-${n}`,
    providerId: 'prov',
    providerName: 'Contoso Distribution',
    resellerId: 'res',
    resellerName: `Fabrikam ${n}`,
    byName: 'Kim Min-jun',
    at: new Date(Date.UTC(2026, 2, 2, 9, 0, 0)).toISOString(),
  };
}

/** Writes `count` partnership.authorized events for `orgId`; returns their idempotency keys in order. */
export async function enqueueEvents(prisma: PrismaClient, orgId: string, count: number, start = 0): Promise<string[]> {
  const rows = Array.from({ length: count }, (_, i) => ({
    type: 'partnership.authorized',
    targetOrgId: orgId,
    payload: JSON.stringify(authorizedPayload(start + i)),
    idempotencyKey: `partnership.authorized:${orgId}:${start + i}`,
  }));
  await prisma.outboxEvent.createMany({ data: rows });
  return rows.map((r) => r.idempotencyKey);
}

/**
 * `count` organisations with one active channel each, every channel in a tenant of its own (so that only
 * the per-conversation limits bind) unless `channelTenant` says otherwise, written with two statements: the
 * fan-out tests and bench/notify.ts. Ids are `<prefix>-org-<c>`, `<prefix>-channel-<c>` and
 * `19:<prefix>-<c>@thread.tacv2`.
 */
export async function seedChannels(
  prisma: PrismaClient,
  count: number,
  serviceUrl: string,
  opts: {
    readonly prefix?: string;
    /** MPN IDs are mpnBase + c: a second call on one database needs its own */
    readonly mpnBase?: number;
    /** the Teams tenant of channel c (default: one of its own) */
    readonly channelTenant?: (c: number) => string;
  } = {},
): Promise<{ orgId: string; channelId: string; conversationId: string }[]> {
  const { prefix = 'fan', mpnBase = 6_000_000 } = opts;
  const rows = Array.from({ length: count }, (_, c) => ({
    orgId: `${prefix}-org-${c}`,
    channelId: `${prefix}-channel-${c}`,
    conversationId: `19:${prefix}-${c}@thread.tacv2`,
    tenantId: `${prefix}-tenant-${c}`,
    channelTenantId: opts.channelTenant?.(c) ?? `${prefix}-tenant-${c}`,
  }));
  await prisma.organization.createMany({
    data: rows.map((r, c) => ({
      id: r.orgId,
      tenantId: r.tenantId,
      mpnId: String(mpnBase + c),
      legalName: `Fan-out partner ${prefix} ${c}`,
      nameSearch: `fan-out partner ${prefix} ${c}`,
      addressLine1: '1 Main St',
      city: 'Seoul',
      postalCode: '04524',
      country: 'KR',
      region: 'APAC',
      isProvider: true,
    })),
  });
  await prisma.notificationChannel.createMany({
    data: rows.map((r) => ({
      id: r.channelId,
      orgId: r.orgId,
      conversationId: r.conversationId,
      serviceUrl,
      tenantId: r.channelTenantId,
    })),
  });
  return rows.map(({ orgId, channelId, conversationId }) => ({ orgId, channelId, conversationId }));
}
