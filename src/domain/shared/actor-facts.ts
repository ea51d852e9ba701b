import type { Role } from './roles.js';

/**
 * What every turn needs to know about the person acting (issue 15: one statement a turn), read once at
 * the start of a turn by the store's `actorFacts` (src/data/actor-facts.ts: one prepared statement) and
 * carried on the Actor. Use cases take the member, the program-administrator flag and the guide's
 * organisation state from here instead of asking the database again. The facts are a snapshot: the bot
 * drops them as soon as the turn writes anything (src/bot/actor.ts), and the use cases fall back to
 * reading the database whenever the snapshot cannot answer (an e-mail to bind or fill in).
 */
export interface ActorFacts {
  /** the user row bound to this Entra object id, removed or not; null when nobody is */
  readonly user: {
    readonly id: string;
    readonly orgId: string;
    readonly name: string;
    readonly email: string | null;
    readonly removed: boolean;
    /** the tenant of the user's organisation */
    readonly tenantId: string;
    readonly roles: readonly Role[];
  } | null;
  /** the user's organisation as the guide reads it (null without a user) */
  readonly org: {
    readonly isReseller: boolean;
    readonly isProvider: boolean;
    readonly isDirectBill: boolean;
    readonly onboarded: boolean;
    readonly applicationStates: readonly string[];
    readonly mpaSigned: boolean;
    /**
     * Issue 17: 'connected' when the organisation linked its Partner Center account (a working refresh token) and
     * chose connected mode, as partner-center/link-status.ts's partnerCenterModeOf decides; 'embedded' otherwise.
     */
    readonly partnerCenterMode: 'embedded' | 'connected';
  } | null;
  /** this person's ProgramAdmin row, when there is one (granted, revoked, or a bootstrap record) */
  readonly programAdmin: {
    readonly active: boolean;
    readonly bootstrap: boolean;
    readonly teamsUserId: string | null;
    readonly name: string;
  } | null;
  /** U2: someone of the actor's tenant was added by e-mail and waits to be linked (only asked when no user) */
  readonly waitingInTenant: boolean;
}
