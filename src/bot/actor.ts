import type { Actor } from '../domain/shared/context.js';
import type { TurnInfo } from './turn.js';

/**
 * The person acting in this turn, from what Teams sends: the Entra object id (from.aadObjectId),
 * the tenant (conversation.tenantId, or channelData.tenant.id on older clients) and the display name.
 */
export function actorOf(turn: Pick<TurnInfo, 'context' | 'locale'>): Actor {
  const a = turn.context.activity;
  const channelData: unknown = a.channelData;
  let tenantFromData: string | undefined;
  if (typeof channelData === 'object' && channelData !== null && 'tenant' in channelData) {
    const tenant: unknown = channelData.tenant;
    if (typeof tenant === 'object' && tenant !== null && 'id' in tenant && typeof tenant.id === 'string')
      tenantFromData = tenant.id;
  }
  return {
    aadObjectId: a.from.aadObjectId ?? a.from.id,
    tenantId: a.conversation.tenantId ?? tenantFromData ?? '',
    name: a.from.name?.trim() || a.from.id,
    locale: turn.locale,
  };
}
