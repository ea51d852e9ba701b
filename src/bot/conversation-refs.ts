import type { ConversationReference, Storage } from 'botbuilder';
import { z } from 'zod';
import { resolveLocale, type Locale } from '../i18n/index.js';

/**
 * Where to reach a person proactively: the personal-chat conversation reference Teams gave us the
 * last time they talked to the bot, and their locale. Kept in the bot-state Storage (PrismaStorage:
 * the BotState table) under `csp/personal-chat/<aadObjectId>`, so no migration is needed and every
 * bot instance sees it.
 */
const stored = z.object({
  reference: z
    .object({
      serviceUrl: z.string().min(1),
      channelId: z.string().min(1),
      conversation: z
        .object({
          id: z.string().min(1),
          name: z.string().default(''),
          isGroup: z.boolean().default(false),
          conversationType: z.string().default('personal'),
        })
        .loose(),
      bot: z
        .object({ id: z.string(), name: z.string().default('') })
        .loose()
        .optional(),
      user: z
        .object({ id: z.string(), name: z.string().default('') })
        .loose()
        .optional(),
    })
    .loose(),
  locale: z.string().optional(),
});

export interface PersonalChat {
  readonly reference: Partial<ConversationReference>;
  readonly locale: Locale;
}

/**
 * How long this instance trusts what it last read or wrote for a person without reading again. Another
 * instance may store a different service URL for the same chat meanwhile (Teams keeps one personal chat
 * per person and bot, so both are the person's); after this long the next turn here reads and corrects it.
 */
export const REMEMBERED_CHAT_TTL_MS = 10 * 60 * 1000;
/** People remembered at most; the oldest entry goes first. */
const REMEMBERED_CHATS_MAX = 50_000;

export class ConversationRefs {
  /**
   * Issue 15: what this instance knows is stored for each person (written through on every change), so a
   * turn whose chat is the one stored costs no statement.
   */
  private readonly stored = new Map<
    string,
    { conversationId: string; serviceUrl: string; locale: Locale; at: number }
  >();

  constructor(
    private readonly storage: Storage,
    private readonly now: () => number = Date.now,
  ) {}

  private key(aadObjectId: string): string {
    return `csp/personal-chat/${aadObjectId}`;
  }

  /** Remembers the personal chat of `aadObjectId`; writes only when something changed. */
  async remember(aadObjectId: string, reference: Partial<ConversationReference>, locale: Locale): Promise<void> {
    const key = this.key(aadObjectId);
    const { activityId: _drop, ...ref } = reference;
    const conversationId = ref.conversation?.id ?? '';
    const serviceUrl = ref.serviceUrl ?? '';
    const same = (c: { conversationId: string; serviceUrl: string; locale: Locale } | undefined): boolean =>
      c !== undefined && c.locale === locale && c.conversationId === conversationId && c.serviceUrl === serviceUrl;
    const known = this.stored.get(aadObjectId);
    if (known && this.now() - known.at < REMEMBERED_CHAT_TTL_MS && same(known)) return;
    const before = await this.get(aadObjectId);
    const entry = { conversationId, serviceUrl, locale, at: this.now() };
    if (
      !before ||
      !same({
        conversationId: before.reference.conversation?.id ?? '',
        serviceUrl: before.reference.serviceUrl ?? '',
        locale: before.locale,
      })
    ) {
      await this.storage.write({ [key]: { reference: ref, locale, eTag: '*' } });
    }
    this.stored.delete(aadObjectId);
    this.stored.set(aadObjectId, entry);
    if (this.stored.size > REMEMBERED_CHATS_MAX) this.stored.delete(this.stored.keys().next().value as string);
  }

  /**
   * For the notification worker (NotifyWorkerOptions.findPerson): the person's personal chat (its id,
   * tenant and service URL) and language, so notices reach them where and as they talk to the bot.
   */
  async home(
    aadObjectId: string,
  ): Promise<{ tenantId?: string; serviceUrl: string; conversationId: string; locale: Locale } | undefined> {
    const chat = await this.get(aadObjectId);
    const serviceUrl = chat?.reference.serviceUrl;
    const conversationId = chat?.reference.conversation?.id;
    if (!chat || !serviceUrl || !conversationId) return undefined;
    const tenantId = chat.reference.conversation?.tenantId;
    return { ...(tenantId ? { tenantId } : {}), serviceUrl, conversationId, locale: chat.locale };
  }

  async get(aadObjectId: string): Promise<PersonalChat | undefined> {
    const key = this.key(aadObjectId);
    const items = await this.storage.read([key]);
    const parsed = stored.safeParse(items[key]);
    if (!parsed.success) return undefined;
    // The stored object is what TurnContext.getConversationReference gave us, checked above.
    const reference: Partial<ConversationReference> = parsed.data.reference;
    return { reference, locale: resolveLocale(parsed.data.locale) };
  }
}
