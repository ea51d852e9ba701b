import type { Prisma } from '../../generated/sqlite/client.js';
import type { ActorFacts } from './actor-facts.js';
import type { ListReads } from './list-reads.js';

/**
 * How the domain reaches storage.
 *
 * Shape chosen: one small interface, `Store`, with `transaction(fn)` and a read handle, both typed as
 * `Tx`: Prisma's transaction client narrowed to the domain's model delegates (no raw SQL, no nested
 * `$transaction`, no `$connect`). src/data/domain-store.ts implements it over the client that
 * src/data/db.ts opens, for SQLite and PostgreSQL alike.
 *
 * Why not a repository method per query: the ~25 use cases issue ~100 distinct, simple queries; a
 * hand-written repository layer would restate Prisma's typed API one method at a time, and its fakes
 * would test the fakes. The domain depends only on the generated *types* (erased at run time) of the
 * SQLite flavour; the PostgreSQL client has the same model API because both schemas share
 * prisma/models and use only portable column types.
 *
 * Rules every use case follows (they are what make the system safe under retries and races):
 * - All writes of one action happen inside one `store.transaction`, together with their AuditEvent
 *   (`audit()` in ./audit.ts) and their OutboxEvent rows (`enqueue()` in ./outbox.ts). Nothing is
 *   sent from inside a transaction; the notifier reads committed outbox rows.
 * - Concurrency is settled by conditional writes, never by isolation levels: `updateMany` with
 *   `where: { id, state: <expected>, version: <seen> }` and `count === 1` to win (see `claimed()`),
 *   and unique keys (`activeKey`, `tokenHash`, `idempotencyKey`) for inserts. SQLite (one writer, WAL)
 *   and PostgreSQL (READ COMMITTED) then behave the same.
 * - A repeated action that finds its work done returns the done state and writes nothing.
 */
export type DomainModel =
  | 'organization'
  | 'contact'
  | 'enrollmentApplication'
  | 'enrollmentStateChange'
  | 'emailVerification'
  | 'user'
  | 'roleGrant'
  | 'mpaAcceptance'
  | 'directoryProfile'
  | 'directoryChangeRequest'
  | 'mpnProfile'
  | 'partnership'
  | 'invitation'
  | 'customer'
  | 'customerRelationship'
  | 'offer'
  | 'subscription'
  | 'notificationChannel'
  | 'auditEvent'
  | 'outboxEvent'
  | 'programAdmin'
  /** issue 17 item 2: an organisation's Partner Center link and its short-lived start links */
  | 'partnerCenterLink'
  | 'partnerCenterLinkRequest'
  /** issue 17 item 4: the webhook registration (its URL token) and the events received once */
  | 'partnerCenterWebhook'
  | 'partnerCenterEvent'
  /** issue 17 item 3: what Partner Center's profiles said the last time they were read (E-PC1–E-PC7) */
  | 'partnerCenterProfileCheck'
  /** issue 18: GDAP relationships and their access assignments (docs/gdap.md) */
  | 'gdapRelationship'
  | 'gdapAccessAssignment'
  /** issue 18 item 4: what the GDAP daily digest listed, once per relationship and threshold (gdap-digest.ts) */
  | 'gdapDigestLine'
  /** only to forget a re-queued notice's dead deliveries (notifications/retry-failed-notification.ts) */
  | 'outboxDelivery';

/** A transaction handle (or, as `Store.read`, a plain connection) limited to the domain's models. */
export type Tx = Pick<Prisma.TransactionClient, DomainModel>;

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Reads that need no transaction (list views, status pages). */
  readonly read: Tx;
  /**
   * Runs `fn` in one database transaction: commits when it resolves, rolls back when it throws
   * (the error is rethrown unchanged). Implementations retry transient write conflicts
   * (PostgreSQL deadlock / serialization failure, SQLite busy) a bounded number of times, so
   * `fn` must be safe to run again: it may only touch the database.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * The acting person's facts in one prepared statement (issue 15), for the start of a turn; absent in
   * stores built without the prepared statements (some tests), where use cases read as they always did.
   */
  actorFacts?(aadObjectId: string, tenantId: string): Promise<ActorFacts>;
  /** The P4 list pages as prepared statements (issue 15); absent where `actorFacts` is, with the same fallback. */
  readonly lists?: ListReads;
}

/** The outcome of a conditional `updateMany`: true when this caller won the row. */
export function claimed(result: { count: number }): boolean {
  return result.count === 1;
}

/**
 * True for a unique-constraint violation (Prisma P2002) from either database. Outside a transaction
 * (or after the transaction rolled back) a use case may treat it as "someone else did it first".
 */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'P2002';
}
