/** Pieces every section uses: links into the bot, the section frame, list tables. */
import { app } from '@microsoft/teams-js';
import { el, table } from './dom.js';
import { s, tab } from './state.js';
import type { Section } from './types.js';

/** Opens a bot command: through Teams (app.openLink) inside Teams, the link itself otherwise. */
export function actionLink(link: { command: string; url: string }): HTMLElement {
  const a = el('a', { href: link.url, target: '_top', rel: 'noopener' }, [
    s('dashboard.openInChat', { command: link.command }),
  ]);
  a.addEventListener('click', (ev) => {
    if (!tab.inTeams) return;
    ev.preventDefault();
    app.openLink(link.url).catch(() => window.open(link.url, '_top'));
  });
  return a;
}

export function sectionEl(id: string, heading: string, children: (Node | string)[], wide = false): HTMLElement {
  return el('section', { id, className: wide ? 'wide' : '', 'aria-labelledby': `${id}-h` }, [
    el('h2', { id: `${id}-h` }, [heading]),
    ...children,
  ]);
}

export function failed(section: Section<unknown>): HTMLElement | null {
  return section.ok
    ? null
    : el('p', { className: 'notice error' }, [s('dashboard.error.section', { message: section.error })]);
}

/** A list section as a table: its rows, or the reason it cannot be shown (e.g. a U3 role refusal). */
export function listTable<T>(
  section: Section<{ items: T[] }>,
  caption: string,
  headers: readonly string[],
  row: (item: T) => string[],
): HTMLElement {
  return failed(section) ?? table(caption, headers, section.ok ? section.data.items.map(row) : [], s);
}
