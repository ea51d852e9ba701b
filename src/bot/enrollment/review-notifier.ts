import { CardFactory, MessageFactory, type CloudAdapter, type ConversationReference, type Activity } from 'botbuilder';
import { reviewCard } from './cards.js';
import type { Config } from '../../config.js';
import { applicationForReview, type ApplicationReview } from '../../domain/enrollment/application-view.js';
import type { DomainContext } from '../../domain/shared/context.js';
import { programAdminTeamsIds } from '../../domain/shared/program-admins.js';
import { t, type MessageKey } from '../../i18n/index.js';
import type { Logger } from '../../log.js';
import type { ConversationRefs } from '../conversation-refs.js';

/**
 * E5, the parts of review that are not outbox rows: posts the review card into the program's
 * channel (PROGRAM_CHANNEL_ID + PROGRAM_CHANNEL_SERVICE_URL, a team space rather than a message to
 * one administrator) and tells the enrolling user of a change of state in their personal chat.
 * The program administrators' own review cards are NOT sent from here: they are the outbox rows
 * `enrollment.review_requested` that the use case wrote with the change (src/domain/enrollment/notify-reviewers.ts),
 * delivered once per administrator, with retries, by the notification worker, which renders them as
 * this card (./notify-render.ts). Called after the use case committed; a failed send is
 * logged, never thrown: the decision or verification already stands.
 */
export class ReviewNotifier {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly config: Pick<
      Config,
      'MicrosoftAppId' | 'PROGRAM_ADMINS' | 'PROGRAM_CHANNEL_ID' | 'PROGRAM_CHANNEL_SERVICE_URL' | 'DEFAULT_LOCALE'
    >,
    private readonly domain: DomainContext,
    private readonly refs: ConversationRefs,
    private readonly logger: Logger,
  ) {}

  /** E4→E5: the contact verified; the application is in review: the program channel's card, the applicant told. */
  async verified(applicationId: string): Promise<void> {
    const view = await this.postToProgramChannel(applicationId);
    await this.tellApplicant(view);
  }

  /** Posts the review card of an application now in review into the program channel (when configured); returns what it showed. */
  async postToProgramChannel(applicationId: string): Promise<ApplicationReview> {
    const view = await applicationForReview(this.domain, null, { applicationId });
    const channelId = this.config.PROGRAM_CHANNEL_ID;
    const serviceUrl = this.config.PROGRAM_CHANNEL_SERVICE_URL;
    if (channelId && serviceUrl) {
      const reference: Partial<ConversationReference> = {
        channelId: 'msteams',
        serviceUrl,
        conversation: { id: channelId, isGroup: true, conversationType: 'channel', name: '' },
      };
      const card = reviewCard(this.config.DEFAULT_LOCALE, view, await programAdminTeamsIds(this.domain));
      await this.settle(
        [this.send(reference, MessageFactory.attachment(CardFactory.adaptiveCard(card)))],
        applicationId,
      );
    }
    return view;
  }

  /** Whether `conversationId` (a channel message's id may carry `;messageid=...`) is the program's channel. */
  isProgramChannel(conversationId: string): boolean {
    const channelId = this.config.PROGRAM_CHANNEL_ID;
    return channelId !== undefined && conversationId.split(';')[0] === channelId;
  }

  /**
   * Posts another program card into the program channel (when configured), in the deployment's default
   * language: a provider's directory change request (P10, src/bot/directory). A failed send is logged.
   */
  async postCardToProgramChannel(
    build: (locale: Config['DEFAULT_LOCALE']) => Readonly<Record<string, unknown>>,
    logKey: string,
  ): Promise<void> {
    const channelId = this.config.PROGRAM_CHANNEL_ID;
    const serviceUrl = this.config.PROGRAM_CHANNEL_SERVICE_URL;
    if (!channelId || !serviceUrl) return;
    const reference: Partial<ConversationReference> = {
      channelId: 'msteams',
      serviceUrl,
      conversation: { id: channelId, isGroup: true, conversationType: 'channel', name: '' },
    };
    const card = build(this.config.DEFAULT_LOCALE);
    await this.settle([this.send(reference, MessageFactory.attachment(CardFactory.adaptiveCard(card)))], logKey);
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
        this.logger.error(
          { applicationId, err: r.reason instanceof Error ? r.reason.message : String(r.reason) },
          'proactive send failed',
        );
      }
    }
  }

  private send(reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<void> {
    return this.adapter.continueConversationAsync(this.config.MicrosoftAppId, reference, async (context) => {
      await context.sendActivity(activity);
    });
  }
}
