import { Prisma, type PrismaClient } from '../generated/sqlite/client.js';

/**
 * What src/notify reads and writes of the database: the OutboxEvent queue (leases), OutboxDelivery rows
 * (one per event and target), NotificationChannel state, and the people and organisations they reach.
 * Typed with the SQLite client's types; the PostgreSQL client has the same model API (both schemas
 * share prisma/models).
 */
export type NotifyDb = Pick<
  PrismaClient,
  | 'outboxEvent'
  | 'outboxDelivery'
  | 'notificationChannel'
  | 'user'
  | 'organization'
  | '$queryRaw'
  | '$executeRaw'
  | '$transaction'
>;

/** Rows per statement: well under both databases' bound-parameter limits (7 per delivery row). */
const CHUNK = 500;

export function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * A timestamp parameter for raw SQL, stored exactly as Prisma stores DateTime: SQLite keeps ISO text
 * (the adapter formats Date parameters the same way); PostgreSQL has timestamp(3) without time zone in UTC.
 */
export function sqlTimestamp(kind: 'sqlite' | 'postgres', d: Date): Prisma.Sql {
  return kind === 'postgres' ? Prisma.sql`(${d.toISOString()}::timestamptz AT TIME ZONE 'UTC')` : Prisma.sql`${d}`;
}
