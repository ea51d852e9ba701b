import { randomUUID } from 'node:crypto';
import type { Activity, ChannelAccount } from 'botbuilder';

/** Where a conversation happens, as Teams names it in conversation.conversationType. */
export type ChatKind = 'personal' | 'groupChat' | 'channel';

export interface TeamsUserInit {
  /** Teams user id (29:...). */
  readonly id?: string;
  readonly aadObjectId?: string;
  readonly name?: string;
  /** Sent as activity.locale; default en-US. Pass null to send no locale at all. */
  readonly locale?: string | null;
  readonly tenantId?: string;
}

export interface TeamsUser {
  readonly id: string;
  readonly aadObjectId: string;
  readonly name: string;
  readonly locale: string | null;
  readonly tenantId: string;
}

export interface TeamsConversation {
  readonly kind: ChatKind;
  readonly id: string;
  readonly tenantId: string;
  readonly team?: { readonly id: string; readonly name: string; readonly aadGroupId: string };
  readonly channel?: { readonly id: string; readonly name: string };
}

export interface ConversationInit {
  readonly kind?: ChatKind;
  readonly conversationId?: string;
  readonly tenantId?: string;
  readonly teamId?: string;
  readonly teamName?: string;
  readonly channelId?: string;
  readonly channelName?: string;
}

export const DEFAULT_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const BOT_NAME = 'CSP Bot';

export function botAccount(appId: string): ChannelAccount {
  return { id: `28:${appId || 'csp-partner-bot'}`, name: BOT_NAME };
}

export function makeUser(init: TeamsUserInit = {}): TeamsUser {
  const aadObjectId = init.aadObjectId ?? randomUUID();
  return {
    id: init.id ?? `29:${aadObjectId}`,
    aadObjectId,
    name: init.name ?? 'Test User',
    locale: init.locale === undefined ? 'en-US' : init.locale,
    tenantId: init.tenantId ?? DEFAULT_TENANT,
  };
}

export function makeConversation(init: ConversationInit = {}, user?: TeamsUser): TeamsConversation {
  const kind = init.kind ?? 'personal';
  const tenantId = init.tenantId ?? user?.tenantId ?? DEFAULT_TENANT;
  const tag = randomUUID().replace(/-/g, '');
  if (kind === 'personal') return { kind, tenantId, id: init.conversationId ?? `a:personal-${tag}` };
  if (kind === 'groupChat') return { kind, tenantId, id: init.conversationId ?? `19:group-${tag}@thread.v2` };
  const channelId = init.channelId ?? `19:channel-${tag}@thread.tacv2`;
  return {
    kind,
    tenantId,
    // Teams addresses a channel thread as <channel id>;messageid=<root>; a new post has the channel id.
    id: init.conversationId ?? channelId,
    team: { id: init.teamId ?? channelId, name: init.teamName ?? 'Contoso Partners', aadGroupId: randomUUID() },
    channel: { id: channelId, name: init.channelName ?? 'General' },
  };
}

/** An activity as Teams posts it to /api/messages for `user` in `conversation`. */
export function teamsActivity(
  serviceUrl: string,
  bot: ChannelAccount,
  user: TeamsUser,
  conversation: TeamsConversation,
  fields: Partial<Activity>,
): Partial<Activity> {
  const channelData: Record<string, unknown> = { tenant: { id: conversation.tenantId } };
  if (conversation.team) channelData.team = conversation.team;
  if (conversation.channel) channelData.channel = conversation.channel;
  return {
    id: `f:${randomUUID()}`,
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date(),
    localTimestamp: new Date(),
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    recipient: bot,
    conversation: {
      id: conversation.id,
      conversationType: conversation.kind,
      tenantId: conversation.tenantId,
      isGroup: conversation.kind !== 'personal',
      name: conversation.kind === 'channel' ? conversation.channel?.name : undefined,
    } as Activity['conversation'],
    ...(user.locale ? { locale: user.locale } : {}),
    channelData,
    ...fields,
    entities: [
      ...(user.locale ? [{ type: 'clientInfo', locale: user.locale, country: 'US', platform: 'Web' }] : []),
      ...(fields.entities ?? []),
    ],
    ...(fields.channelData ? { channelData: { ...channelData, ...fields.channelData } } : {}),
  };
}

/** `<at>CSP Bot</at> text` with the mention entity Teams adds. */
export function withMention(bot: ChannelAccount, text: string): Partial<Activity> {
  const tag = `<at>${bot.name}</at>`;
  return {
    text: `${tag} ${text}`,
    entities: [{ type: 'mention', text: tag, mentioned: { id: bot.id, name: bot.name } }],
  };
}
