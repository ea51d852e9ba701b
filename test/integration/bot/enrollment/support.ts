import type { TestDatabase } from '../../../support/db.js';
import { startHarness, type Chat, type Harness } from '../../../support/harness.js';
import type { RecordedActivity } from '../../../support/connector.js';
import { anything, type Row } from '../../../support/conversation.js';

export const ADMIN_AAD = '0a0a0a0a-1111-4222-8333-444444444444';
export const ADMIN2_AAD = '0b0b0b0b-1111-4222-8333-444444444444';

export interface EnrollmentHarnessOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly database?: TestDatabase['kind'];
  /** Run the notification worker in the server (the administrators' review cards are outbox rows). */
  readonly notifications?: boolean;
}

export async function startEnrollmentHarness(
  smtpUrl: string,
  options: EnrollmentHarnessOptions = {},
): Promise<Harness> {
  return startHarness({
    env: { PROGRAM_ADMINS: `${ADMIN_AAD},${ADMIN2_AAD}`, SMTP_URL: smtpUrl, LOG_LEVEL: 'warn', ...options.env },
    storage: options.database ?? 'sqlite',
    ...(options.notifications ? { notifications: true } : {}),
  });
}

/** Everything the connector accepted into `chat`'s conversation so far (consumed or not). */
export function deliveredTo(h: Harness, chat: Chat): RecordedActivity[] {
  return h.connector.activities.filter((a) => a.conversationId === chat.conversation.id);
}

let seq = 0;

/** A full, valid form submission (card inputs arrive as strings). */
export function validForm(mpnId: string, overrides: Record<string, string> = {}): Record<string, string> {
  const n = ++seq;
  return {
    partnerType: 'indirect_reseller',
    mpnId,
    legalName: `Fabrikam ${n} Ltd`,
    addressLine1: `${n} Main Street`,
    addressLine2: '',
    city: 'Seattle',
    state: 'WA',
    postalCode: '98052',
    country: 'US',
    primaryName: `Pat Primary ${n}`,
    primaryEmail: `pat${n}@fabrikam${n}.example`,
    primaryPhone: '+1 425 555 0100',
    supportEmail: `support${n}@fabrikam${n}.example`,
    supportPhone: '+1 425 555 0199',
    supportWebsite: `https://fabrikam${n}.example/support`,
    ...overrides,
  };
}

/** Says `text` and returns the replies (texts and card texts). */
export async function sayAndRead(h: Harness, chat: Chat, text: string, replies = 1): Promise<RecordedActivity[]> {
  const r = await chat.say(text);
  if (r.status >= 300) throw new Error(`bot answered ${r.status}`);
  return h.connector.waitFor(replies);
}

/** The row that starts `enroll` in a personal chat: its three replies (intro, form, first question). */
export const startEnroll: Row = { user: 'enroll', bot: [anything, anything, anything] };

/** Starts `enroll` in a personal chat and consumes its three replies (intro, form, first question). */
export async function beginEnroll(h: Harness, chat: Chat): Promise<RecordedActivity[]> {
  return sayAndRead(h, chat, 'enroll', 3);
}

/**
 * E4 as the primary contact does it: opens the link (GET: the page with the Verify button, which changes
 * nothing) and presses Verify (POST). Returns the POST's answer.
 */
export async function verifyByPage(
  h: Harness,
  token: string,
  headers: Record<string, string> = {},
): Promise<Awaited<ReturnType<Harness['get']>>> {
  const shown = await h.get(`/verify/${token}`, headers);
  if (shown.status !== 200) return shown;
  return h.postForm(`/verify/${token}`, { verify: '1' }, headers);
}
