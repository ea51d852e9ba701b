import { namedStatement } from '../data/hot-sql.js';

/*
 * The worker's statements (OutboxStore, TargetReads), prepared once per connection through src/data/hot-sql.ts
 * (issue 15, item 5): Prisma's raw-query API prepared each of them again on every call, about 8% of a fan-out's
 * CPU. A list of ids or of delivery rows is one JSON parameter (SQLite's json_each, PostgreSQL's
 * json_array_elements), so each statement has one text whatever the batch: prepared once, and no bound-parameter
 * limit to chunk around. The SQL's reasons (fair claims, the lateral lock, keeping status off its index) are told
 * in outbox-store.ts.
 */

/** Deliverable by this worker: a channel notice, or a person in Teams ("email:" events are the mailer's). */
const DELIVERABLE = `("targetOrgId" IS NOT NULL OR "userRef" LIKE 'aad:%')`;

/** The columns of an OutboxEvent; PostgreSQL's timestamps read as UTC (Prisma's timestamp(3) holds UTC wall time). */
const EVENT_COLUMNS = (pg: boolean): string =>
  [
    'id',
    'type',
    '"targetOrgId"',
    '"userRef"',
    'payload',
    '"idempotencyKey"',
    'status',
    'attempts',
    ...['nextAttemptAt', 'leaseUntil', 'sentAt', 'createdAt'].map((c) =>
      pg ? `("${c}" AT TIME ZONE 'UTC') AS "${c}"` : `"${c}"`,
    ),
    '"leaseOwner"',
    '"lastError"',
  ].join(', ');

/** Each target's due events ranked oldest first, counting the leased and the recently sent ones. */
const RANKED = `SELECT id, "createdAt", "leaseUntil", status,
    row_number() OVER (PARTITION BY COALESCE("targetOrgId", "userRef") ORDER BY "createdAt", id) AS rank
  FROM "OutboxEvent"
  WHERE (status = 'pending' AND "nextAttemptAt" <= {at:ts} AND ${DELIVERABLE})
    OR (status = 'sent' AND "nextAttemptAt" > {recent:ts} AND "nextAttemptAt" <= {at:ts} AND ${DELIVERABLE})`;

const FREE = (c: string) => `(${c}"leaseUntil" IS NULL OR ${c}"leaseUntil" < {at:ts})`;

export const CLAIM = namedStatement(
  'notify_claim',
  `UPDATE "OutboxEvent" SET "leaseOwner" = {owner}, "leaseUntil" = {leaseUntil:ts}
  WHERE id IN (
    SELECT id FROM (${RANKED}) r WHERE status = 'pending' AND ${FREE('')} ORDER BY rank, "createdAt", id LIMIT {limit}
  )
  RETURNING ${EVENT_COLUMNS(false)}`,
  `UPDATE "OutboxEvent" SET "leaseOwner" = {owner}, "leaseUntil" = {leaseUntil:ts}
  WHERE id IN (
    SELECT l.id FROM unnest(ARRAY(
        SELECT id FROM (${RANKED}) r WHERE status = 'pending' AND ${FREE('')}
        ORDER BY rank, "createdAt", id LIMIT {candidates}
      )) AS c(id)
      CROSS JOIN LATERAL (
        SELECT e.id FROM "OutboxEvent" e
        WHERE e.id = c.id AND e.status = 'pending' AND e."nextAttemptAt" <= {at:ts}
          AND (e."targetOrgId" IS NOT NULL OR e."userRef" LIKE 'aad:%') AND ${FREE('e.')}
        FOR UPDATE OF e SKIP LOCKED
      ) l
      LIMIT {limit}
  )
  RETURNING ${EVENT_COLUMNS(true)}`,
);

/** The ids of a JSON array parameter `{ids}`. */
const IDS = { sqlite: `SELECT value FROM json_each({ids})`, postgres: `SELECT json_array_elements_text({ids}::json)` };

/**
 * The events among `{ids}` that `{owner}` still holds, reached through the primary key only. Left to itself,
 * SQLite's planner (no statistics) took the (status, nextAttemptAt) index for `status = 'pending'` and walked every
 * pending event for each statement: 89 µs per finished event with 8,000 pending, the largest single cost of the
 * 800-conversation bench. The `|| ''` keeps the status test off that index on both databases (PostgreSQL's
 * estimates are as stale right after a burst of notices).
 */
const HELD = (db: 'sqlite' | 'postgres') =>
  `id IN (${IDS[db]}) AND "leaseOwner" = {owner} AND (status || '') = 'pending'`;

export const RENEW = namedStatement(
  'notify_renew',
  `UPDATE "OutboxEvent" SET "leaseUntil" = {leaseUntil:ts} WHERE ${HELD('sqlite')} RETURNING id`,
  `UPDATE "OutboxEvent" SET "leaseUntil" = {leaseUntil:ts} WHERE ${HELD('postgres')} RETURNING id`,
);

export const RELEASE = namedStatement(
  'notify_release',
  `UPDATE "OutboxEvent" SET "leaseOwner" = NULL, "leaseUntil" = NULL,
    "nextAttemptAt" = COALESCE({nextAttemptAt:ts}, "nextAttemptAt") WHERE ${HELD('sqlite')}`,
  `UPDATE "OutboxEvent" SET "leaseOwner" = NULL, "leaseUntil" = NULL,
    "nextAttemptAt" = COALESCE({nextAttemptAt:ts}, "nextAttemptAt") WHERE ${HELD('postgres')}`,
);

/** A field left as it is when its value is null ({setLastError} is 1 when "lastError" is given, null included). */
const FINISH_SET = `status = {status}, attempts = COALESCE({attempts}, attempts),
    "nextAttemptAt" = COALESCE({nextAttemptAt:ts}, "nextAttemptAt"),
    "lastError" = CASE WHEN {setLastError} = 1 THEN {lastError} ELSE "lastError" END,
    "sentAt" = COALESCE({sentAt:ts}, "sentAt"), "leaseOwner" = NULL, "leaseUntil" = NULL`;

export const FINISH = namedStatement(
  'notify_finish',
  `UPDATE "OutboxEvent" SET ${FINISH_SET} WHERE id = {id} AND "leaseOwner" = {owner} AND (status || '') = 'pending'`,
  `UPDATE "OutboxEvent" SET ${FINISH_SET.replace('{attempts}', '{attempts}::int').replace('{setLastError}', '{setLastError}::int')}
  WHERE id = {id} AND "leaseOwner" = {owner} AND (status || '') = 'pending'`,
);

/** Delivery rows from a JSON array of [eventId, targetKey, status, error]. */
const DELIVERY_ROWS = {
  sqlite: `SELECT lower(hex(randomblob(16))), json_extract(value, '$[0]'), json_extract(value, '$[1]'),
      json_extract(value, '$[2]'), json_extract(value, '$[3]'), {now:ts}, {now:ts}
    FROM json_each({rows}) WHERE true`,
  postgres: `SELECT gen_random_uuid()::text, x->>0, x->>1, x->>2, x->>3, {now:ts}, {now:ts}
    FROM json_array_elements({rows}::json) x`,
};
const INSERT_DELIVERY = `INSERT INTO "OutboxDelivery" (id, "eventId", "targetKey", status, error, "createdAt", "updatedAt")`;

/** "sending" notes: never over an outcome ("sent" recorded first stays "sent"). */
const NOTE_CONFLICT = `ON CONFLICT ("eventId", "targetKey") DO UPDATE SET status = 'sending', "updatedAt" = excluded."updatedAt"
  WHERE "OutboxDelivery".status IN ('retry', 'dead')`;
export const NOTE_SENDING = namedStatement(
  'notify_note_sending',
  `${INSERT_DELIVERY} ${DELIVERY_ROWS.sqlite} ${NOTE_CONFLICT}`,
  `${INSERT_DELIVERY} ${DELIVERY_ROWS.postgres} ${NOTE_CONFLICT}`,
);

/** A tick's outcomes, successes included (activityId is not kept: an outcome clears it). */
const OUTCOME_CONFLICT = `ON CONFLICT ("eventId", "targetKey") DO UPDATE
  SET status = excluded.status, error = excluded.error, "activityId" = NULL, "updatedAt" = excluded."updatedAt"`;
const FINISH_SENT = (db: 'sqlite' | 'postgres') =>
  `UPDATE "OutboxEvent" SET status = 'sent', "sentAt" = {now:ts}, "lastError" = NULL, "leaseOwner" = NULL,
    "leaseUntil" = NULL WHERE ${HELD(db)}`;

/** SQLite: the tick's two writes, run in one transaction (OutboxStore.record). */
export const RECORD_OUTCOMES = namedStatement(
  'notify_record_outcomes',
  `${INSERT_DELIVERY} ${DELIVERY_ROWS.sqlite} ${OUTCOME_CONFLICT}`,
);
export const FINISH_EVENTS = namedStatement('notify_finish_events', FINISH_SENT('sqlite'));

/** PostgreSQL only: the tick in one statement, atomic by itself (no BEGIN and COMMIT round trips). */
export const RECORD_TICK = namedStatement(
  'notify_record_tick',
  `WITH w AS (${INSERT_DELIVERY} ${DELIVERY_ROWS.postgres} ${OUTCOME_CONFLICT} RETURNING 1),
    f AS (${FINISH_SENT('postgres')} RETURNING 1)
  SELECT (SELECT count(*) FROM f)::int AS n`,
);

export const ACTIVE_CHANNELS = namedStatement(
  'notify_active_channels',
  `SELECT id, "orgId", "conversationId", "serviceUrl", "tenantId" FROM "NotificationChannel"
  WHERE "orgId" IN (${IDS.sqlite}) AND active = 1 ORDER BY "createdAt", id`,
  `SELECT id, "orgId", "conversationId", "serviceUrl", "tenantId" FROM "NotificationChannel"
  WHERE "orgId" IN (${IDS.postgres}) AND active ORDER BY "createdAt", id`,
);

export const ORG_LOCALES = namedStatement(
  'notify_org_locales',
  `SELECT id, locale FROM "Organization" WHERE id IN (${IDS.sqlite})`,
  `SELECT id, locale FROM "Organization" WHERE id IN (${IDS.postgres})`,
);

export const DELIVERIES = namedStatement(
  'notify_deliveries',
  `SELECT "eventId", "targetKey", status FROM "OutboxDelivery" WHERE "eventId" IN (${IDS.sqlite})`,
  `SELECT "eventId", "targetKey", status FROM "OutboxDelivery" WHERE "eventId" IN (${IDS.postgres})`,
);
