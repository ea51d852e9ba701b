import {
  CardFactory,
  MessageFactory,
  TeamsActivityHandler,
  TurnContext,
  type ConversationState,
  type InvokeResponse,
  type StatePropertyAccessor,
  type UserState,
} from 'botbuilder';
import type { Config } from '../config.js';
import { escapeMarkdown } from '../i18n/format/index.js';
import type { Logger } from '../log.js';
import { routeCardAction } from './card-actions.js';
import { commandHandlers } from './command-handlers.js';
import { answeringRefusals } from './command-kit.js';
import { matchCommand, normalizeText, type Scope } from './commands.js';
import { KeyedLock } from './keyed-lock.js';
import { welcomeCard } from './core/cards.js';
import { guideOfTurn } from './core/guide-turn.js';
import { turnInfo } from './turn.js';
import { answerDialog } from './dialogs.js';
import { attachServices, type TurnServices } from './services.js';
import { actorOf, holdTurnFacts, trustedIdentityOf } from './actor.js';
import { linkTeamsIdentity } from '../domain/users/link-identity.js';
import { memberEmailOf } from './member-email.js';
import { rememberProgramAdmin } from '../domain/shared/program-admins.js';
import { EtagConflictError, primeTurnRead } from '../data/prisma-storage.js';
import { nameTurn } from './turn-record.js';
import { inUseCaseSpan } from '../telemetry/spans.js';
import { answerFiles, defaultFileImportOptions, fileAttachmentsOf } from './offers/files.js';

/** What the bot needs from the composition root (src/server.ts builds it). */
export interface BotDeps {
  readonly config: Config;
  readonly logger: Logger;
  readonly conversationState: ConversationState;
  readonly userState: UserState;
  /** The domain and what the server builds around it (absent in foundation-only tests). */
  readonly services?: TurnServices;
}

/**
 * The Teams activity handler: welcome on install, text commands through the command table,
 * Action.Execute invokes through the verb table. State is saved at the end of every turn.
 */
export class CspBot extends TeamsActivityHandler {
  /** Set once the welcome card went out in a conversation, so install + membersAdded welcome once. */
  private readonly welcomed: StatePropertyAccessor<boolean>;
  private readonly welcomeLock = new KeyedLock();

  constructor(protected readonly deps: BotDeps) {
    super();
    this.welcomed = deps.conversationState.createProperty<boolean>('welcomed');

    this.onMessage(async (context, next) => {
      // issue 14: a file sent in personal chat is an import (offer catalogue or MPN registry)
      const files = fileAttachmentsOf(context.activity.attachments);
      if (files.length && this.deps.services) {
        await answerFiles(turnInfo(context, this.deps.config), files, {
          ...defaultFileImportOptions,
          allowHttp: !this.deps.config.MicrosoftAppId,
        });
      } else {
        await this.routeText(context);
      }
      await next();
    });

    // Teams sends conversationUpdate with the bot among membersAdded when the app is added to a
    // personal chat, a team (eventType teamMemberAdded) or a group chat.
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient.id;
      if ((context.activity.membersAdded ?? []).some((m) => m.id === botId)) await this.welcome(context);
      await next();
    });

    // ...and, in the same install, an installationUpdate; only a fresh `add` welcomes (not add-upgrade).
    this.onInstallationUpdateAdd(async (context, next) => {
      if (context.activity.action === 'add') await this.welcome(context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      if (context.activity.action === 'remove') await this.welcomed.delete(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    const services = this.deps.services;
    if (services) {
      attachServices(context, services);
      await this.readActorFacts(context, services);
      await this.rememberPersonalChat(context, services);
      await this.linkIdentity(context, services);
      await this.rememberProgramAdmin(context, services);
    }
    await super.run(context);
    await this.deps.conversationState.saveChanges(context, false);
    await this.deps.userState.saveChanges(context, false);
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === 'adaptiveCard/action') {
      // Always HTTP 200: Teams reads the outcome from the body's statusCode.
      const body = await routeCardAction(turnInfo(context, this.deps.config), context.activity.value);
      return { status: 200, body };
    }
    return super.onInvokeActivity(context);
  }

  /**
   * Issue 15: one prepared statement tells who is acting (user, roles, organisation, program administrator),
   * read once here for everything the turn does; without it (no identity, a store without prepared statements,
   * a failed read) use cases read the database as before.
   */
  private async readActorFacts(context: TurnContext, services: TurnServices): Promise<void> {
    const a = context.activity;
    if (a.type !== 'message' && a.type !== 'invoke') return;
    const identity = trustedIdentityOf(a);
    const store = services.domain.store;
    if (!identity) return;
    try {
      if (services.turnStart) {
        // a message reads its conversation's state (is a dialog running?): the same statement reads it ahead
        const stateKey = a.type === 'message' ? (this.deps.conversationState.getStorageKey(context) ?? null) : null;
        const { facts, state } = await services.turnStart({ ...identity, stateKey });
        holdTurnFacts(context, facts);
        if (stateKey) primeTurnRead(stateKey, state);
      } else if (store.actorFacts) {
        holdTurnFacts(context, await store.actorFacts(identity.aadObjectId, identity.tenantId));
      }
    } catch (err) {
      this.deps.logger.warn(
        { err: err instanceof Error ? err.message : String(err) },
        'could not read the acting person; reading as needed',
      );
    }
  }

  /**
   * Keeps the personal chat's conversation reference of whoever talks to the bot there, so review
   * cards (E5) and decisions can reach them proactively later.
   */
  private async rememberPersonalChat(context: TurnContext, services: TurnServices): Promise<void> {
    const aad = trustedIdentityOf(context.activity)?.aadObjectId;
    if (!aad || context.activity.conversation?.conversationType === 'channel' || context.activity.conversation?.isGroup)
      return;
    const turn = turnInfo(context, this.deps.config);
    if (turn.scope !== 'personal') return;
    try {
      await services.refs.remember(aad, TurnContext.getConversationReference(context.activity), turn.locale);
    } catch (err) {
      this.deps.logger.warn(
        { err: err instanceof Error ? err.message : String(err) },
        'could not store the conversation reference',
      );
    }
  }

  /**
   * Issue 14 item 1: remembers a program administrator's Teams user id (29:...) and name when it talks to the
   * bot, so the approval cards can name it in refresh.userIds. One read for anyone else; never fails the turn.
   */
  private async rememberProgramAdmin(context: TurnContext, services: TurnServices): Promise<void> {
    const a = context.activity;
    if (a.type !== 'message' && a.type !== 'invoke') return;
    const aad = trustedIdentityOf(a)?.aadObjectId;
    if (!aad || !a.from?.id) return;
    try {
      const turn = turnInfo(context, this.deps.config);
      await rememberProgramAdmin(services.domain, {
        aadObjectId: aad,
        teamsUserId: a.from.id,
        name: a.from.name?.trim() ?? '',
        facts: actorOf(turn).facts,
      });
    } catch (err) {
      this.deps.logger.warn(
        { err: err instanceof Error ? err.message : String(err) },
        'could not remember the program administrator',
      );
    }
  }

  /**
   * U2: binds a user who was added by email to their Teams identity on their first turn (Teams does
   * not send the email, so the roster is asked, and only while someone of the tenant awaits linking).
   */
  private async linkIdentity(context: TurnContext, services: TurnServices): Promise<void> {
    const a = context.activity;
    if (a.type !== 'message' && a.type !== 'invoke') return;
    if (!trustedIdentityOf(a)) return; // actorOf would refuse it
    const turn = turnInfo(context, this.deps.config);
    try {
      await linkTeamsIdentity(services.domain, actorOf(turn), () => memberEmailOf(turn));
    } catch (err) {
      this.deps.logger.warn(
        { err: err instanceof Error ? err.message : String(err) },
        'could not link the Teams identity',
      );
    }
  }

  /**
   * Sends the welcome card unless this conversation already got it. One install arrives as two or
   * three simultaneous activities, possibly at different bot instances. Within one instance the
   * check runs under a per-conversation lock; across instances the flag is claimed before the card
   * goes out, by a compare-and-set save (src/data/compare-and-set-state.ts: the eTag the load read, or an
   * insert-only one for a conversation with no state yet), so the instance that loses the race stays silent. If the
   * card cannot be sent the claim is given back, so the next install event can welcome.
   */
  protected async welcome(context: TurnContext): Promise<void> {
    const { conversationState } = this.deps;
    await this.welcomeLock.run(context.activity.conversation.id, async () => {
      await conversationState.load(context, true);
      if (await this.welcomed.get(context, false)) return;
      await this.welcomed.set(context, true);
      try {
        await conversationState.saveChanges(context, false);
      } catch (err) {
        if (!(err instanceof EtagConflictError)) throw err;
        this.deps.logger.debug(
          { conversationId: context.activity.conversation.id },
          'welcome claimed by another instance',
        );
        await conversationState.load(context, true); // drop our claim from the turn's cached state
        return;
      }
      const turn = turnInfo(context, this.deps.config);
      const guide = await guideOfTurn(turn);
      try {
        await context.sendActivity(
          MessageFactory.attachment(CardFactory.adaptiveCard(welcomeCard(turn.locale, turn.scope, guide))),
        );
      } catch (err) {
        await this.welcomed.delete(context);
        await conversationState.saveChanges(context, true);
        throw err;
      }
      this.deps.logger.info({ conversationId: context.activity.conversation.id, scope: turn.scope }, 'welcomed');
    });
  }

  /** Routes a message's text by whole command words, after removing the bot's @mention. */
  protected async routeText(context: TurnContext): Promise<void> {
    const turn = turnInfo(context, this.deps.config);
    const text = normalizeText(stripBotMention(context));
    if (!text) {
      // A card submit (value, no text) or an empty mention: nothing to route.
      if (context.activity.value === undefined) await context.sendActivity(turn.t('bot.emptyMessage'));
      return;
    }
    const match = matchCommand(text);
    // While a dialog runs, every message is an answer, except a bare `cancel`.
    const bareCancel = match?.command.id === 'cancel' && match.args === '';
    if (this.deps.services && !bareCancel) {
      let answered = true; // a refusal below was the answer
      await answeringRefusals(turn, async () => {
        answered = await answerDialog(turn, text);
      });
      if (answered) return;
    }
    if (!match) {
      await context.sendActivity(turn.t('bot.unknownCommand', { text: escapeMarkdown(truncate(text, 60)) }));
      return;
    }
    if (!(match.command.scopes as readonly Scope[]).includes(turn.scope)) {
      await context.sendActivity(turn.t('bot.commandNotInScope', { command: match.name }));
      return;
    }
    nameTurn(match.command.id);
    const handler = commandHandlers[match.command.id];
    await answeringRefusals(turn, () => inUseCaseSpan(match.command.id, () => handler({ ...turn, args: match.args })));
  }
}

/**
 * Text with the bot's own <at>…</at> mention removed. Teams puts the mention in the text of
 * channel and group-chat messages; other users' mentions stay.
 */
export function stripBotMention(context: TurnContext): string {
  return TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
}

function truncate(s: string, max: number): string {
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}
