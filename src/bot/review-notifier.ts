import { CardFactory, MessageFactory, type CloudAdapter, type ConversationReference, type Activity } from 'botbuilder';
import { reviewCard } from '../cards/enrollment-cards.js';
import type { Config } from '../config.js';
import { applicationForReview, type ApplicationReview } from '../domain/application-view.js';
import type { DomainContext } from '../domain/context.js';
import { t, type MessageKey } from '../i18n/index.js';
import type { Logger } from '../log.js';
import type { ConversationRefs } from './conversation-refs.js';

/**
 * E5: puts review cards in front of the program administrators, in their personal chats (the
 * reference stored when they last talked to the bot) and in the program's channel
 * (PROGRAM_CHANNEL_ID + PROGRAM_CHANNEL_SERVICE_URL), and tells the enrolling user of a decision.
 * Called after the use case committed. A failed send is logged, never thrown: the decision or
 * verification already stands, and the outbox (src/notify) still carries the domain's notices.
 */
export class ReviewNotifier {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly config: Pick<Config, 'MicrosoftAppId' | 'PROGRAM_ADMINS' | 'PROGRAM_CHANNEL_ID' | 'PROGRAM_CHANNEL_SERVICE_URL' | 'DEFAULT_LOCALE'>,
    private readonly domain: DomainContext,
    private readonly refs: ConversationRefs,
    private readonly logger: Logger,
  ) {}

  /** E4→E5: the contact verified; the application is in review: review cards out, the applicant told. */
  async verified(applicationId: string): Promise<void> {
    const view = await this.reviewRequested(applicationId);
    await this.tellApplicant(view);
  }

  /** Sends the review card of an application now in review; returns what it showed. */
  async reviewRequested(applicationId: string): Promise<ApplicationReview> {
    const view = await applicationForReview(this.domain, null, { applicationId });
    const admins = this.config.PROGRAM_ADMINS;
    const sends: Promise<void>[] = [];
    for (const admin of admins) {
      const chat = await this.refs.get(admin);
      if (!chat) {
        this.logger.warn({ admin, applicationId }, 'review card not sent: the program administrator has not talked to the bot yet');
        continue;
      }
      sends.push(this.send(chat.reference, MessageFactory.attachment(CardFactory.adaptiveCard(reviewCard(chat.locale, view, admins)))));
    }
    const channelId = this.config.PROGRAM_CHANNEL_ID;
    const serviceUrl = this.config.PROGRAM_CHANNEL_SERVICE_URL;
    if (channelId && serviceUrl) {
      const reference: Partial<ConversationReference> = {
        channelId: 'msteams',
        serviceUrl,
        conversation: { id: channelId, isGroup: true, conversationType: 'channel', name: '' },
      };
      sends.push(this.send(reference, MessageFactory.attachment(CardFactory.adaptiveCard(reviewCard(this.config.DEFAULT_LOCALE, view, admins)))));
    }
    await this.settle(sends, applicationId);
    return view;
  }

  /** Tells the enrolling user, in their personal chat, that the application changed state. */
  async tellApplicant(view: ApplicationReview): Promise<void> {
    if (!view.submittedByAadObjectId) return;
    const chat = await this.refs.get(view.submittedByAadObjectId);
    if (!chat) return;
    const locale = chat.locale;
    const text = t(locale, 'review.applicantNotice', {
      org: view.orgName,
      partnerType: t(locale, `enroll.partnerType.${view.partnerType}` satisfies MessageKey),
      state: t(locale, `enroll.state.${view.state}` satisfies MessageKey),
      reason: view.rejectReason ? ' ' + t(locale, 'review.reasonShown', { reason: view.rejectReason }) : '',
    });
    await this.settle([this.send(chat.reference, MessageFactory.text(text))], view.applicationId);
  }

  private async settle(sends: Promise<void>[], applicationId: string): Promise<void> {
    for (const r of await Promise.allSettled(sends)) {
      if (r.status === 'rejected') {
        this.logger.error({ applicationId, err: r.reason instanceof Error ? r.reason.message : String(r.reason) }, 'proactive send failed');
      }
    }
  }

  private send(reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<void> {
    return this.adapter.continueConversationAsync(this.config.MicrosoftAppId, reference, async (context) => {
      await context.sendActivity(activity);
    });
  }
}
