import { TeamsInfo, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Actor } from '../domain/shared/context.js';
import { actorOf } from './actor.js';
import type { TurnInfo } from './turn.js';

/** How long a turn waits for Teams' member information before going on without the e-mail. */
export const MEMBER_LOOKUP_TIMEOUT_MS = 5_000;

const KEY = Symbol('csp.memberEmail');
const emailSchema = z.string().trim().max(320).pipe(z.email());

/** A Teams member as GET v3/conversations/{id}/members/{userId} answers it (only what is read here). */
const memberSchema = z.looseObject({
  email: z.string().nullish(),
  userPrincipalName: z.string().nullish(),
});

/**
 * The sender's own work e-mail from Teams' member information (GET v3/conversations/{id}/members/{userId}:
 * `email`, else `userPrincipalName`), asked at most once per turn and only by the code that needs it
 * (enrolling, signing the MPA, deciding, linking an added user). Activities never carry the address.
 *
 * Never throws: when the connector cannot answer (Agents Playground, an outage, a timeout, a value that is
 * not an address) the answer is undefined, and the caller records no e-mail rather than a wrong one.
 */
export function memberEmailOf(turn: { readonly context: TurnContext }): Promise<string | undefined> {
  const state = turn.context.turnState;
  const known = state.get<Promise<string | undefined> | undefined>(KEY);
  if (known) return known;
  const asked = lookUp(turn.context);
  state.set(KEY, asked);
  return asked;
}

async function lookUp(context: TurnContext): Promise<string | undefined> {
  const fromId = context.activity.from?.id;
  if (!fromId) return undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    const member = await Promise.race([
      TeamsInfo.getMember(context, fromId),
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), MEMBER_LOOKUP_TIMEOUT_MS);
        timer.unref();
      }),
    ]);
    const parsed = memberSchema.safeParse(member);
    if (!parsed.success) return undefined;
    for (const candidate of [parsed.data.email, parsed.data.userPrincipalName]) {
      const email = emailSchema.safeParse(candidate ?? '');
      if (email.success) return email.data;
    }
    return undefined;
  } catch {
    return undefined;
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/** The acting person with their own e-mail from Teams (when Teams could tell it); see {@link memberEmailOf}. */
export async function actorWithEmail(turn: Pick<TurnInfo, 'context' | 'locale'>): Promise<Actor> {
  const actor = actorOf(turn);
  const email = await memberEmailOf(turn);
  return email ? { ...actor, email } : actor;
}
