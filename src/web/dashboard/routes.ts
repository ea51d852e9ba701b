import type restify from 'restify';
import type { Config } from '../../config.js';
import type { Actor, DomainContext } from '../../domain/shared/context.js';
import { describeError } from '../../domain/shared/describe-error.js';
import { AppError, httpStatus } from '../../domain/shared/errors.js';
import { t, type Locale } from '../../i18n/index.js';
import type { Logger } from '../../log.js';
import { localeFromAcceptLanguage } from '../html.js';
import { dashboardBundle } from './bundle.js';
import { dashboardCss, dashboardPage } from './page.js';
import { bearerToken, createTabTokenVerifier, TokenRejected, type TabIdentity, type TabTokenVerifier } from './sso.js';
import {
  chatDeepLink,
  commandText,
  customersPage,
  dashboardQuery,
  dashboardView,
  type DashboardQuery,
} from './view.js';

export interface DashboardDeps {
  readonly config: Config;
  readonly logger: Logger;
  /** The domain; without it the page is served but the API answers 503. */
  readonly domain?: DomainContext;
  /** Replaces the verifier built from config (TAB_SSO_*). */
  readonly verifyToken?: TabTokenVerifier;
}

/**
 * Where Teams may frame the tab (frame-ancestors): the Teams, Outlook and Microsoft 365 hosts that
 * run tabs (teams-js's own list of valid origins is the source) plus this server itself.
 */
const FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://teams.live.com',
  'https://*.office.com',
  'https://*.office365.com',
  'https://*.microsoft365.com',
  'https://*.cloud.microsoft',
  'https://teams.microsoft.us',
  'https://*.teams.microsoft.us',
];

const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  // teams-js fetches its list of valid host origins from Microsoft's CDN (falls back to a built-in list)
  "connect-src 'self' https://res.cdn.office.net",
  "base-uri 'none'",
  "form-action 'none'",
  `frame-ancestors ${FRAME_ANCESTORS.join(' ')}`,
].join('; ');

class Unauthenticated extends Error {}

/**
 * The partner dashboard (issue 7): GET /tab/dashboard (+ .js, .css) is the personal static tab;
 * GET /api/dashboard and /api/dashboard/customers return its data for the Teams SSO token in the
 * Authorization header, scoped to the token's tenant (tid) and user (oid).
 */
export function registerDashboard(server: restify.Server, deps: DashboardDeps): void {
  const { config, logger } = deps;
  const verify = deps.verifyToken ?? createTabTokenVerifier(config);
  const botId = config.MicrosoftAppId || '00000000-0000-0000-0000-000000000000';
  dashboardBundle().catch((err: unknown) => logger.error({ err }, 'dashboard: bundling the tab script failed'));

  // restify 11 wants async handlers (or ones taking next)
  server.get('/tab/dashboard', async (req: restify.Request, res: restify.Response) => {
    await Promise.resolve();
    const html = dashboardPage(localeFromAcceptLanguage(req.header('accept-language')));
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': PAGE_CSP,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    res.end(html);
  });

  server.get('/tab/dashboard.css', async (_req: restify.Request, res: restify.Response) => {
    await Promise.resolve();
    res.writeHead(200, {
      'content-type': 'text/css; charset=utf-8',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    res.end(dashboardCss);
  });

  server.get('/tab/dashboard.js', async (_req: restify.Request, res: restify.Response) => {
    try {
      const js = await dashboardBundle();
      res.writeHead(200, {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      });
      res.end(js);
    } catch (err) {
      logger.error({ err }, 'dashboard: tab script unavailable');
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('dashboard script unavailable');
    }
  });

  /** Validates the token (401 otherwise), parses the query (400), runs `body` (AppError → its status). */
  function api(body: (domain: DomainContext, actor: Actor, locale: Locale, q: DashboardQuery) => Promise<unknown>) {
    return async (req: restify.Request, res: restify.Response) => {
      const fallback = localeFromAcceptLanguage(req.header('accept-language'));
      const parsed = dashboardQuery.safeParse(
        Object.fromEntries(new URL(req.url ?? '/', 'http://localhost').searchParams),
      );
      const locale: Locale = (parsed.success ? parsed.data.locale : undefined) ?? fallback;
      const send = (status: number, payload: unknown, extra: Record<string, string> = {}) => {
        res.writeHead(status, {
          'content-type': 'application/json; charset=utf-8',
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
          ...extra,
        });
        res.end(JSON.stringify(payload));
      };
      let identity: TabIdentity;
      try {
        const token = bearerToken(req.header('authorization'));
        if (!token) throw new Unauthenticated('no bearer token');
        identity = await verify(token);
      } catch (e) {
        if (!(e instanceof TokenRejected || e instanceof Unauthenticated))
          logger.warn({ err: e }, 'dashboard: token check failed');
        else logger.info({ reason: e.message }, 'dashboard: token refused');
        send(
          401,
          { code: 'UNAUTHENTICATED', message: t(locale, 'dashboard.error.unauthenticated') },
          { 'www-authenticate': 'Bearer' },
        );
        return;
      }
      if (!parsed.success) {
        const e = new AppError('VALIDATION', {
          details: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        });
        send(httpStatus(e.code), { code: e.code, message: describeError(locale, e) });
        return;
      }
      if (!deps.domain) {
        send(503, {
          code: 'UNAVAILABLE',
          message: t(locale, 'dashboard.error.load', { message: 'no domain services' }),
        });
        return;
      }
      const actor: Actor = {
        aadObjectId: identity.oid,
        tenantId: identity.tid,
        name: identity.name,
        locale,
        ...(identity.email ? { email: identity.email } : {}),
      };
      try {
        send(200, await body(deps.domain, actor, locale, parsed.data));
      } catch (e) {
        if (e instanceof AppError) {
          // someone whose organisation is not enrolled yet is shown the way in: the bot's enroll command
          const next =
            e.code === 'NOT_A_PARTNER_USER' ? { action: chatDeepLink(botId, commandText('enroll', locale)) } : {};
          // the token was valid: a refusal now is about permissions (403), never about signing in again
          send(httpStatus(e.code, { authenticated: true }), {
            code: e.code,
            message: describeError(locale, e),
            ...next,
          });
          return;
        }
        logger.error({ err: e }, 'dashboard: request failed');
        send(500, { code: 'INTERNAL', message: t(locale, 'dashboard.error.load', { message: '500' }) });
      }
    };
  }

  server.get(
    '/api/dashboard',
    api((domain, actor, locale, q) => dashboardView(domain, actor, locale, q, botId)),
  );
  server.get(
    '/api/dashboard/customers',
    api(async (domain, actor, locale, q) => ({ ok: true, data: await customersPage(domain, actor, locale, q) })),
  );
}
