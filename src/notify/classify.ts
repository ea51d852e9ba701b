/**
 * What a failed send means for the notification (STACK.md "Teams limits"):
 * - 429 and 412, 502, 503, 504, and network errors: try again later (honour Retry-After);
 * - 403 with subCode MessageWritesBlocked (or code ConversationBlockedByUser): the team or person
 *   blocked or removed the bot: stop sending there;
 * - any other 4xx (and 5xx not listed): will not get better by retrying.
 */
export type SendOutcome =
  | { readonly kind: 'retry'; readonly retryAfterMs?: number; readonly reason: string }
  | { readonly kind: 'blocked'; readonly reason: string }
  | { readonly kind: 'fatal'; readonly reason: string };

const RETRYABLE_STATUS = new Set([408, 412, 429, 500, 502, 503, 504]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'REQUEST_SEND_ERROR',
  'SEND_TIMEOUT',
]);
const BLOCKED_CODES = new Set(['MessageWritesBlocked', 'ConversationBlockedByUser']);

interface HeaderBag {
  get(name: string): string | undefined | null;
}

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Retry-After: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Collects every code / subCode found in a Bot Framework error body. */
function bodyCodes(body: unknown): string[] {
  const out: string[] = [];
  const visit = (v: unknown, depth: number): void => {
    const r = record(v);
    if (!r || depth > 4) return;
    for (const k of ['code', 'subCode', 'subcode']) {
      const s = str(r[k]);
      if (s) out.push(s);
    }
    for (const k of ['error', 'innerError', 'innerHttpError', 'details']) visit(r[k], depth + 1);
  };
  visit(body, 0);
  return out;
}

function parseBody(text: unknown): unknown {
  if (typeof text !== 'string' || text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Classifies whatever a send port threw: a RestError from botframework-connector
 * (`statusCode`, `response.headers`, `response.bodyAsText`), a network error (`code`), or anything else.
 */
export function classifySendError(err: unknown, now: number): SendOutcome {
  const e = record(err) ?? {};
  const status = typeof e.statusCode === 'number' ? e.statusCode : typeof e.status === 'number' ? e.status : undefined;
  const code = str(e.code);
  const message = err instanceof Error ? err.message : String(err);
  if (status === undefined) {
    const cause = record(e.cause);
    const causeCode = cause ? str(cause.code) : undefined;
    if ((code && NETWORK_CODES.has(code)) || (causeCode && NETWORK_CODES.has(causeCode)) || e.name === 'AbortError') {
      return { kind: 'retry', reason: `network: ${code ?? causeCode ?? 'aborted'} ${message}`.trim() };
    }
    return { kind: 'fatal', reason: `error: ${message}` };
  }
  const response = record(e.response);
  const headers = response?.headers as HeaderBag | undefined;
  const retryAfterHeader = headers && typeof headers.get === 'function' ? headers.get('retry-after') : undefined;
  const retryAfterMs = typeof e.retryAfterMs === 'number' ? e.retryAfterMs : parseRetryAfter(retryAfterHeader, now);
  const body = response ? (parseBody(response.bodyAsText) ?? response.parsedBody) : e.body;
  // A RestError repeats the body's code as `details` and `code`: each code once in the reason.
  const codes = [...new Set([...bodyCodes(body), ...bodyCodes(e.details), ...(code ? [code] : [])])];
  const reason = `HTTP ${status}${codes.length ? ` ${codes.join('/')}` : ''}`;
  if (status === 403 && codes.some((c) => BLOCKED_CODES.has(c))) return { kind: 'blocked', reason };
  if (RETRYABLE_STATUS.has(status)) {
    return retryAfterMs === undefined ? { kind: 'retry', reason } : { kind: 'retry', retryAfterMs, reason };
  }
  return { kind: 'fatal', reason };
}

/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"):
 * uniformly random in [0, min(cap, base·2^(attempt-1))]. A Retry-After from the server is a floor.
 */
export function backoffMs(
  attempt: number,
  opts: { readonly baseMs: number; readonly capMs: number },
  random: () => number,
  retryAfterMs?: number,
): number {
  const ceiling = Math.min(opts.capMs, opts.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.floor(random() * ceiling);
  if (retryAfterMs === undefined) return jittered;
  // Spread the herd a little past the server's "not before" instead of all arriving at once.
  return retryAfterMs + Math.floor(random() * Math.min(opts.baseMs, ceiling));
}
