import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Counts the SQL the bot sends to its database (issue 15: a statement budget per turn). Both driver
 * adapters (sqlite-adapter.ts, pg-adapter.ts) and the prepared hot-path statements (hot-statements.ts)
 * report every statement here. Transaction control (BEGIN, COMMIT, ROLLBACK, SAVEPOINT) is counted apart,
 * as transactions: a budget is about the work a turn asks of the database, and a transaction's frame is
 * the same few round trips whatever it holds.
 *
 * Two ways to read it: `traceStatements(tally, fn)` tallies what `fn` and everything it awaits sends (an
 * AsyncLocalStorage scope: the per-turn log), and `onStatement(listener)` sees every statement of the
 * process (tests that run one turn at a time).
 */
export interface StatementTally {
  statements: number;
  transactions: number;
  /** When present, the text of each counted statement is appended (tests, diagnostics). */
  sql?: string[];
}

const scope = new AsyncLocalStorage<StatementTally>();
const listeners = new Set<(sql: string) => void>();

const TRANSACTION_CONTROL = /^\s*(BEGIN|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE)\b/i;

/** Runs `fn` with its statements tallied in `tally`. */
export function traceStatements<T>(tally: StatementTally, fn: () => T): T {
  return scope.run(tally, fn);
}

/** Every statement sent from now on, until the returned function is called. */
export function onStatement(listener: (sql: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Called by the adapters and the prepared statements for every statement they send. */
export function noteStatement(sql: string): void {
  const tally = scope.getStore();
  if (TRANSACTION_CONTROL.test(sql)) {
    if (tally && /^\s*BEGIN\b/i.test(sql)) tally.transactions++;
  } else if (tally) {
    tally.statements++;
    tally.sql?.push(sql);
  }
  for (const l of listeners) l(sql);
}

/** True for BEGIN / COMMIT / ROLLBACK / SAVEPOINT: not counted against a budget. */
export function isTransactionControl(sql: string): boolean {
  return TRANSACTION_CONTROL.test(sql);
}
