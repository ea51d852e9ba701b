import type { Store, Tx } from '../domain/shared/store.js';
import { readActorFacts } from './actor-facts.js';
import { createListReads } from './list-reads.js';
import type { Database } from './db.js';

/** Transient failures worth another attempt: P2034 = write conflict or deadlock (Prisma's code for both). */
function isTransient(e: unknown, kind: 'sqlite' | 'postgres'): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const code = (e as { code?: unknown }).code;
  if (code === 'P2034') return true;
  // SQLite: a deferred transaction that read a snapshot another connection has since written cannot
  // upgrade to a writer (SQLITE_BUSY_SNAPSHOT, which no busy timeout cures); the adapter reports it
  // as P1008. Rolling back and running again from a fresh snapshot is the cure.
  if (kind === 'sqlite' && code === 'P1008') return true;
  const message = e instanceof Error ? e.message : '';
  // PostgreSQL deadlock_detected / serialization_failure; SQLite busy after the busy timeout
  return /40P01|40001|deadlock detected|could not serialize|SQLITE_BUSY|database is locked/i.test(message);
}

const MAX_ATTEMPTS = 4;

/**
 * The domain's Store (src/domain/shared/store.ts) over the Prisma client that openDatabase() returns.
 * Interactive transactions on both databases: SQLite's adapter runs them one at a time (a mutex),
 * so waiting for a turn (maxWait) may take a while under load; PostgreSQL runs them in parallel at
 * READ COMMITTED, where the domain's conditional updates decide races.
 */
export function createDomainStore(db: Pick<Database, 'prisma' | 'kind'> & Partial<Pick<Database, 'hot'>>): Store {
  const prisma = db.prisma;
  const hot = db.hot;
  return {
    kind: db.kind,
    read: prisma,
    ...(hot
      ? {
          actorFacts: (aadObjectId: string, tenantId: string) => readActorFacts(hot, aadObjectId, tenantId),
          lists: createListReads(hot),
        }
      : {}),
    async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await prisma.$transaction((tx) => fn(tx), { maxWait: 15_000, timeout: 30_000 });
        } catch (e) {
          if (attempt >= MAX_ATTEMPTS || !isTransient(e, db.kind)) throw e;
          await new Promise((r) => setTimeout(r, 10 * 2 ** attempt + Math.random() * 20));
        }
      }
    },
  };
}
