import restify from 'restify';
import { z } from 'zod';
import type { DomainContext } from '../domain/shared/context.js';
import { describeError } from '../domain/shared/describe-error.js';
import { AppError, httpStatus, isAppError } from '../domain/shared/errors.js';
import { respondToCustomerInvitation, type CustomerSigner } from '../domain/customers/respond-customer-invitation.js';
import { viewCustomerInvitation, type CustomerInvitationView } from '../domain/customers/view-customer-invitation.js';
import { formatDate } from '../i18n/format/index.js';
import { customerDecisionRoles } from '../domain/customers/customer-rules.js';
import { hashToken, tokenSchema } from '../domain/shared/tokens.js';
import { t, type Locale, type MessageKey, type MessageParams } from '../i18n/index.js';
import type { Logger } from '../log.js';
import { esc, localeFromAcceptLanguage, page } from './html.js';
import { OidcClient, type OidcSettings } from './oidc-client.js';
import { newSessionId, parseCookies, SealedCookies } from './session.js';

/**
 * The customer-invitation acceptance page (issue 6 item 2; C2, C3, C7–C11), served by the bot:
 *
 *   GET  /invite/<token>   link checked → sign in with OpenID Connect → who asks, what is granted, accept/decline
 *   GET  /invite/callback  the identity provider's answer (code + state)
 *   POST /invite/<token>   the decision (CSRF token bound to the session), checked by the domain
 *
 * The customer's tenant is the signed-in token's `tid` claim; the signer's directory roles are its
 * `wids` claim, and only the tenant's Global Administrator may answer (the domain's rule: anyone else
 * sees what to do, and the invitation stays unused). Every partner-supplied string is escaped; the
 * page has no script; the Content-Security-Policy allows only its own stylesheet.
 */
export interface CustomerInvitePagesDeps {
  readonly publicBaseUrl: string;
  readonly logger: Logger;
  readonly domain: DomainContext;
  /** Unset: the page explains that signing in is not available (503). */
  readonly oidc?: Omit<OidcSettings, 'redirectUri'>;
  /** Told after a decision was committed (e.g. a card to the person who invited); must not throw. */
  readonly onAnswered?: (invitationId: string) => Promise<void>;
}

const TXN_COOKIE = 'csp_oidc';
const SESSION_COOKIE = 'csp_invite';
const COOKIE_PATH = '/invite';
const TXN_SECONDS = 600;
const SESSION_SECONDS = 1800;

const txnSchema = z.object({ state: z.string(), nonce: z.string(), codeVerifier: z.string(), token: tokenSchema });
const sessionSchema = z.object({
  sid: z.string().min(16),
  token: tokenSchema,
  tid: z.string().min(1),
  oid: z.string().min(1),
  name: z.string(),
  email: z.string().optional(),
  /** the token's `wids` that the domain's rule reads (undefined: the token had no `wids` claim) */
  wids: z.array(z.string().max(100)).max(20).optional(),
});
type Session = z.infer<typeof sessionSchema>;

const callbackQuery = z.union([
  z.object({ code: z.string().min(1).max(2048), state: z.string().min(1).max(200) }),
  z.object({ error: z.string().max(200), state: z.string().max(200).optional() }),
]);

const decisionBody = z.object({
  csrf: z.string().min(1).max(200),
  decision: z.enum(['accept', 'decline']),
  consent: z.literal('on').optional(),
  name: z.string().max(200).optional(),
  domain: z.string().max(253).optional(),
  country: z.string().max(2).optional(),
});

export function registerCustomerInvitePages(server: restify.Server, deps: CustomerInvitePagesDeps): void {
  const { logger, domain } = deps;
  const secure = deps.publicBaseUrl.startsWith('https:');
  const redirectUri = `${deps.publicBaseUrl}/invite/callback`;
  const oidc = deps.oidc ? new OidcClient({ ...deps.oidc, redirectUri }) : undefined;
  const cookies = deps.oidc ? new SealedCookies(deps.oidc.clientSecret, secure) : undefined;

  server.get('/invite/callback', async (req: restify.Request, res: restify.Response) => {
    const locale = localeFromAcceptLanguage(req.header('accept-language'));
    if (!oidc || !cookies) return message(res, locale, 503, 'invitePage.errorTitle', 'invitePage.signInUnavailable');
    const jar = parseCookies(req.header('cookie'));
    const txn = await cookies.open(jar[TXN_COOKIE], txnSchema);
    const query = callbackQuery.safeParse(Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams));
    if (!txn || !query.success || !('code' in query.data) || query.data.state !== txn.state) {
      logger.warn(
        { hasTxn: Boolean(txn), query: query.success ? Object.keys(query.data) : 'invalid' },
        'invite sign-in callback refused',
      );
      return message(res, locale, 400, 'invitePage.errorTitle', 'invitePage.signInFailed', {}, [
        cookies.clear(TXN_COOKIE, COOKIE_PATH),
      ]);
    }
    try {
      const claims = await oidc.redeem(query.data.code, txn);
      if (claims.wids === undefined) {
        logger.warn(
          { tenantId: claims.tid },
          'invite sign-in: the id_token has no wids claim, so nobody can be recognised as the customer\'s Global Administrator (set groupMembershipClaims to "DirectoryRole" in the app registration)',
        );
      }
      // a cookie holds ~4 KB and a token may list many roles: keep the ones the domain's rule reads
      const wids = claims.wids?.map((id) => id.trim().toLowerCase()).filter((id) => customerDecisionRoles.includes(id));
      const session: Session = {
        sid: newSessionId(),
        token: txn.token,
        tid: claims.tid,
        oid: claims.oid ?? claims.sub,
        name: claims.name ?? claims.preferred_username ?? claims.email ?? claims.sub,
        ...((claims.email ?? claims.preferred_username) ? { email: claims.email ?? claims.preferred_username } : {}),
        ...(wids ? { wids: [...new Set(wids)] } : {}),
      };
      const sealed = await cookies.seal(session, SESSION_SECONDS);
      res.writeHead(303, {
        location: `/invite/${txn.token}`,
        'set-cookie': [
          cookies.clear(TXN_COOKIE, COOKIE_PATH),
          cookies.cookie(SESSION_COOKIE, sealed, SESSION_SECONDS, COOKIE_PATH),
        ],
        ...securityHeaders(''),
      });
      res.end();
    } catch (e) {
      logger.warn({ err: e instanceof Error ? e.message : String(e) }, 'invite sign-in failed');
      message(res, locale, 401, 'invitePage.errorTitle', 'invitePage.signInFailed', {}, [
        cookies.clear(TXN_COOKIE, COOKIE_PATH),
      ]);
    }
  });

  server.get('/invite/:token', async (req: restify.Request, res: restify.Response) => {
    const locale = localeFromAcceptLanguage(req.header('accept-language'));
    const token = tokenSchema.safeParse(tokenParam(req));
    if (!token.success) return message(res, locale, 404, 'invitePage.errorTitle', 'error.TOKEN_INVALID');
    try {
      // the link must still work before anyone is sent to sign in
      await viewCustomerInvitation(domain, { token: token.data });
      if (!oidc || !cookies) return message(res, locale, 503, 'invitePage.errorTitle', 'invitePage.signInUnavailable');
      const session = await cookies.open(parseCookies(req.header('cookie'))[SESSION_COOKIE], sessionSchema);
      if (session && session.token === token.data) {
        const view = await viewCustomerInvitation(domain, {
          token: token.data,
          tenantId: session.tid,
          ...(session.wids ? { directoryRoles: session.wids } : {}),
        });
        if (!view.signerMayAnswer) return adminRequired(res, locale, view, session, token.data, cookies);
        return send(res, 200, decisionPage(locale, view, session, cookies.csrfToken(session.sid), token.data));
      }
      const txn = { ...oidc.newTransaction(), token: token.data };
      const url = await oidc.authorizationUrl(txn, locale);
      const sealed = await cookies.seal(txn, TXN_SECONDS);
      res.writeHead(302, {
        location: url,
        'set-cookie': [cookies.cookie(TXN_COOKIE, sealed, TXN_SECONDS, COOKIE_PATH)],
        ...securityHeaders(''),
      });
      res.end();
    } catch (e) {
      failure(res, locale, e);
    }
  });

  // a small urlencoded form: 16 KB is plenty
  const formParser = restify.plugins.bodyParser({ maxBodySize: 16 * 1024, mapParams: false });

  server.post('/invite/:token', ...formParser, async (req: restify.Request, res: restify.Response) => {
    const locale = localeFromAcceptLanguage(req.header('accept-language'));
    const token = tokenSchema.safeParse(tokenParam(req));
    if (!token.success) return message(res, locale, 404, 'invitePage.errorTitle', 'error.TOKEN_INVALID');
    if (!oidc || !cookies) return message(res, locale, 503, 'invitePage.errorTitle', 'invitePage.signInUnavailable');
    const session = await cookies.open(parseCookies(req.header('cookie'))[SESSION_COOKIE], sessionSchema);
    const body = decisionBody.safeParse(req.body);
    const origin = req.header('origin');
    const sameOrigin = !origin || safeHost(origin) === req.header('host');
    if (
      !session ||
      session.token !== token.data ||
      !sameOrigin ||
      !body.success ||
      !cookies.csrfMatches(session.sid, body.data.csrf)
    ) {
      logger.warn(
        { session: Boolean(session), sameOrigin, origin, host: req.header('host'), body: body.success },
        'invite decision refused (CSRF / session)',
      );
      if (
        session &&
        session.token === token.data &&
        sameOrigin &&
        !body.success &&
        body.error.issues.every((i) => i.path[0] !== 'csrf')
      ) {
        return message(res, locale, 400, 'invitePage.errorTitle', 'invitePage.badRequest', {
          details: body.error.issues.map((i) => i.path.join('.')).join(', '),
        });
      }
      return message(res, locale, 403, 'invitePage.errorTitle', 'invitePage.staleForm');
    }
    const actor: CustomerSigner = {
      aadObjectId: session.oid,
      tenantId: session.tid,
      name: session.name,
      ...(session.email ? { email: session.email } : {}),
      locale,
      directoryRoles: session.wids,
    };
    const form = body.data;
    // declining needs no details (the form still carries the prefilled ones)
    const customer =
      form.decision === 'accept' && (form.name || form.domain || form.country)
        ? { name: form.name ?? '', domain: form.domain ?? '', country: form.country ?? '' }
        : undefined;
    try {
      const outcome = await respondToCustomerInvitation(domain, actor, {
        token: token.data,
        decision: form.decision,
        consent: form.consent === 'on',
        ...(customer ? { customer } : {}),
      });
      const view = await describeAfter(token.data, session.tid).catch(() => undefined);
      logger.info(
        { invitationId: outcome.invitationId, decision: outcome.decision, tenantId: session.tid },
        'customer invitation answered',
      );
      if (outcome.created) await deps.onAnswered?.(outcome.invitationId);
      const clear = [cookies.clear(SESSION_COOKIE, COOKIE_PATH)];
      if (outcome.decision === 'accepted') {
        return message(
          res,
          locale,
          200,
          'invitePage.acceptedTitle',
          'invitePage.accepted',
          { partners: view ? partnersOf(locale, view) : '' },
          clear,
        );
      }
      return message(
        res,
        locale,
        200,
        'invitePage.declinedTitle',
        'invitePage.declined',
        { reseller: view?.resellerName ?? '' },
        clear,
      );
    } catch (e) {
      if (isAppError(e) && e.code === 'CUSTOMER_ADMIN_REQUIRED') {
        // not the customer's Global Administrator: say what to do; the invitation is still unused
        logger.info(
          { tenantId: session.tid, hasWids: session.wids !== undefined },
          'customer invitation answer refused: not a Global Administrator',
        );
        try {
          return adminRequired(
            res,
            locale,
            await viewCustomerInvitation(domain, { token: token.data, tenantId: session.tid }),
            session,
            token.data,
            cookies,
          );
        } catch (inner) {
          return failure(res, locale, inner);
        }
      }
      if (isAppError(e) && (e.category === 'validation' || e.category === 'rule' || e.category === 'conflict')) {
        // show the form again with the reason (C7–C11, consent, details)
        try {
          const view = await viewCustomerInvitation(domain, { token: token.data, tenantId: session.tid });
          return send(
            res,
            httpStatus(e.code),
            decisionPage(
              locale,
              view,
              session,
              cookies.csrfToken(session.sid),
              token.data,
              describeError(locale, e),
              form,
            ),
          );
        } catch (inner) {
          return failure(res, locale, inner);
        }
      }
      failure(res, locale, e);
    }
  });

  /** Names for the result page, read after the decision (the link is used by then). */
  async function describeAfter(
    token: string,
    tenantId: string,
  ): Promise<Pick<CustomerInvitationView, 'resellerName' | 'providerName'> | undefined> {
    const inv = await domain.store.read.invitation.findFirst({
      where: { tokenHash: hashToken(token), acceptedTenantId: tenantId },
      select: { fromOrgId: true, providerId: true },
    });
    if (!inv) return undefined;
    const name = async (id: string) =>
      (await domain.store.read.organization.findUnique({ where: { id }, select: { legalName: true } }))?.legalName ??
      '';
    return {
      resellerName: await name(inv.fromOrgId),
      providerName: inv.providerId ? await name(inv.providerId) : null,
    };
  }

  /**
   * C2/C3: the signed-in person is not the customer tenant's Global Administrator. The page says who
   * asks and what to do; the session ends, so the link signs the next person in afresh.
   */
  function adminRequired(
    res: restify.Response,
    locale: Locale,
    view: CustomerInvitationView,
    session: Session,
    token: string,
    jar: SealedCookies,
  ): void {
    const tr = (key: MessageKey, params: MessageParams = {}) => esc(t(locale, key, params));
    const body = `<p role="alert" class="alert">${esc(describeError(locale, new AppError('CUSTOMER_ADMIN_REQUIRED')))}</p>
<p>${leadOf(locale, view)}</p>
<p class="muted">${tr('invitePage.signedInAs', { name: session.name, tenant: session.tid })}<br>${tr('invitePage.expires', { date: formatDate(view.expiresAt, locale) })}</p>
<p><a href="/invite/${esc(token)}">${tr('invitePage.otherAccount')}</a></p>`;
    send(res, httpStatus('CUSTOMER_ADMIN_REQUIRED'), page(locale, t(locale, 'invitePage.adminRequiredTitle'), body), [
      jar.clear(SESSION_COOKIE, COOKIE_PATH),
    ]);
  }

  function failure(res: restify.Response, locale: Locale, e: unknown): void {
    if (isAppError(e)) {
      send(
        res,
        httpStatus(e.code),
        page(
          locale,
          t(locale, 'invitePage.errorTitle'),
          `<p role="alert" class="alert">${esc(describeError(locale, e))}</p>`,
        ),
      );
      return;
    }
    logger.error({ err: e instanceof Error ? (e.stack ?? e.message) : String(e) }, 'invite page failed');
    message(res, locale, 503, 'invitePage.errorTitle', 'invitePage.signInUnavailable');
  }
}

function tokenParam(req: restify.Request): unknown {
  const params: unknown = req.params;
  return typeof params === 'object' && params !== null && 'token' in params ? params.token : undefined;
}

function safeHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

/** C2/C3: who asks (escaped). */
function leadOf(locale: Locale, view: Pick<CustomerInvitationView, 'resellerName' | 'providerName'>): string {
  return esc(
    view.providerName
      ? t(locale, 'invitePage.leadWithProvider', { reseller: view.resellerName, provider: view.providerName })
      : t(locale, 'invitePage.lead', { reseller: view.resellerName }),
  );
}

function partnersOf(locale: Locale, view: Pick<CustomerInvitationView, 'resellerName' | 'providerName'>): string {
  return view.providerName
    ? t(locale, 'invitePage.both', { a: view.resellerName, b: view.providerName })
    : view.resellerName;
}

function decisionPage(
  locale: Locale,
  view: CustomerInvitationView,
  session: Session,
  csrf: string,
  token: string,
  problem?: string,
  previous?: { name?: string | undefined; domain?: string | undefined; country?: string | undefined },
) {
  const tr = (key: MessageKey, params: MessageParams = {}) => esc(t(locale, key, params));
  const lead = leadOf(locale, view);
  const grants = [`<li>${tr('invitePage.grantReseller', { reseller: view.resellerName })}</li>`];
  if (view.providerName) grants.push(`<li>${tr('invitePage.grantProvider', { provider: view.providerName })}</li>`);
  const emailDomain = session.email?.split('@')[1] ?? '';
  const details = view.existingCustomer
    ? `<p>${tr('invitePage.knownCustomer', view.existingCustomer)}</p>`
    : `<fieldset>
<legend><h2>${tr('invitePage.detailsHeading')}</h2></legend>
<p class="muted">${tr('invitePage.detailsHelp')}</p>
<label for="name">${tr('invitePage.fieldName')}</label>
<input type="text" id="name" name="name" required maxlength="200" autocomplete="organization" value="${esc(previous?.name ?? '')}">
<label for="domain">${tr('invitePage.fieldDomain')}</label>
<input type="text" id="domain" name="domain" required maxlength="253" value="${esc(previous?.domain ?? emailDomain)}">
<label for="country">${tr('invitePage.fieldCountry')}</label>
<input type="text" id="country" name="country" required minlength="2" maxlength="2" pattern="[A-Za-z]{2}" autocomplete="country" value="${esc(previous?.country ?? view.resellerCountry)}">
</fieldset>`;
  const body = `
${problem ? `<div role="alert" class="alert"><strong>${tr('invitePage.problem')}</strong><p>${esc(problem)}</p></div>` : ''}
<p>${lead}</p>
<h2>${tr('invitePage.grantsHeading')}</h2>
<ul>${grants.join('')}<li>${tr('invitePage.otherPartners')}</li></ul>
<p class="muted">${tr('invitePage.signedInAs', { name: session.name, tenant: session.tid })}<br>${tr('invitePage.expires', { date: formatDate(view.expiresAt, locale) })}</p>
<form method="post" action="/invite/${esc(token)}">
<input type="hidden" name="csrf" value="${esc(csrf)}">
${details}
<label class="check" for="consent"><input type="checkbox" id="consent" name="consent" required> <span>${tr('invitePage.consent', { partners: partnersOf(locale, view) })}</span></label>
<div class="actions">
<button type="submit" class="primary" name="decision" value="accept">${tr('invitePage.accept')}</button>
<button type="submit" class="secondary" name="decision" value="decline" formnovalidate>${tr('invitePage.decline')}</button>
</div>
</form>`;
  return page(locale, t(locale, 'invitePage.title'), body);
}

function securityHeaders(nonce: string): Record<string, string> {
  return {
    'content-security-policy': `default-src 'none'; style-src ${nonce ? `'nonce-${nonce}'` : "'none'"}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    // the token is in the URL: never send it to another site (same-origin keeps the Origin header on posts)
    'referrer-policy': 'same-origin',
    'cache-control': 'no-store',
  };
}

function send(
  res: restify.Response,
  status: number,
  rendered: { html: string; nonce: string },
  setCookies: string[] = [],
): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    ...securityHeaders(rendered.nonce),
    ...(setCookies.length ? { 'set-cookie': setCookies } : {}),
  });
  res.end(rendered.html);
}

function message(
  res: restify.Response,
  locale: Locale,
  status: number,
  titleKey: MessageKey,
  key: MessageKey,
  params: MessageParams = {},
  setCookies: string[] = [],
): void {
  const role = status >= 400 ? ' role="alert" class="alert"' : '';
  send(res, status, page(locale, t(locale, titleKey), `<p${role}>${esc(t(locale, key, params))}</p>`), setCookies);
}
