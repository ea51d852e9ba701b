import { Prisma } from '../generated/sqlite/client.js';
import { chunks, type NotifyDb } from './store-sql.js';

/** What the worker needs of a notification channel. */
export interface ChannelRow {
  readonly id: string;
  readonly orgId: string;
  readonly conversationId: string;
  readonly serviceUrl: string;
  readonly tenantId: string;
}

/** What plan.ts reads to turn a claimed batch into jobs: channels, locales, people, delivery rows. */
export class TargetReads {
  constructor(private readonly db: NotifyDb) {}

  /**
   * Active channels of these organisations, oldest first. This and the two reads below run once per
   * claimed batch with hundreds of ids: in raw SQL, as Prisma's query compiler costs ~20 µs per id.
   */
  async activeChannels(orgIds: readonly string[]): Promise<ChannelRow[]> {
    const out: ChannelRow[] = [];
    // Chunked by organisation: each organisation's channels come from one statement, in order.
    for (const part of chunks(orgIds)) {
      out.push(
        ...(await this.db.$queryRaw<ChannelRow[]>`
          SELECT id, "orgId", "conversationId", "serviceUrl", "tenantId" FROM "NotificationChannel"
          WHERE "orgId" IN (${Prisma.join(part)}) AND active = ${true}
          ORDER BY "createdAt", id`),
      );
    }
    return out;
  }

  /** Where to reach a person: their organisation's tenant and a service URL it is served from. */
  async userHome(aadObjectId: string): Promise<{ tenantId: string; serviceUrl?: string; locale: string } | undefined> {
    const user = await this.db.user.findFirst({
      where: { aadObjectId },
      select: { org: { select: { id: true, tenantId: true, locale: true } } },
    });
    if (!user) return undefined;
    const channel = await this.db.notificationChannel.findFirst({
      where: { orgId: user.org.id },
      orderBy: { updatedAt: 'desc' },
      select: { serviceUrl: true },
    });
    return { tenantId: user.org.tenantId, serviceUrl: channel?.serviceUrl, locale: user.org.locale };
  }

  async orgLocales(orgIds: readonly string[]): Promise<{ id: string; locale: string }[]> {
    const out: { id: string; locale: string }[] = [];
    for (const part of chunks(orgIds)) {
      out.push(
        ...(await this.db.$queryRaw<
          { id: string; locale: string }[]
        >`SELECT id, locale FROM "Organization" WHERE id IN (${Prisma.join(part)})`),
      );
    }
    return out;
  }

  /** Delivery rows of these events, keyed `${eventId} ${targetKey}` → status. */
  async deliveries(eventIds: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const part of chunks(eventIds)) {
      const rows = await this.db.$queryRaw<{ eventId: string; targetKey: string; status: string }[]>`
        SELECT "eventId", "targetKey", status FROM "OutboxDelivery" WHERE "eventId" IN (${Prisma.join(part)})`;
      for (const r of rows) out.set(`${r.eventId} ${r.targetKey}`, r.status);
    }
    return out;
  }
}
