import type { PrismaClient } from '../generated/sqlite/client.js';

/**
 * What src/notify reads and writes of the database: the OutboxEvent queue (leases), OutboxDelivery rows
 * (one per event and target), NotificationChannel state, and the people and organisations they reach.
 * Typed with the SQLite client's types; the PostgreSQL client has the same model API (both schemas
 * share prisma/models).
 */
export type NotifyDb = Pick<
  PrismaClient,
  'outboxEvent' | 'outboxDelivery' | 'notificationChannel' | 'user' | 'organization' | '$transaction'
>;
