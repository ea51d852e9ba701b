import restify from 'restify';
import { z } from 'zod';
import { describeError } from '../domain/shared/describe-error.js';
import type { DomainContext } from '../domain/shared/context.js';
import { httpStatus, isAppError, AppError } from '../domain/shared/errors.js';
import { tokenSchema } from '../domain/shared/tokens.js';
import { verifyContact, viewVerification, type VerificationView } from '../domain/enrollment/verify-contact.js';
import type { EnrollmentState } from '../domain/enrollment/enrollment-rules.js';
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

/** The confirmation form's body: one field, so a stray or forged body is refused before anything is read. */
const confirmBodySchema = z.object({ verify: z.literal('1') });

/** A small urlencoded form (one field): 4 KB is plenty. */
const confirmFormParser = restify.plugins.bodyParser({ maxBodySize: 4 * 1024, mapParams: false });

function sameOriginPost(req: restify.Request): boolean {
  const origin = req.header('origin');
  if (!origin || origin === 'null') return !origin;
  try {
    return new URL(origin).host === req.header('host');
  } catch {
    return false;
  }
}

/** E4, GET: whose address the link confirms and a Verify button (a POST to the same address); nothing changes. */
function confirmPage(locale: Locale, token: string, view: VerificationView): RenderedPage {
  const body =
    `<p>${esc(t(locale, 'verifyPage.confirm.body', { email: view.email, org: view.orgName }))}</p>` +
    `<form method="post" action="/verify/${esc(token)}"><input type="hidden" name="verify" value="1">` +
    `<div class="actions"><button type="submit" class="primary">${esc(t(locale, 'verifyPage.confirm.button'))}</button></div></form>`;
  return page(locale, t(locale, 'verify.title'), body, t(locale, 'verifyPage.confirm.heading', { org: view.orgName }));
}

/** E4: a link already used: the address is verified, which is said plainly (not an error). */
function alreadyVerifiedPage(locale: Locale, view: { email: string; orgName: string; state: EnrollmentState }) {
  return verifyPage(
    locale,
    t(locale, 'verifyPage.used.heading'),
    t(locale, 'verifyPage.used.body', {
      email: view.email,
      org: view.orgName,
      state: t(locale, `enroll.state.${view.state}` satisfies MessageKey),
    }),
  );
}

/**
 * E4: the page the primary contact's e-mail links to, /verify/:token. The GET only shows the organisation, the
 * address and a Verify button, so a mail scanner that fetches the link verifies no one; the button POSTs to the
 * same address (same origin only), which confirms the address (single use, expiring) and, when the application
 * moves to review, wakes the notification worker (the administrators' review cards) and posts the card to the
 * program channel. A used link says the address is already verified (200). Unknown/malformed links are 404,
 * expired ones 410, each with a localized page (Accept-Language: en-US or ko-KR).
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
  const send = (res: restify.Response, status: number, rendered: RenderedPage) => {
    res.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'content-security-policy': `default-src 'none'; style-src 'nonce-${rendered.nonce}'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'`,
      'x-content-type-options': 'nosniff',
    });
    res.end(rendered.html);
  };
  const failed = (res: restify.Response, locale: Locale, e: unknown) => {
    if (!isAppError(e)) {
      deps.logger.error({ err: e instanceof Error ? e.message : String(e) }, 'verification page failed');
      send(
        res,
        500,
        verifyPage(locale, t(locale, 'verify.error.heading'), t(locale, 'bot.turnError', { correlationId: '-' })),
      );
      return;
    }
    send(
      res,
      httpStatus(e.code),
      verifyPage(locale, t(locale, 'verify.error.heading'), describeError(locale, e), t(locale, 'verify.error.hint')),
    );
  };
  const localeOf = (req: restify.Request) =>
    localeFromAcceptLanguage(req.header('accept-language'), deps.defaultLocale);

  server.get('/verify/:token', async (req: restify.Request, res: restify.Response) => {
    const locale = localeOf(req);
    try {
      const parsed = paramsSchema.safeParse(req.params);
      if (!parsed.success) throw new AppError('TOKEN_INVALID');
      const view = await viewVerification(deps.domain, { token: parsed.data.token });
      send(
        res,
        200,
        view.alreadyVerified ? alreadyVerifiedPage(locale, view) : confirmPage(locale, parsed.data.token, view),
      );
    } catch (e) {
      failed(res, locale, e);
    }
  });

  server.post('/verify/:token', confirmFormParser, async (req: restify.Request, res: restify.Response) => {
    const locale = localeOf(req);
    try {
      const parsed = paramsSchema.safeParse(req.params);
      if (!parsed.success) throw new AppError('TOKEN_INVALID');
      if (!sameOriginPost(req) || !confirmBodySchema.safeParse(req.body).success) {
        // not our form (another site's post, a stray body): nothing happens; the page with the button is shown
        res.writeHead(303, { location: `/verify/${parsed.data.token}`, 'cache-control': 'no-store' });
        res.end();
        return;
      }
      const result = await verifyContact(deps.domain, { token: parsed.data.token });
      if (result.alreadyVerified) {
        send(res, 200, alreadyVerifiedPage(locale, result));
        return;
      }
      send(
        res,
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
      failed(res, locale, e);
    }
  });
}
