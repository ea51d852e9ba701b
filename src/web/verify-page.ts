import type restify from 'restify';
import { z } from 'zod';
import type { ReviewNotifier } from '../bot/enrollment/review-notifier.js';
import { describeError } from '../domain/shared/describe-error.js';
import type { DomainContext } from '../domain/shared/context.js';
import { httpStatus, isAppError, AppError } from '../domain/shared/errors.js';
import { tokenSchema } from '../domain/shared/tokens.js';
import { verifyContact } from '../domain/enrollment/verify-contact.js';
import { t, type Locale, type MessageKey } from '../i18n/index.js';
import type { Logger } from '../log.js';

/** The path parameter: exactly a token's shape; anything else is TOKEN_INVALID before any lookup. */
const paramsSchema = z.object({ token: tokenSchema });

/** The first language of Accept-Language that we speak (Korean or English), else the default. */
export function localeFromAcceptLanguage(header: string | undefined, fallback: Locale): Locale {
  if (!header) return fallback;
  const tags = header
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.find((r) => r.trim().startsWith('q='));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((x) => x.tag !== '' && x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of tags) {
    if (tag.startsWith('ko')) return 'ko-KR';
    if (tag.startsWith('en')) return 'en-US';
  }
  return fallback;
}

const escapes: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => escapes[c] ?? c);
}

function page(locale: Locale, heading: string, body: string, hint = ''): string {
  return `<!doctype html>
<html lang="${locale === 'ko-KR' ? 'ko' : 'en'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(t(locale, 'verify.title'))}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}</style></head>
<body><main><h1>${escapeHtml(heading)}</h1><p>${escapeHtml(body)}</p>${hint ? `<p>${escapeHtml(hint)}</p>` : ''}</main></body></html>
`;
}

/**
 * E4: GET /verify/:token, the page the primary contact's email links to. Confirms the address
 * (single use, expiring) and, when the application moves to review, wakes the notification worker
 * (the administrators' review cards) and posts the card to the program channel.
 * Unknown/malformed links are 404, expired or used ones 410, each with a localized page.
 */
export function registerVerifyPage(
  server: restify.Server,
  deps: {
    domain: DomainContext;
    reviews: ReviewNotifier;
    logger: Logger;
    wakeMail: () => void;
    wakeNotify?: () => void;
    defaultLocale: Locale;
  },
): void {
  server.get('/verify/:token', async (req: restify.Request, res: restify.Response) => {
    const header: unknown = req.headers['accept-language'];
    const locale = localeFromAcceptLanguage(typeof header === 'string' ? header : undefined, deps.defaultLocale);
    const send = (status: number, html: string) => {
      res.writeHead(status, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      });
      res.end(html);
    };
    try {
      const parsed = paramsSchema.safeParse(req.params);
      if (!parsed.success) throw new AppError('TOKEN_INVALID');
      const result = await verifyContact(deps.domain, { token: parsed.data.token });
      send(
        200,
        page(
          locale,
          t(locale, 'verify.ok.heading'),
          t(locale, 'verify.ok.body', {
            email: result.email,
            org: result.orgName,
            state: t(locale, `enroll.state.${result.state}` satisfies MessageKey),
          }),
        ),
      );
      deps.wakeMail();
      // the review cards to the program administrators are outbox rows of this change (E5)
      deps.wakeNotify?.();
      if (result.state === 'in_review') {
        await deps.reviews
          .verified(result.applicationId)
          .catch((err: unknown) =>
            deps.logger.error(
              { err: err instanceof Error ? err.message : String(err) },
              'review card not posted to the program channel',
            ),
          );
      }
    } catch (e) {
      if (!isAppError(e)) {
        deps.logger.error({ err: e instanceof Error ? e.message : String(e) }, 'verification page failed');
        send(500, page(locale, t(locale, 'verify.error.heading'), t(locale, 'bot.turnError', { correlationId: '-' })));
        return;
      }
      const status = httpStatus(e.code);
      send(
        status,
        page(locale, t(locale, 'verify.error.heading'), describeError(locale, e), t(locale, 'verify.error.hint')),
      );
    }
  });
}
