import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { TEST_DATABASE_URL } from '../../support/db.js';
import { startHarness, type Chat, type Harness } from '../../support/harness.js';
import type { RecordedActivity } from '../../support/connector.js';

/** One message the in-test SMTP server accepted, decoded enough to read. */
export interface ReceivedMail {
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly raw: string;
}

function decodeWords(s: string): string {
  return s.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=\s*/g, (_w, _cs: string, enc: string, data: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(
          data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

function decodeQuotedPrintable(s: string): string {
  const bytes = s
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** A single-part text message as nodemailer writes it: headers, blank line, body (7bit, QP or base64). */
export function parseMail(raw: string, from: string, to: readonly string[]): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n') >= 0 ? raw.indexOf('\r\n\r\n') : raw.indexOf('\n\n');
  const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
  const body = raw.slice(split).replace(/^\s+/, '');
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  const cte = header('Content-Transfer-Encoding').toLowerCase();
  const text =
    cte === 'quoted-printable'
      ? decodeQuotedPrintable(body)
      : cte === 'base64'
        ? Buffer.from(body, 'base64').toString('utf8')
        : body;
  return { from, to, subject: decodeWords(header('Subject')), text: text.replace(/\r\n/g, '\n'), raw };
}

/** A real SMTP server in this process (smtp-server), no TLS, any credentials. */
export async function startSmtp(): Promise<{
  url: string;
  mails: ReceivedMail[];
  waitFor(predicate: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        mails.push(
          parseMail(
            Buffer.concat(chunks).toString('utf8'),
            from,
            session.envelope.rcptTo.map((r) => r.address),
          ),
        );
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    async waitFor(predicate, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const hit = mails.find(predicate);
        if (hit) return hit;
        if (Date.now() > until)
          throw new Error(
            `no such mail within ${timeoutMs} ms; got: ${mails.map((m) => `${m.to.join(',')} "${m.subject}"`).join('; ')}`,
          );
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const ADMIN_AAD = '0a0a0a0a-1111-4222-8333-444444444444';
export const ADMIN2_AAD = '0b0b0b0b-1111-4222-8333-444444444444';

export type DatabaseKind = 'sqlite' | 'postgres';

/**
 * Declares `describe("<title> [sqlite]")` and `describe("<title> [postgres]")` (the latter pending
 * unless TEST_DATABASE_URL is set, as with forEachDatabase): the bot flow runs on each database.
 */
export function onEachDatabase(title: string, fn: (database: DatabaseKind) => void): void {
  for (const database of ['sqlite', 'postgres'] as const) {
    const suite = database === 'postgres' && TEST_DATABASE_URL === undefined ? describe.skip : describe;
    suite(`${title} [${database}]`, function () {
      fn(database);
    });
  }
}

export interface EnrollmentHarnessOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly database?: DatabaseKind;
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

export async function registerMpnProfile(h: Harness, mpnId: string, country: string, active = true): Promise<void> {
  const prisma = h.database?.db.prisma;
  if (!prisma) throw new Error('harness without a database');
  await prisma.mpnProfile.create({ data: { mpnId, orgName: `Profile ${mpnId}`, country, active } });
}

let seq = 0;
export function newMpn(): string {
  return String(3_000_000 + ((Date.now() + ++seq * 7919) % 6_000_000));
}

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

/** Every text of a card, flattened (TextBlocks, facts, labels, choices, action titles). */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      for (const [k, v] of Object.entries(n)) {
        if (typeof v === 'string' && ['text', 'title', 'value', 'label'].includes(k)) out.push(v);
        else walk(v);
      }
    }
  };
  walk(card);
  return out.join('\n');
}

/** The ids of the inputs of a card. */
export function inputIds(card: unknown): string[] {
  const ids: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') ids.push(o.id);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return ids;
}

/** The card the invoke answered with (type card.adaptive). */
export function invokeCard(body: { type: string; value?: unknown }): unknown {
  if (body.type !== 'application/vnd.microsoft.card.adaptive') throw new Error(`not a card: ${JSON.stringify(body)}`);
  return body.value;
}

/** Says `text` and returns the replies (texts and card texts). */
export async function sayAndRead(h: Harness, chat: Chat, text: string, replies = 1): Promise<RecordedActivity[]> {
  const r = await chat.say(text);
  if (r.status >= 300) throw new Error(`bot answered ${r.status}`);
  return h.connector.waitFor(replies);
}

export function textOf(a: RecordedActivity): string {
  return a.card ? cardText(a.card) : (a.text ?? '');
}

/** Starts `enroll` in a personal chat and consumes its three replies (intro, form, first question). */
export async function beginEnroll(h: Harness, chat: Chat): Promise<RecordedActivity[]> {
  return sayAndRead(h, chat, 'enroll', 3);
}

/** Extracts the verification token from a mail. */
export function tokenFrom(mail: ReceivedMail): string {
  const m = /\/verify\/([A-Za-z0-9_-]{43})/.exec(mail.text);
  if (!m?.[1]) throw new Error(`no link in: ${mail.text}`);
  return m[1];
}
