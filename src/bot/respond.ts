/** How the bot answers from commands and card actions: cards, the clicked card for everyone, proactive cards. */
import { CardFactory, MessageFactory, type Activity } from 'botbuilder';
import type { ClaimsIdentity } from 'botframework-connector';
import type { AdaptiveCardJson } from '../cards/render.js';
import type { Locale } from '../i18n/index.js';
import { servicesOf } from './services.js';
import type { TurnInfo } from './turn.js';

export function cardActivity(card: AdaptiveCardJson): Partial<Activity> {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}

export async function sendCard(turn: TurnInfo, card: AdaptiveCardJson): Promise<void> {
  await turn.context.sendActivity(cardActivity(card));
}

/**
 * Replaces the message that carried the clicked card with `card` for everyone in the conversation
 * (the invoke response only changes the clicker's view). Teams gives the card's message id as the
 * invoke's replyToId. A failure is logged: the decision already stands and the refresh catches up.
 */
export async function updateClickedCard(turn: TurnInfo, card: AdaptiveCardJson): Promise<void> {
  const id = turn.context.activity.replyToId;
  if (!id) return;
  try {
    await turn.context.updateActivity({ ...cardActivity(card), id, type: 'message' });
  } catch (err) {
    servicesOf(turn).domain.log?.warn(
      { err: err instanceof Error ? err.message : String(err) },
      'could not update the clicked card',
    );
  }
}

/** The Teams user id of whoever acts in this turn (refresh.userIds take these). */
export function viewerId(turn: TurnInfo): string {
  return turn.context.activity.from.id;
}

/**
 * Sends a card proactively to the personal chats of these people (Entra object ids), where the bot
 * has their conversation reference (they talked to it before, src/bot/conversation-refs.ts). Uses
 * this turn's claims identity, so it works with and without the app's credentials. Returns how many
 * were reached; failures are logged, never thrown (the change they announce is already committed).
 */
export async function sendToPeople(
  turn: TurnInfo,
  aadObjectIds: readonly string[],
  build: (locale: Locale, userId: string) => AdaptiveCardJson,
): Promise<number> {
  const { refs, domain } = servicesOf(turn);
  const adapter = turn.context.adapter;
  const identity = turn.context.turnState.get<ClaimsIdentity>(adapter.BotIdentityKey);
  const sends: Promise<void>[] = [];
  for (const aad of new Set(aadObjectIds)) {
    const chat = await refs.get(aad);
    if (!chat) continue;
    const userId = chat.reference.user?.id ?? '';
    sends.push(
      adapter.continueConversationAsync(identity, chat.reference, async (ctx) => {
        await ctx.sendActivity(cardActivity(build(chat.locale, userId)));
      }),
    );
  }
  let reached = 0;
  for (const r of await Promise.allSettled(sends)) {
    if (r.status === 'fulfilled') reached++;
    else
      domain.log?.warn(
        { err: r.reason instanceof Error ? r.reason.message : String(r.reason) },
        'proactive card not delivered',
      );
  }
  return reached;
}
