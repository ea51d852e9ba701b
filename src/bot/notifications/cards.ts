import type { AdaptiveCardJson } from '../../cards/render.js';
import type { FailedNotificationRow } from '../../domain/notifications/failed-notifications.js';
import type { Page } from '../../domain/shared/paging.js';
import { formatDateTime, type Reader } from '../../i18n/format/index.js';
import { t, type Locale } from '../../i18n/index.js';
import { noticePlainText } from '../../notify/render.js';
import { renderCard } from '../card-render.js';
import { pageLinks, type PageState } from '../partnerships/format.js';

/** Issue 13 item 2: one page of the organisation's failed notices, each with Retry, and Retry all. */
export function failedNoticesCard(
  reader: Reader & { locale: Locale },
  page: Page<FailedNotificationRow>,
  state: PageState,
  notice = '',
): AdaptiveCardJson {
  const { locale } = reader;
  const links = pageLinks(state, page.nextCursor);
  return renderCard('failed-notices', {
    title: t(locale, 'failed.title'),
    intro: t(locale, 'failed.intro'),
    notice,
    pageLabel: t(locale, 'failed.page', { page: links.pageNumber }),
    emptyLabel: t(locale, 'failed.empty'),
    rows: page.items.map((n) => ({
      eventId: n.id,
      text: noticePlainText(n, locale),
      lines: [
        { text: t(locale, n.audience === 'organization' ? 'failed.audience.organization' : 'failed.audience.person') },
        { text: t(locale, 'failed.created', { at: formatDateTime(n.createdAt, reader) }) },
        { text: t(locale, 'failed.attempts', { count: n.attempts }) },
        { text: t(locale, 'failed.reasonLine', { reason: t(locale, `failed.reason.${n.reason}`) }) },
      ],
      retryLabel: t(locale, 'failed.retry'),
    })),
    cursor: state.cursor,
    // this page's own history, as pageLinks encodes it (the next page's history less this page)
    back: links.next.back.split('.').slice(0, -1).join('.'),
    hasRows: page.items.length > 0,
    retryAllLabel: t(locale, 'failed.retryAll'),
    hasPrevious: links.hasPrevious,
    hasNext: links.hasNext,
    previousLabel: t(locale, 'failed.previous'),
    nextLabel: t(locale, 'failed.next'),
    previous: links.previous,
    next: links.next,
  });
}
