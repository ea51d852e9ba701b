import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * What the per-turn log line says of a turn (issue 16 item 4), filled in as the turn runs: the server opens it
 * when the activity arrives (src/server.ts), the bot names what the turn was (a command id, a card verb) and
 * whether the answer was a refusal, the turn-error handler marks a failure and quotes the same correlation id
 * in its apology.
 */
export interface TurnRecord {
  /** a short id the user can quote to support: in every log line of the turn and in the apology */
  readonly correlationId: string;
  /** the command id (`customers`), the card verb (`partnership.list.page`) or the event (`conversationUpdate`) */
  name?: string;
  /** ok unless a use case refused (`refused`: the user was told why) or the turn failed (`failed`: apology sent) */
  outcome?: 'ok' | 'refused' | 'failed';
  /** the refusal's code (an AppError code: for the log only, never shown to a user) */
  reason?: string;
}

const scope = new AsyncLocalStorage<TurnRecord>();

/**
 * A short id the user can quote to support; it appears in the log line of the turn. Eight random hex digits: the
 * first eight of a version 4 UUID, which Node draws from a pooled buffer (randomBytes(4) asked the system for
 * entropy on every turn, 0.5% of a list invoke's CPU).
 */
export function newCorrelationId(): string {
  return randomUUID().slice(0, 8);
}

/** Runs `fn` (one turn) with `record` as its turn record. */
export function recordingTurn<T>(record: TurnRecord, fn: () => T): T {
  return scope.run(record, fn);
}

/** The turn record of the turn running now, if any. */
export function currentTurn(): TurnRecord | undefined {
  return scope.getStore();
}

/** Names the turn (first name wins: a command's inner steps do not rename it). */
export function nameTurn(name: string): void {
  const record = scope.getStore();
  if (record && record.name === undefined) record.name = name;
}

/** Marks the turn refused (a use case said no, the user was told why). */
export function turnRefused(code: string): void {
  const record = scope.getStore();
  if (record && record.outcome !== 'failed') {
    record.outcome = 'refused';
    record.reason = code;
  }
}
