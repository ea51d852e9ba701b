import type { Activity, TurnContext } from 'botbuilder';
import type { Config } from '../config.js';
import { resolveLocale, translator, type Locale, type Translate } from '../i18n/index.js';
import { parseTimeZone } from '../i18n/format/index.js';
import type { Scope } from './commands.js';

/**
 * The Teams scope of a conversation: `personal` (1:1 chat), `groupChat`, or `team` (a channel).
 * Teams sets conversation.conversationType; `isGroup` is the older hint.
 */
export function scopeOf(activity: Partial<Activity>): Scope {
  const type = activity.conversation?.conversationType;
  if (type === 'channel') return 'team';
  if (type === 'groupChat') return 'groupChat';
  if (type === 'personal') return 'personal';
  return activity.conversation?.isGroup ? 'groupChat' : 'personal';
}

/**
 * The locale to answer in. Teams sends the client's locale in activity.locale (older clients in the
 * clientInfo entity). Korean for any Korean tag, English for any other tag; the configured
 * DEFAULT_LOCALE only when the activity carries no locale at all.
 */
export function localeOf(activity: Partial<Activity>, config: Pick<Config, 'DEFAULT_LOCALE'>): Locale {
  const clientInfo = activity.entities?.find((e) => e.type === 'clientInfo') as { locale?: unknown } | undefined;
  const raw = activity.locale ?? (typeof clientInfo?.locale === 'string' ? clientInfo.locale : undefined);
  return raw ? resolveLocale(raw, 'en-US') : config.DEFAULT_LOCALE;
}

/**
 * The reader's IANA time zone. Teams puts it in the clientInfo entity of every message and invoke
 * (`{ type: 'clientInfo', locale, country, platform, timezone: 'Asia/Seoul' }`); proactive sends and
 * some clients have none. Undefined when absent or not a valid zone: times are then shown in UTC, said so.
 */
export function timeZoneOf(activity: Partial<Activity>): string | undefined {
  const withZone = activity.entities?.find((e) => e.type === 'clientInfo' && 'timezone' in e) as
    { timezone?: unknown } | undefined;
  return parseTimeZone(withZone?.timezone);
}

/** The name Teams shows for the bot, used in "mention me" hints. */
export function botNameOf(activity: Partial<Activity>): string {
  return activity.recipient?.name?.trim() || 'CSP Bot';
}

/** What every command and card-action handler gets about the turn it runs in. */
export interface TurnInfo {
  readonly context: TurnContext;
  readonly locale: Locale;
  /** the reader's IANA zone from clientInfo, undefined when unknown (times then show in UTC) */
  readonly timeZone: string | undefined;
  readonly t: Translate;
  readonly scope: Scope;
  readonly botName: string;
}

export function turnInfo(context: TurnContext, config: Pick<Config, 'DEFAULT_LOCALE'>): TurnInfo {
  const locale = localeOf(context.activity, config);
  return {
    context,
    locale,
    timeZone: timeZoneOf(context.activity),
    t: translator(locale),
    scope: scopeOf(context.activity),
    botName: botNameOf(context.activity),
  };
}
