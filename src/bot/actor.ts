import type { TurnContext } from 'botbuilder';
import type { ActorFacts } from '../domain/shared/actor-facts.js';
import type { Actor } from '../domain/shared/context.js';
import { domainWritesSoFar } from '../data/statement-trace.js';
import { AppError } from '../domain/shared/errors.js';
import type { TurnInfo } from './turn.js';

/**
 * The person acting in this turn, from what Teams sends: the Entra object id (from.aadObjectId),
 * the tenant and the display name.
 *
 * Only an Entra identity acts: from.id is a channel-specific id (in Web Chat or Direct Line, whatever
 * the page says), never a stand-in for the object id. The tenant is conversation.tenantId and
 * channelData.tenant.id; Teams sends both, and when both are present they must agree (one alone is
 * taken: older clients send only channelData). Without an object id, without a tenant, or with two
 * tenants that differ, the turn is refused with UNTRUSTED_IDENTITY.
 */
export function actorOf(turn: Pick<TurnInfo, 'context' | 'locale'>): Actor {
  const a = turn.context.activity;
  const identity = trustedIdentityOf(a);
  if (!identity) throw new AppError('UNTRUSTED_IDENTITY');
  const facts = turnFactsOf(turn.context);
  return {
    ...identity,
    name: a.from?.name?.trim() || a.from?.id || '',
    locale: turn.locale,
    ...(facts ? { facts } : {}),
  };
}

const TURN_FACTS = Symbol('csp.actorFacts');
interface HeldFacts {
  readonly facts: ActorFacts;
  readonly writes: number;
}

/**
 * Keeps what the start of the turn read about the acting person (issue 15) for every actorOf of this turn.
 * Only inside a tallied turn (src/server.ts traces each turn's statements): that is how a snapshot is known
 * to be fresh.
 */
export function holdTurnFacts(context: TurnContext, facts: ActorFacts): void {
  const writes = domainWritesSoFar();
  if (writes !== undefined) context.turnState.set(TURN_FACTS, { facts, writes } satisfies HeldFacts);
}

/** The turn's facts while they hold: dropped for good once the turn wrote to the domain's tables. */
function turnFactsOf(context: TurnContext): ActorFacts | undefined {
  const held = context.turnState?.get<HeldFacts | undefined>(TURN_FACTS);
  if (!held) return undefined;
  if (domainWritesSoFar() !== held.writes) {
    context.turnState.delete(TURN_FACTS);
    return undefined;
  }
  return held.facts;
}

/** The Entra object id and tenant of the activity's sender, or undefined when they cannot be trusted. */
export function trustedIdentityOf(activity: {
  from?: { aadObjectId?: unknown } | undefined;
  conversation?: { tenantId?: unknown } | undefined;
  channelData?: unknown;
}): { aadObjectId: string; tenantId: string } | undefined {
  const aadObjectId = nonEmpty(activity.from?.aadObjectId);
  if (!aadObjectId) return undefined;
  const fromConversation = activity.conversation?.tenantId;
  const fromData = tenantOfChannelData(activity.channelData);
  // a tenant field that is there but not a usable string is not "absent": refuse rather than fall back
  if (fromConversation !== undefined && !nonEmpty(fromConversation)) return undefined;
  if (fromData === null) return undefined;
  const conversationTenant = nonEmpty(fromConversation);
  if (conversationTenant && fromData && conversationTenant.toLowerCase() !== fromData.toLowerCase()) return undefined;
  const tenantId = conversationTenant ?? fromData;
  return tenantId ? { aadObjectId, tenantId } : undefined;
}

/** channelData.tenant.id: the id, undefined when channelData names no tenant, null when it is malformed. */
function tenantOfChannelData(channelData: unknown): string | undefined | null {
  if (typeof channelData !== 'object' || channelData === null || !('tenant' in channelData)) return undefined;
  const tenant: unknown = channelData.tenant;
  if (tenant === undefined) return undefined;
  if (typeof tenant !== 'object' || tenant === null || !('id' in tenant)) return null;
  return nonEmpty(tenant.id) ?? null;
}

function nonEmpty(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}
