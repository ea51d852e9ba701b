import { z } from 'zod';
import { describeError } from '../../domain/shared/describe-error.js';
import { AppError } from '../../domain/shared/errors.js';
import type { TurnInfo } from '../turn.js';
import { notice } from './cards.js';

/* What the customer card actions share: the fields their data schemas are made of, and list sizes. */

/** Every card's data carries `v`, the version of its data contract (stale cards are told apart). */
export const v1 = { v: z.literal(1) };
export const id = z.string().min(1).max(100);
/** Teams sends "" for an empty input. */
export const optional = (schema: z.ZodString) =>
  z
    .union([z.literal(''), schema])
    .optional()
    .transform((v) => (v ? v : undefined));
/** Input.Toggle sends "true"/"false" strings; a missing toggle is "not ticked". */
export const toggle = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => v === 'true');
export const PAGE = 10;
/** How many resellers/providers a choice list offers (the first page of the list). */
export const CHOICES = 50;

/**
 * A refusal shown on the card that comes back (with what was typed) rather than as an error under
 * it: the AppError's localized message as a notice. Anything else is not a refusal and propagates.
 */
export function refusalNotice(turn: TurnInfo, e: unknown) {
  if (e instanceof AppError) return notice(describeError(turn.locale, e), 'Attention');
  throw e;
}
