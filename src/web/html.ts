import { randomBytes } from 'node:crypto';
import type { Locale } from '../i18n/index.js';

/** Escapes text for HTML element content and double-quoted attribute values. */
export function esc(value: string | number): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Picks en-US or ko-KR from an Accept-Language header by quality (ties: the order sent); `fallback`
 * (en-US unless said) when neither is asked for.
 */
export function localeFromAcceptLanguage(header: string | undefined, fallback: Locale = 'en-US'): Locale {
  const tags = (header ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { lang: tag.trim().toLowerCase().split('-')[0] ?? '', quality: Number.isFinite(quality) ? quality : 0, i };
    })
    .filter((t) => t.quality > 0 && (t.lang === 'ko' || t.lang === 'en'))
    .sort((a, b) => b.quality - a.quality || a.i - b.i);
  const lang = tags[0]?.lang;
  return lang === 'ko' ? 'ko-KR' : lang === 'en' ? 'en-US' : fallback;
}

export interface RenderedPage {
  readonly html: string;
  /** the nonce the Content-Security-Policy allows for the inline stylesheet */
  readonly nonce: string;
}

const styles = `
  body { font: 16px/1.5 "Segoe UI", system-ui, sans-serif; margin: 0; color: #242424; background: #f5f5f5; }
  main { max-width: 40rem; margin: 2rem auto; background: #fff; padding: 2rem; border-radius: 8px; }
  h1 { font-size: 1.5rem; margin-top: 0; }
  h2 { font-size: 1.1rem; }
  label { display: block; font-weight: 600; margin-top: 1rem; }
  input[type=text] { display: block; width: 100%; box-sizing: border-box; padding: .5rem; font: inherit; border: 1px solid #616161; border-radius: 4px; }
  .check { display: flex; gap: .5rem; align-items: flex-start; font-weight: 400; }
  .check input { margin-top: .35rem; width: 1.1rem; height: 1.1rem; }
  .actions { display: flex; gap: 1rem; margin-top: 1.5rem; }
  button { font: inherit; padding: .6rem 1.4rem; border-radius: 4px; border: 1px solid #5b5fc7; cursor: pointer; }
  button.primary { background: #5b5fc7; color: #fff; }
  button.secondary { background: #fff; color: #5b5fc7; }
  :focus-visible { outline: 3px solid #0f6cbd; outline-offset: 2px; }
  .alert { border-left: 4px solid #c50f1f; background: #fdf3f4; padding: .75rem 1rem; }
  .muted { color: #616161; font-size: .9rem; }
  :lang(ko) { word-break: keep-all; overflow-wrap: anywhere; }
`;

/**
 * A whole page: language, title, one main landmark, a nonce-locked stylesheet, no script. The h1 is the
 * title unless `heading` says otherwise. Every page is reached through a personal link or a sign-in, so
 * none is for search engines.
 */
export function page(locale: Locale, title: string, body: string, heading: string = title): RenderedPage {
  const nonce = randomBytes(16).toString('base64');
  const html = `<!doctype html>
<html lang="${locale === 'ko-KR' ? 'ko' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<meta name="robots" content="noindex">
<title>${esc(title)}</title>
<style nonce="${nonce}">${styles}</style>
</head>
<body>
<main>
<h1>${esc(heading)}</h1>
${body}
</main>
</body>
</html>`;
  return { html, nonce };
}
