import type restify from 'restify';
import { z } from 'zod';
import { t, type Locale, type MessageKey } from '../i18n/index.js';
import { esc, localeFromAcceptLanguage, page, type RenderedPage } from './html.js';

/**
 * Issue 14 item 7: GET / says what this is (and that the data is demo data when DEMO_MODE is on);
 * GET /privacy and /terms are the pages the Teams app manifest links to (scripts/package-app.ts,
 * appPackage/manifest.json: privacyUrl, termsOfUseUrl). Both languages: `?lang=ko` / `?lang=en`, else
 * Accept-Language, else DEFAULT_LOCALE. No script, no forms, nothing read from the database.
 */
export interface AboutPagesDeps {
  readonly publicBaseUrl: string;
  readonly defaultLocale: Locale;
  readonly demo: boolean;
}

/** `?lang=`: a language people pick from the page's own links; anything else is ignored. */
const langSchema = z.enum(['en', 'ko', 'en-US', 'ko-KR']);

function localeOf(req: restify.Request, fallback: Locale): Locale {
  const lang = langSchema.safeParse(new URL(req.url ?? '/', 'http://localhost').searchParams.get('lang'));
  if (lang.success) return lang.data.startsWith('ko') ? 'ko-KR' : 'en-US';
  return localeFromAcceptLanguage(req.header('accept-language'), fallback);
}

/** A catalogue text as a paragraph; **bold** as the bot writes it becomes <strong>. */
function para(text: string): string {
  return `<p>${esc(text).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')}</p>`;
}

function nav(locale: Locale, current: 'home' | 'privacy' | 'terms'): string {
  const lang = locale === 'ko-KR' ? 'ko' : 'en';
  const other = locale === 'ko-KR' ? { lang: 'en', name: 'English' } : { lang: 'ko', name: '한국어' };
  const links: [string, MessageKey, string][] = [
    ['home', 'about.homeLink', '/'],
    ['privacy', 'about.privacyLink', '/privacy'],
    ['terms', 'about.termsLink', '/terms'],
  ];
  const items = links
    .filter(([id]) => id !== current)
    .map(([, key, href]) => `<a href="${href}?lang=${lang}">${esc(t(locale, key))}</a>`);
  const path = current === 'home' ? '/' : `/${current}`;
  items.push(`<a href="${path}?lang=${other.lang}" lang="${other.lang}" hreflang="${other.lang}">${other.name}</a>`);
  return `<p class="muted">${items.join(' · ')}</p>`;
}

export function homePage(locale: Locale, deps: AboutPagesDeps): RenderedPage {
  const body = [
    deps.demo ? `<p class="alert" role="note">${esc(t(locale, 'about.demo'))}</p>` : '',
    para(t(locale, 'about.lead')),
    para(t(locale, 'about.howTo', { messagesUrl: `${deps.publicBaseUrl}/api/messages` })),
    nav(locale, 'home'),
  ].join('\n');
  return page(locale, t(locale, 'about.title'), body);
}

export function privacyPage(locale: Locale): RenderedPage {
  const body = (['privacy.body1', 'privacy.body2', 'privacy.body3'] as const).map((k) => para(t(locale, k))).join('\n');
  return page(locale, t(locale, 'privacy.title'), `${body}\n${nav(locale, 'privacy')}`);
}

export function termsPage(locale: Locale): RenderedPage {
  const body = (['terms.body1', 'terms.body2', 'terms.body3'] as const).map((k) => para(t(locale, k))).join('\n');
  return page(locale, t(locale, 'terms.title'), `${body}\n${nav(locale, 'terms')}`);
}

export function registerAboutPages(server: restify.Server, deps: AboutPagesDeps): void {
  const serve =
    (render: (locale: Locale) => RenderedPage) =>
    (req: restify.Request, res: restify.Response, next: restify.Next): void => {
      const locale = localeOf(req, deps.defaultLocale);
      const rendered = render(locale);
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-cache',
        'content-language': locale,
        'content-security-policy': `default-src 'none'; style-src 'nonce-${rendered.nonce}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`,
        'x-content-type-options': 'nosniff',
      });
      res.end(rendered.html);
      next();
    };
  server.get(
    '/',
    serve((locale) => homePage(locale, deps)),
  );
  server.get('/privacy', serve(privacyPage));
  server.get('/terms', serve(termsPage));
}
