import { MessageFactory, type Attachment } from 'botbuilder';
import { z } from 'zod';
import { requireProgramAdmin, type Actor, type DomainContext } from '../../domain/shared/context.js';
import { parseCsv } from '../../domain/shared/csv.js';
import { importMpnProfiles, readMpnCsv } from '../../domain/enrollment/import-mpn-profiles.js';
import {
  importOffers,
  isOfferHeader,
  readOffersCsv,
  type OfferRowProblem,
} from '../../domain/subscriptions/offer-catalogue.js';
import { escapeMarkdown } from '../../i18n/format/index.js';
import { t, type Locale, type MessageKey } from '../../i18n/index.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import { actorOf } from '../actor.js';
import { answeringRefusals } from '../command-kit.js';
import { sendCard } from '../respond.js';
import { servicesOf } from '../services.js';
import type { TurnInfo } from '../turn.js';
import { card, notice } from '../customers/cards.js';

/*
 * Issue 14 item 5: a program administrator sends the offer catalogue or the MPN registry as a CSV
 * file in personal chat (the manifest's supportsFiles). Teams stores the file in the sender's
 * OneDrive and sends the bot a `file.download.info` attachment whose downloadUrl is short-lived and
 * pre-authorized (a plain GET, no bearer token). The header line says which import it is; the
 * import runs as the sender, all or nothing, and the bot answers with a summary card or the rows to fix.
 */

export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

export interface FileImportOptions {
  /** the largest file downloaded, in bytes */
  readonly maxBytes: number;
  readonly timeoutMs: number;
  /** plain http download URLs are accepted (only a bot without MicrosoftAppId: local runs and tests) */
  readonly allowHttp: boolean;
}

export const defaultFileImportOptions = { maxBytes: 1024 * 1024, timeoutMs: 15_000 } as const;

/** The attachment Teams sends for a file in personal chat. */
export const fileAttachmentSchema = z.looseObject({
  contentType: z.literal(FILE_DOWNLOAD_INFO),
  name: z.string().trim().min(1).max(260),
  content: z.looseObject({
    downloadUrl: z.url({ protocol: /^https?$/ }).max(4096),
    uniqueId: z.string().max(200).optional(),
    fileType: z.string().trim().max(20).optional(),
  }),
});
type FileAttachment = z.infer<typeof fileAttachmentSchema>;

/** The file attachments of a message (anything else, such as inline images or cards, is not one). */
export function fileAttachmentsOf(attachments: readonly Attachment[] | undefined): Attachment[] {
  return (attachments ?? []).filter((a) => a.contentType === FILE_DOWNLOAD_INFO);
}

/** A file the bot will not import, with the message that says why. */
export class FileRefused extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

/** Answers each file of the message: refusals first (not personal chat, not an administrator), then each file. */
export async function answerFiles(
  turn: TurnInfo,
  attachments: readonly Attachment[],
  options: FileImportOptions,
): Promise<void> {
  if (turn.scope !== 'personal') {
    await turn.context.sendActivity(turn.t('files.personalOnly'));
    return;
  }
  await answeringRefusals(turn, async () => {
    const domain = servicesOf(turn).domain;
    const actor = actorOf(turn);
    // refused before anything is downloaded
    await requireProgramAdmin(domain, actor);
    for (const raw of attachments) {
      const parsed = fileAttachmentSchema.safeParse(raw);
      if (!parsed.success) {
        await turn.context.sendActivity(turn.t('files.invalid'));
        continue;
      }
      await answerFile(turn, parsed.data, options);
    }
  });
}

async function answerFile(turn: TurnInfo, file: FileAttachment, options: FileImportOptions): Promise<void> {
  const name = escapeMarkdown(file.name);
  try {
    const type = (file.content.fileType ?? file.name.split('.').pop() ?? '').toLowerCase();
    if (type !== 'csv') throw new FileRefused('files.notCsv', { name });
    const text = await download(file.content.downloadUrl, options, name);
    const header = firstRecord(text);
    const domain = servicesOf(turn).domain;
    const actor = actorOf(turn);
    const kind = header ? IMPORTS.find((k) => k.recognises(header)) : undefined;
    if (kind) {
      const problems = kind.problems(turn.locale, text);
      if (problems.length) return await sendCard(turn, problemsCard(turn.locale, file.name, problems));
      const r = await kind.run(domain, actor, text);
      return await sendCard(turn, summaryCard(turn.locale, kind.title, file.name, r));
    }
    throw new FileRefused('files.unknownHeader', { name });
  } catch (e) {
    if (!(e instanceof FileRefused)) throw e;
    await turn.context.sendActivity(MessageFactory.text(turn.t(e.key, e.params)));
  }
}

/**
 * The CSV files the bot imports, told apart by their header: each with its rows' problems as people read them
 * (checked before anything is written) and its all-or-nothing import.
 */
const IMPORTS: readonly {
  readonly recognises: (header: readonly string[]) => boolean;
  readonly problems: (locale: Locale, text: string) => string[];
  readonly run: (
    domain: DomainContext,
    actor: Actor,
    text: string,
  ) => Promise<{ created: number; updated: number; unchanged: number }>;
  readonly title: MessageKey;
}[] = [
  {
    recognises: (header) => isOfferHeader(header),
    problems: (locale, text) => readOffersCsv(text).problems.map((p) => offerProblemText(locale, p)),
    run: importOffers,
    title: 'files.offersTitle',
  },
  {
    recognises: (header) => isMpnHeader(header),
    problems: (locale, text) =>
      readMpnCsv(text).problems.map((p) => t(locale, 'files.problem', { line: p.line, reason: p.message })),
    run: importMpnProfiles,
    title: 'files.mpnTitle',
  },
];

const MPN_HEADER = ['mpnid', 'orgname', 'country', 'active'];

function isMpnHeader(fields: readonly string[]): boolean {
  return fields.length === MPN_HEADER.length && fields.every((f, i) => f.trim().toLowerCase() === MPN_HEADER[i]);
}

/** The first record's fields, or undefined when the text has none or its first line cannot be read. */
function firstRecord(text: string): readonly string[] | undefined {
  const end = text.search(/\r?\n/);
  try {
    return parseCsv(end < 0 ? text : text.slice(0, end))[0]?.fields;
  } catch {
    return undefined;
  }
}

/**
 * GETs the file: http(s) only (http only when allowed), redirects followed by hand (at most 3, each
 * checked the same way), a deadline for the whole download, and at most maxBytes read.
 */
export async function download(url: string, options: FileImportOptions, name: string): Promise<string> {
  const failed = () => new FileRefused('files.downloadFailed', { name });
  const tooLarge = () => new FileRefused('files.tooLarge', { name, limit: Math.floor(options.maxBytes / 1024) });
  const signal = AbortSignal.timeout(options.timeoutMs);
  let current = url;
  let res: Response | undefined;
  for (let hop = 0; hop <= 3; hop++) {
    const u = new URL(current);
    if (u.protocol !== 'https:' && !(options.allowHttp && u.protocol === 'http:')) throw failed();
    try {
      res = await fetch(u, { redirect: 'manual', signal });
    } catch {
      throw failed();
    }
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      await res.body?.cancel();
      current = new URL(location, u).toString();
      res = undefined;
      continue;
    }
    break;
  }
  if (!res || !res.ok || !res.body) {
    await res?.body?.cancel();
    throw failed();
  }
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    await res.body.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > options.maxBytes) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof FileRefused) throw e;
    throw failed();
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new FileRefused('files.notText', { name });
  }
}

const MAX_PROBLEMS_SHOWN = 15;

function offerProblemText(locale: Locale, p: OfferRowProblem): string {
  const reason = t(locale, `offers.problem.${p.reason}`, { firstLine: p.firstLine ?? '' });
  return p.field
    ? t(locale, 'files.problemField', { line: p.line, field: p.field, reason })
    : t(locale, 'files.problem', { line: p.line, reason });
}

function problemsCard(locale: Locale, fileName: string, problems: readonly string[]): AdaptiveCardJson {
  const shown = problems.slice(0, MAX_PROBLEMS_SHOWN);
  return card({
    title: t(locale, 'files.rejectedTitle'),
    notices: [notice(t(locale, 'files.fixRows'), 'Attention', 'Bolder')],
    facts: [{ title: t(locale, 'files.fileName'), value: fileName }],
    texts: [
      ...shown.map((text) => ({ text: `- ${escapeMarkdown(text)}` })),
      ...(problems.length > shown.length
        ? [{ text: t(locale, 'files.moreProblems', { count: problems.length - shown.length }) }]
        : []),
    ],
  });
}

function summaryCard(
  locale: Locale,
  title: MessageKey,
  fileName: string,
  r: { created: number; updated: number; unchanged: number },
): AdaptiveCardJson {
  return card({
    title: t(locale, title),
    facts: [
      { title: t(locale, 'files.fileName'), value: fileName },
      { title: t(locale, 'files.added'), value: String(r.created) },
      { title: t(locale, 'files.updated'), value: String(r.updated) },
      { title: t(locale, 'files.unchanged'), value: String(r.unchanged) },
    ],
  });
}
