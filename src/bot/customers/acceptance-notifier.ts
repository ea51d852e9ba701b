import { CardFactory, MessageFactory, type CloudAdapter } from 'botbuilder';
import type { Config } from '../../config.js';
import type { DomainContext } from '../../domain/shared/context.js';
import { t } from '../../i18n/index.js';
import type { Logger } from '../../log.js';
import type { ConversationRefs } from '../conversation-refs.js';
import { textCard } from './cards.js';

/**
 * Issue 6 item 3: when a customer answers an invitation on the web page, the person who created it
 * gets a card in their personal chat, when the bot has its conversation reference. Reseller and
 * provider channels are told by the outbox (customer.invitation_accepted / _declined) through the
 * notification worker. Failures are logged, never thrown: the decision is already committed.
 */
export function createAcceptanceNotifier(deps: {
  adapter: CloudAdapter;
  config: Pick<Config, 'MicrosoftAppId'>;
  domain: DomainContext;
  refs: ConversationRefs;
  logger: Logger;
}) {
  return async (invitationId: string): Promise<void> => {
    try {
      const inv = await deps.domain.store.read.invitation.findUnique({
        where: { id: invitationId },
        select: { createdByUserId: true, resultCustomerId: true, usedAt: true },
      });
      if (!inv?.createdByUserId || !inv.usedAt || !inv.resultCustomerId) return;
      const user = await deps.domain.store.read.user.findUnique({
        where: { id: inv.createdByUserId },
        select: { aadObjectId: true },
      });
      const customer = await deps.domain.store.read.customer.findUnique({
        where: { id: inv.resultCustomerId },
        select: { name: true },
      });
      if (!user?.aadObjectId || !customer) return;
      const chat = await deps.refs.get(user.aadObjectId);
      if (!chat) return;
      const card = textCard(
        chat.locale,
        t(chat.locale, 'clist.title'),
        t(chat.locale, 'cnotify.accepted', { customer: customer.name }),
        'Good',
      );
      await deps.adapter.continueConversationAsync(deps.config.MicrosoftAppId, chat.reference, async (context) => {
        await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
      });
    } catch (err) {
      deps.logger.warn(
        { err: err instanceof Error ? err.message : String(err), invitationId },
        'acceptance card not delivered',
      );
    }
  };
}
