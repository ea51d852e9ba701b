import { bindNamed, type HotSql, type NamedStatement } from '../data/hot-sql.js';
import { ACTIVE_CHANNELS, DELIVERIES, ORG_LOCALES } from './outbox-sql.js';
import type { NotifyDb } from './store-sql.js';

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
  constructor(
    private readonly db: NotifyDb,
    private readonly hot: HotSql,
  ) {}

  /**
   * Active channels of these organisations, oldest first. This and the two reads below run once per claimed
   * batch with hundreds of ids: one prepared statement each (outbox-sql.ts), the ids as one JSON parameter.
   */
  async activeChannels(orgIds: readonly string[]): Promise<ChannelRow[]> {
    return this.byIds<ChannelRow>(ACTIVE_CHANNELS, orgIds);
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
    return this.byIds<{ id: string; locale: string }>(ORG_LOCALES, orgIds);
  }

  /** Delivery rows of these events, keyed `${eventId} ${targetKey}` → status. */
  async deliveries(eventIds: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.byIds<{ eventId: string; targetKey: string; status: string }>(DELIVERIES, eventIds);
    return new Map(rows.map((r) => [`${r.eventId} ${r.targetKey}`, r.status]));
  }

  private async byIds<T>(s: NamedStatement, ids: readonly string[]): Promise<T[]> {
    if (ids.length === 0) return [];
    const { statement, args } = bindNamed(this.hot.kind, s, { ids: JSON.stringify(ids) });
    return this.hot.rows<T>(statement, args);
  }
}
