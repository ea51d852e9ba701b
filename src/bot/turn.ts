import type { Activity, TurnContext } from 'botbuilder';
import { z } from 'zod';
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
  const entities = Array.isArray(activity.entities) ? activity.entities : [];
  const clientInfo = entities.find((e) => e.type === 'clientInfo') as { locale?: unknown } | undefined;
  const raw =
    (typeof activity.locale === 'string' ? activity.locale : undefined) ??
    (typeof clientInfo?.locale === 'string' ? clientInfo.locale : undefined);
  return raw ? resolveLocale(raw, 'en-US') : config.DEFAULT_LOCALE;
}

/**
 * The reader's IANA time zone. Teams puts it in the clientInfo entity of every message and invoke
 * (`{ type: 'clientInfo', locale, country, platform, timezone: 'Asia/Seoul' }`); proactive sends and
 * some clients have none. Undefined when absent or not a valid zone: times are then shown in UTC, said so.
 */
export function timeZoneOf(activity: Partial<Activity>): string | undefined {
  const entities = Array.isArray(activity.entities) ? activity.entities : [];
  const withZone = entities.find((e) => e.type === 'clientInfo' && 'timezone' in e) as
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

/** Longest message text the bot reads. Teams caps a message at about 28 KB; anything longer is not Teams. */
export const MAX_TEXT_CHARS = 40_000;

const id = z.string().trim().min(1).max(1024);
const optionalString = (max: number) => z.string().max(max).nullish();
const account = z.looseObject({ id, name: optionalString(1024), aadObjectId: optionalString(128) });

/**
 * The shape of an activity the bot is willing to read, checked at the HTTP boundary (src/server.ts)
 * before the adapter sees it: what the bot and the SDK dereference must be there and have the right
 * type, so a malformed activity is a 400 and never a TypeError inside the turn (a 500, which Teams
 * retries). Fields the bot does not read pass through unchecked. An invoke's `value` is not checked
 * here: the card-action router answers a bad one with a localized error body, as Teams expects.
 */
export const incomingActivitySchema = z.looseObject({
  type: z.string().trim().min(1).max(64),
  id: optionalString(1024),
  channelId: z.string().trim().min(1).max(64),
  serviceUrl: z.string().trim().min(1).max(2048),
  from: account,
  recipient: account,
  conversation: z.looseObject({
    id,
    tenantId: optionalString(128),
    conversationType: optionalString(64),
    isGroup: z.boolean().nullish(),
  }),
  locale: optionalString(100),
  text: z.string().max(MAX_TEXT_CHARS).nullish(),
  name: optionalString(256),
  action: optionalString(64),
  entities: z.array(z.looseObject({ type: z.string().max(256).nullish() })).nullish(),
  attachments: z.array(z.looseObject({})).nullish(),
  membersAdded: z.array(account).nullish(),
  membersRemoved: z.array(account).nullish(),
  channelData: z.looseObject({ tenant: z.looseObject({ id: optionalString(128) }).nullish() }).nullish(),
});

/** Where an incoming activity is malformed (zod's first issues, without values), or undefined when it is fine. */
export function activityProblems(body: unknown): string | undefined {
  const parsed = incomingActivitySchema.safeParse(body);
  if (parsed.success) return undefined;
  return parsed.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
    .join('; ');
}
