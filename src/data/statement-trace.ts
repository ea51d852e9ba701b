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
  /** writes to the domain's tables (anything but bot state): what makes a turn's snapshot of facts stale */
  domainWrites?: number;
  /** notices written to the outbox: a turn that wrote some wakes the notification worker once it is over */
  outboxWrites?: number;
  /** When present, the text of each counted statement is appended (tests, diagnostics). */
  sql?: string[];
}

/** A tallied scope and the one it runs in: a statement counts in every enclosing tally. */
interface Scope {
  readonly tally: StatementTally;
  readonly parent: Scope | undefined;
}
const scope = new AsyncLocalStorage<Scope>();
const listeners = new Set<(sql: string) => void>();

const TRANSACTION_CONTROL = /^\s*(BEGIN|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE)\b/i;

const WRITE = /^\s*(INSERT|UPDATE|DELETE|WITH\b[\s\S]*\b(INSERT|UPDATE|DELETE)\b)/i;
const OUTBOX_INSERT = /^\s*INSERT\s+INTO\s+\S*OutboxEvent\b/i;
const BOT_STATE = /^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+\S*BotState\b/i;

/**
 * How many domain writes the current turn made so far, or undefined outside a tallied scope (a snapshot
 * taken there can never be known to be fresh).
 */
export function domainWritesSoFar(): number | undefined {
  const tally = scope.getStore()?.tally;
  return tally ? (tally.domainWrites ?? 0) : undefined;
}

/** Runs `fn` with its statements tallied in `tally` (and in the tallies of the scopes it runs in). */
export function traceStatements<T>(tally: StatementTally, fn: () => T): T {
  return scope.run({ tally, parent: scope.getStore() }, fn);
}

/** Every statement sent from now on, until the returned function is called. */
export function onStatement(listener: (sql: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Called by the adapters and the prepared statements for every statement they send. */
export function noteStatement(sql: string): void {
  const { control, begin, domainWrite, outboxWrite } = kindOf(sql);
  for (let s = scope.getStore(); s; s = s.parent) {
    const tally = s.tally;
    if (control) {
      if (begin) tally.transactions++;
      continue;
    }
    tally.statements++;
    tally.sql?.push(sql);
    if (domainWrite) tally.domainWrites = (tally.domainWrites ?? 0) + 1;
    if (outboxWrite) tally.outboxWrites = (tally.outboxWrites ?? 0) + 1;
  }
  for (const l of listeners) l(sql);
}

interface StatementKind {
  readonly control: boolean;
  readonly begin: boolean;
  readonly domainWrite: boolean;
  readonly outboxWrite: boolean;
}
/** What each statement text is, worked out once: the same few hundred texts come back on every turn. */
const kinds = new Map<string, StatementKind>();
const MAX_KINDS = 5000;

function kindOf(sql: string): StatementKind {
  let kind = kinds.get(sql);
  if (kind === undefined) {
    const control = TRANSACTION_CONTROL.test(sql);
    const domainWrite = !control && WRITE.test(sql) && !BOT_STATE.test(sql);
    kind = {
      control,
      begin: control && /^\s*BEGIN\b/i.test(sql),
      domainWrite,
      outboxWrite: domainWrite && OUTBOX_INSERT.test(sql),
    };
    if (kinds.size >= MAX_KINDS) kinds.clear();
    kinds.set(sql, kind);
  }
  return kind;
}

/** True for BEGIN / COMMIT / ROLLBACK / SAVEPOINT: not counted against a budget. */
export function isTransactionControl(sql: string): boolean {
  return TRANSACTION_CONTROL.test(sql);
}
