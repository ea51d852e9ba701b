import type restify from 'restify';
import { z } from 'zod';
import { describeError } from '../domain/shared/describe-error.js';
import type { DomainContext } from '../domain/shared/context.js';
import { httpStatus, isAppError, AppError } from '../domain/shared/errors.js';
import { tokenSchema } from '../domain/shared/tokens.js';
import { verifyContact } from '../domain/enrollment/verify-contact.js';
import { t, type Locale, type MessageKey } from '../i18n/index.js';
import type { Logger } from '../log.js';
import { esc, localeFromAcceptLanguage, page, type RenderedPage } from './html.js';

/** The path parameter: exactly a token's shape; anything else is TOKEN_INVALID before any lookup. */
const paramsSchema = z.object({ token: tokenSchema });

/**
 * What the page needs of the bot once an application moves to review (E5): post the review card to the
 * program channel and tell the applicant. The bot's ReviewNotifier is one; the page knows no more of it.
 */
export interface ReviewAnnouncer {
  verified(applicationId: string): Promise<void>;
}

/** The page: the title names the step (verification), the heading says how it went. */
function verifyPage(locale: Locale, heading: string, body: string, hint = ''): RenderedPage {
  return page(locale, t(locale, 'verify.title'), `<p>${esc(body)}</p>${hint ? `<p>${esc(hint)}</p>` : ''}`, heading);
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
    reviews: ReviewAnnouncer;
    logger: Logger;
    wakeMail: () => void;
    wakeNotify?: () => void;
    defaultLocale: Locale;
  },
): void {
  server.get('/verify/:token', async (req: restify.Request, res: restify.Response) => {
    const locale = localeFromAcceptLanguage(req.header('accept-language'), deps.defaultLocale);
    const send = (status: number, rendered: RenderedPage) => {
      res.writeHead(status, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
        'content-security-policy': `default-src 'none'; style-src 'nonce-${rendered.nonce}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`,
        'x-content-type-options': 'nosniff',
      });
      res.end(rendered.html);
    };
    try {
      const parsed = paramsSchema.safeParse(req.params);
      if (!parsed.success) throw new AppError('TOKEN_INVALID');
      const result = await verifyContact(deps.domain, { token: parsed.data.token });
      send(
        200,
        verifyPage(
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
        send(
          500,
          verifyPage(locale, t(locale, 'verify.error.heading'), t(locale, 'bot.turnError', { correlationId: '-' })),
        );
        return;
      }
      const status = httpStatus(e.code);
      send(
        status,
        verifyPage(locale, t(locale, 'verify.error.heading'), describeError(locale, e), t(locale, 'verify.error.hint')),
      );
    }
  });
}
