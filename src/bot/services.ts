import type { ActorFacts } from '../domain/shared/actor-facts.js';
import type { CloudAdapter, ConversationState, TurnContext } from 'botbuilder';
import type { DomainContext } from '../domain/shared/context.js';
import type { ConversationRefs } from './conversation-refs.js';
import type { ReviewNotifier } from './enrollment/review-notifier.js';
import type { PartnerCenterTokens } from '../domain/partner-center/partner-center-tokens.js';
import type { PartnerCenterSignIn } from '../entra/partner-center-sign-in.js';
import type { PartnerCenterWebhookVerifier } from '../partner-center/webhook-signature.js';
import type { WebhookPartnerCenter } from '../partner-center/webhook-subscription.js';

/** What the composition root gives the bot beyond Bot Framework: the domain and the mail outbox. */
/** What the start of a turn asks in one statement (src/data/actor-facts.ts readTurnStart). */
export interface TurnStartQuery {
  readonly aadObjectId: string;
  readonly tenantId: string;
  /** the bot-state key the turn will load (its conversation state), or null */
  readonly stateKey: string | null;
}

export interface AppServices {
  readonly domain: DomainContext;
  /**
   * Issue 15: the acting person's facts and the conversation's state row in one prepared statement, at the start
   * of a turn (absent without prepared statements: use cases then read as they need).
   */
  readonly turnStart?: (
    who: TurnStartQuery,
  ) => Promise<{ facts: ActorFacts; state: { data: string; etag: string } | null }>;
  /** The mail outbox (src/mail): the server starts and stops it; use cases that queue mail wake it. */
  readonly mail?: { start(): void; stop(): Promise<void>; wake(): void };
  /**
   * Builds the notification outbox worker (src/notify) over the server's adapter and the stored
   * personal chats (to reach people where they talk to the bot): the server starts it when it
   * listens, wakes it after a turn that committed outbox rows (issue 15: not after every turn), and
   * stops it on shutdown.
   */
  /**
   * Issue 17 item 2: Partner Center linking, when the deployment has its app registration (PARTNER_CENTER_CLIENT_ID
   * and _SECRET): the sign-in client, the token provider the Partner Center client uses, and the job that warns
   * admins before a stored sign-in expires unused (the server starts and stops it). Absent: not set up.
   */
  readonly partnerCenter?: {
    readonly signIn: PartnerCenterSignIn;
    readonly tokens: PartnerCenterTokens;
    readonly cookieSecret: string;
  };
  /**
   * Issue 17 item 4 (W1–W6): the webhook signature verifier (its trust from configuration), the address the
   * registered webhook URL is built on, and Partner Center's registration and customer look-up (present when
   * linking is set up).
   */
  readonly partnerCenterWebhooks?: {
    readonly verifier: PartnerCenterWebhookVerifier;
    readonly publicBaseUrl: string;
    readonly partnerCenter?: WebhookPartnerCenter;
  };
  /** L8: the expiry-warning job (started and stopped with the server; it wakes the notifier itself). */
  readonly partnerCenterWarnings?: (wakeNotify: () => void) => { start(): void; stop(): Promise<void> };
  /** Issue 18 item 4 (G14–G17): the daily GDAP digest job (started and stopped with the server, like the above). */
  readonly gdapDigest?: (wakeNotify: () => void) => { start(): void; stop(): Promise<void> };
  readonly notifier?: (
    adapter: CloudAdapter,
    refs: ConversationRefs,
  ) => { start(): void; stop(): Promise<void>; wake(): void; running?(): boolean };
}

/** Per-turn services: the app's, plus what the server builds around the adapter. */
export interface TurnServices extends AppServices {
  /** Wakes the mail outbox (no-op without one). */
  readonly wakeMail: () => void;
  /** Wakes the notification worker (no-op without one): for outbox rows written outside a turn. */
  readonly wakeNotify: () => void;
  readonly conversationState: ConversationState;
  readonly refs: ConversationRefs;
  readonly reviews: ReviewNotifier;
}

const KEY = Symbol('csp.services');

export function attachServices(context: TurnContext, services: TurnServices): void {
  context.turnState.set(KEY, services);
}

/** The services of this turn; throws when the server was started without a domain (foundation tests). */
export function servicesOf(turn: { readonly context: TurnContext }): TurnServices {
  const s: unknown = turn.context.turnState.get(KEY);
  if (!isServices(s)) throw new Error('this bot was started without domain services (ServerDeps.services)');
  return s;
}

/** False when the server was started without domain services. */
export function hasServices(turn: { readonly context: TurnContext }): boolean {
  return isServices(turn.context.turnState.get(KEY));
}

function isServices(v: unknown): v is TurnServices {
  return (
    typeof v === 'object' && v !== null && 'domain' in v && 'refs' in v && 'reviews' in v && 'conversationState' in v
  );
}
