import { z } from 'zod';
import { t, type Locale } from '../../i18n/index.js';

/**
 * Paging state carried in a card's Action.Execute data: the domain pages forward with an opaque
 * cursor; "previous" needs the cursors of the pages before, kept as a '.'-joined stack ('~' = the
 * first page, whose cursor is empty). Cursors are base64url, so '.' and '~' cannot occur in them.
 */
export interface PageState {
  readonly cursor: string;
  readonly back: readonly string[];
}

const FIRST = '~';
/** A card's data stays small: at most this many pages of history (then "previous" restarts at page 1). */
const MAX_BACK = 50;

export const pageFields = {
  cursor: z
    .string()
    .max(400)
    .regex(/^[A-Za-z0-9_-]*$/)
    .default(''),
  back: z
    .string()
    .max(MAX_BACK * 420)
    .regex(/^[A-Za-z0-9_~.-]*$/)
    .default(''),
};

export function parseBack(back: string): string[] {
  return back === '' ? [] : back.split('.').map((c) => (c === FIRST ? '' : c));
}

function encodeBack(back: readonly string[]): string {
  return back
    .slice(-MAX_BACK)
    .map((c) => (c === '' ? FIRST : c))
    .join('.');
}

/** The data of the "next" and "previous" buttons of the page shown with `state`. */
export function pageLinks(
  state: PageState,
  nextCursor: string | null,
): {
  hasNext: boolean;
  hasPrevious: boolean;
  next: { cursor: string; back: string };
  previous: { cursor: string; back: string };
  pageNumber: number;
} {
  const back = [...state.back];
  const prevCursor = back.length > 0 ? back[back.length - 1] : '';
  return {
    hasNext: nextCursor !== null,
    hasPrevious: back.length > 0,
    next: { cursor: nextCursor ?? '', back: encodeBack([...back, state.cursor]) },
    previous: { cursor: prevCursor ?? '', back: encodeBack(back.slice(0, -1)) },
    pageNumber: back.length + 1,
  };
}

/** The pager part of a paged card's data: the buttons' data and their labels. */
export function pagerData(locale: Locale, links: ReturnType<typeof pageLinks>) {
  return {
    hasPrevious: links.hasPrevious,
    hasNext: links.hasNext,
    previousLabel: t(locale, 'dir.previous'),
    nextLabel: t(locale, 'dir.next'),
    previous: links.previous,
    next: links.next,
  };
}
