import type { AdaptiveCardJson } from '../../cards/render.js';
import { renderCard } from '../card-render.js';
import type { DirectoryEntry } from '../../domain/directory/directory.js';
import { cspRegions } from '../../domain/shared/regions.js';
import { t, type Locale } from '../../i18n/index.js';
import { pageLinks, pagerData, type PageState } from './format.js';
import { regionLabel } from '../../i18n/format/index.js';

export interface DirectoryQuery {
  readonly name: string;
  readonly region: string;
  readonly service: string;
}

/** P10: the directory search card with one page of results. */
export function directoryCard(
  locale: Locale,
  query: DirectoryQuery,
  page: { items: readonly DirectoryEntry[]; nextCursor: string | null },
  state: PageState,
  notice = '',
  good = true,
): AdaptiveCardJson {
  const links = pageLinks(state, page.nextCursor);
  return renderCard('partnership-directory', {
    title: t(locale, 'dir.title'),
    intro: t(locale, 'dir.intro'),
    notice,
    noticeColor: good ? 'Good' : 'Attention',
    nameLabel: t(locale, 'dir.name'),
    regionLabel: t(locale, 'dir.region'),
    serviceLabel: t(locale, 'dir.service'),
    searchLabel: t(locale, 'dir.search'),
    pageLabel: t(locale, 'dir.page', { page: links.pageNumber }),
    noneLabel: t(locale, 'dir.none'),
    query,
    // '' = the caller's own region (the domain's default: P6 allows no other partner)
    regions: [
      { title: t(locale, 'dir.regionOwn'), value: '' },
      ...cspRegions.filter((r) => r !== 'unsupported').map((r) => ({ title: regionLabel(locale, r), value: r })),
    ],
    entries: page.items.map((e) => ({
      orgId: e.orgId,
      name: e.name,
      lines: [
        // P10: the regions the listing serves
        { text: `${t(locale, 'dir.region')}: ${e.regions.map((r) => regionLabel(locale, r)).join('; ')}` },
        ...(e.services.length ? [{ text: `${t(locale, 'dir.services')}: ${e.services.join(', ')}` }] : []),
        ...(e.summary ? [{ text: e.summary }] : []),
        ...(e.contactEmail || e.website
          ? [
              {
                text: `${t(locale, 'dir.contact')}: ${[e.contactEmail, e.contactPhone, e.website].filter(Boolean).join(' · ')}`,
              },
            ]
          : []),
      ],
      requestLabel: t(locale, 'dir.request'),
      consentLabel: t(locale, 'dir.consent', { provider: e.name }),
      messageLabel: t(locale, 'dir.message'),
      sendLabel: t(locale, 'dir.send'),
    })),
    ...pagerData(locale, links),
  });
}
