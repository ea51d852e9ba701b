import type { AdaptiveCardJson } from '../../cards/render.js';
import type { DFact, ListingFormValues } from '../../cards/directory-types.js';
import { servableRegions } from '../../domain/directory/directory.js';
import type { ChangeRequestView, ListingView, ListingsPage } from '../../domain/directory/listings.js';
import type { OwnListing } from '../../domain/directory/own-listing.js';
import type { BusinessProfileView } from '../../domain/users/update-business-profile.js';
import { formatDateTime, regionLabel, type Reader } from '../../i18n/format/index.js';
import { t, type Locale } from '../../i18n/index.js';
import { renderCard } from '../card-render.js';
import { withRefresh } from '../partnerships/cards.js';
import { directoryVerbs as dv } from './verbs.js';

export interface Notice {
  readonly text: string;
  readonly good?: boolean;
}

function regionsText(locale: Locale, regions: readonly string[]): string {
  return regions.map((r) => regionLabel(locale, r)).join('; ');
}

function regionChoices(locale: Locale): DFact[] {
  return servableRegions.map((r) => ({ title: regionLabel(locale, r), value: r }));
}

function contactText(l: { contactEmail: string | null; contactPhone: string | null }): string {
  return [l.contactEmail, l.contactPhone].filter((x): x is string => !!x).join(' · ');
}

/** P10: the program administrator's console: a page of listings, "New listing", the waiting change requests. */
export function listingsCard(reader: Reader, page: ListingsPage, limit: number, notice?: Notice): AdaptiveCardJson {
  const { locale } = reader;
  const shownTo = page.offset + page.items.length;
  return renderCard('directory-listings', {
    title: t(locale, 'listings.title'),
    notice: notice?.text ?? '',
    noticeColor: notice?.good === false ? 'Attention' : 'Good',
    countText:
      page.total > 0 ? t(locale, 'listings.count', { shown: `${page.offset + 1}–${shownTo}`, total: page.total }) : '',
    noneText: page.total === 0 ? t(locale, 'listings.none') : '',
    listings: page.items.map((l) => ({
      orgId: l.orgId,
      name: l.displayName === l.legalName ? l.displayName : `${l.displayName} (${l.legalName})`,
      lines: [
        {
          text: `${t(locale, 'listings.status')}: ${t(locale, l.listed ? 'listings.listed' : 'listings.withdrawn')}`,
        },
        { text: `${t(locale, 'listingChange.regions')}: ${regionsText(locale, l.regions)}` },
        ...(l.services.length ? [{ text: `${t(locale, 'listingChange.services')}: ${l.services.join(', ')}` }] : []),
        ...(contactText(l) ? [{ text: `${t(locale, 'listingChange.contact')}: ${contactText(l)}` }] : []),
      ],
      listed: l.listed,
      offset: page.offset,
      editLabel: t(locale, 'listings.edit'),
      withdrawLabel: t(locale, 'listings.withdraw'),
      restoreLabel: t(locale, 'listings.restore'),
    })),
    newHeading: t(locale, 'listings.newHeading'),
    newNone: page.candidates.length === 0 ? t(locale, 'listings.newNone') : '',
    newPick: t(locale, 'listings.newPick'),
    newButton: t(locale, 'listings.newButton'),
    candidates: page.candidates.map((c) => ({ title: c.legalName, value: c.orgId })),
    pendingHeading: t(locale, 'listings.pendingHeading'),
    pendingNone: page.pending.length === 0 ? t(locale, 'listings.pendingNone') : '',
    pending: page.pending.map((r) => ({
      requestId: r.requestId,
      line: t(locale, 'listings.pendingLine', {
        org: r.legalName,
        name: r.displayName,
        by: r.requestedByName,
        at: formatDateTime(r.requestedAt, reader),
      }),
      approveLabel: t(locale, 'listingChange.approve'),
      declineLabel: t(locale, 'listingChange.decline'),
      openLabel: t(locale, 'listings.open'),
    })),
    hasPrevious: page.offset > 0,
    hasNext: shownTo < page.total,
    previousLabel: t(locale, 'listings.previous'),
    nextLabel: t(locale, 'listings.next'),
    previousOffset: Math.max(0, page.offset - limit),
    nextOffset: shownTo,
  });
}

function formValues(l: {
  displayName: string;
  regions: readonly string[];
  services: readonly string[];
  summary: string;
  contactEmail: string | null;
  contactPhone: string | null;
  website: string | null;
}): ListingFormValues {
  return {
    displayName: l.displayName,
    regions: l.regions.join(','),
    services: l.services.join(', '),
    summary: l.summary,
    contactEmail: l.contactEmail ?? '',
    contactPhone: l.contactPhone ?? '',
    website: l.website ?? '',
  };
}

function formLabels(locale: Locale) {
  return {
    regionChoices: regionChoices(locale),
    nameLabel: t(locale, 'listingForm.name'),
    regionsLabel: t(locale, 'listingForm.regions'),
    servicesLabel: t(locale, 'listingForm.services'),
    summaryLabel: t(locale, 'listingForm.summary'),
    emailLabel: t(locale, 'listingForm.email'),
    phoneLabel: t(locale, 'listingForm.phone'),
    websiteLabel: t(locale, 'listingForm.website'),
  };
}

/** P10: the administrator's edit form (a new listing starts from the provider's support contact). */
export function listingFormCard(
  locale: Locale,
  listing: ListingView & { exists: boolean },
  notice?: Notice,
  values?: ListingFormValues,
): AdaptiveCardJson {
  return renderCard('directory-listing-form', {
    mode: 'admin',
    title: t(locale, listing.exists ? 'listingForm.editTitle' : 'listingForm.newTitle', { org: listing.legalName }),
    intro: '',
    notice: notice?.text ?? '',
    noticeColor: notice?.good === false ? 'Attention' : 'Good',
    currentHeading: '',
    current: [],
    orgId: listing.orgId,
    values: values ?? formValues(listing),
    ...formLabels(locale),
    submitLabel: t(locale, 'listingForm.save'),
  });
}

function listingFacts(locale: Locale, l: ListingView): DFact[] {
  return [
    { title: t(locale, 'listingChange.name'), value: l.displayName },
    { title: t(locale, 'listingChange.regions'), value: regionsText(locale, l.regions) },
    { title: t(locale, 'listingChange.services'), value: l.services.join(', ') },
    { title: t(locale, 'listingChange.summary'), value: l.summary },
    { title: t(locale, 'listingChange.contact'), value: contactText(l) },
    { title: t(locale, 'listingChange.website'), value: l.website ?? '' },
  ].filter((f) => f.value !== '');
}

/** P10: the provider's own listing (or that it has none) and the "request a change" form, prefilled. */
export function ownListingCard(
  reader: Reader,
  own: OwnListing,
  notice?: Notice,
  values?: ListingFormValues,
): AdaptiveCardJson {
  const { locale } = reader;
  const last = own.lastDecided;
  const lastNotice =
    last?.decidedAt && last.state !== 'pending'
      ? t(locale, last.state === 'approved' ? 'listingForm.lastApproved' : 'listingForm.lastDeclined', {
          by: last.decidedByName ?? '',
          at: formatDateTime(last.decidedAt, reader),
          reason: last.declineReason ? t(locale, 'listingChange.reasonShown', { reason: last.declineReason }) : '',
        })
      : '';
  const pendingNotice = own.pending
    ? t(locale, 'listingForm.pendingNotice', { at: formatDateTime(own.pending.requestedAt, reader) })
    : lastNotice;
  return renderCard('directory-listing-form', {
    mode: 'request',
    title: t(locale, 'listingForm.requestTitle', { org: own.orgName }),
    intro: [own.listing.exists ? '' : t(locale, 'listingForm.none'), t(locale, 'listingForm.requestIntro')]
      .filter((x) => x !== '')
      .join(' '),
    notice: notice?.text ?? pendingNotice,
    noticeColor: notice?.good === false ? 'Attention' : 'Good',
    currentHeading: t(locale, 'listingForm.current'),
    current: own.listing.exists ? listingFacts(locale, own.listing) : [],
    orgId: '',
    values: values ?? formValues(own.pending ?? own.listing),
    ...formLabels(locale),
    submitLabel: t(locale, 'listingForm.send'),
  });
}

/**
 * P10: a change request as the program administrators see it: each requested value beside the current
 * one, then Approve / reason / Decline; decided, who decided and when (the decider reads "you ...").
 * While pending, `viewers` (Teams user ids) get it refreshed, so every copy moves to the decided state.
 */
export function changeCard(
  reader: Reader,
  req: ChangeRequestView,
  current: ListingView | null,
  opts: { viewerAad?: string; viewers?: readonly string[]; notice?: string } = {},
): AdaptiveCardJson {
  const { locale } = reader;
  const was = (value: string, now: string | undefined): string =>
    current && now !== undefined && now !== value
      ? t(locale, 'listingChange.was', {
          value: value || t(locale, 'listingChange.none'),
          current: now || t(locale, 'listingChange.none'),
        })
      : value;
  const facts: DFact[] = [
    { title: t(locale, 'listingChange.name'), value: was(req.displayName, current?.displayName) },
    {
      title: t(locale, 'listingChange.regions'),
      value: was(regionsText(locale, req.regions), current ? regionsText(locale, current.regions) : undefined),
    },
    {
      title: t(locale, 'listingChange.services'),
      value: was(req.services.join(', '), current?.services.join(', ')),
    },
    { title: t(locale, 'listingChange.summary'), value: was(req.summary, current?.summary) },
    {
      title: t(locale, 'listingChange.contact'),
      value: was(contactText(req), current ? contactText(current) : undefined),
    },
    {
      title: t(locale, 'listingChange.website'),
      value: was(req.website ?? '', current ? (current.website ?? '') : undefined),
    },
    { title: t(locale, 'listingChange.requestedBy'), value: req.requestedByName },
    { title: t(locale, 'listingChange.requestedAt'), value: formatDateTime(req.requestedAt, reader) },
  ].filter((f) => f.value !== '');
  let decided = '';
  if (req.state !== 'pending' && req.decidedAt) {
    const at = formatDateTime(req.decidedAt, reader);
    const reason = req.declineReason ? t(locale, 'listingChange.reasonShown', { reason: req.declineReason }) : '';
    const mine = opts.viewerAad !== undefined && req.decidedByAad === opts.viewerAad;
    decided =
      req.state === 'approved'
        ? t(locale, mine ? 'listingChange.youApproved' : 'listingChange.approved', { by: req.decidedByName ?? '', at })
        : t(locale, mine ? 'listingChange.youDeclined' : 'listingChange.declined', {
            by: req.decidedByName ?? '',
            at,
            reason,
          });
  }
  const pending = req.state === 'pending';
  const card = renderCard('directory-change', {
    title: t(locale, 'listingChange.title', { org: req.legalName }),
    requestId: req.requestId,
    facts,
    decided,
    notice: opts.notice ?? '',
    pending,
    reasonLabel: t(locale, 'listingChange.reason'),
    approveLabel: t(locale, 'listingChange.approve'),
    declineLabel: t(locale, 'listingChange.decline'),
  });
  return pending ? withRefresh(card, dv.listingChangeRefresh, { requestId: req.requestId }, opts.viewers ?? []) : card;
}

/** U4: the business profile form; a provider also gets "send this contact to my directory listing" (P10). */
export function businessProfileCard(locale: Locale, view: BusinessProfileView, notice?: Notice): AdaptiveCardJson {
  const s = view.supportContact;
  return renderCard('business-profile', {
    title: t(locale, 'bprofile.title', { org: view.legalName }),
    intro: t(locale, 'bprofile.intro'),
    notice: notice?.text ?? '',
    noticeColor: notice?.good === false ? 'Attention' : 'Good',
    values: {
      line1: view.address.line1,
      line2: view.address.line2 ?? '',
      city: view.address.city,
      state: view.address.state ?? '',
      postalCode: view.address.postalCode,
      supportEmail: s?.email ?? '',
      supportPhone: s?.phone ?? '',
      supportWebsite: s?.website ?? '',
    },
    line1Label: t(locale, 'bprofile.line1'),
    line2Label: t(locale, 'bprofile.line2'),
    cityLabel: t(locale, 'bprofile.city'),
    stateLabel: t(locale, 'bprofile.state'),
    postalCodeLabel: t(locale, 'bprofile.postalCode'),
    supportEmailLabel: t(locale, 'bprofile.supportEmail'),
    supportPhoneLabel: t(locale, 'bprofile.supportPhone'),
    supportWebsiteLabel: t(locale, 'bprofile.supportWebsite'),
    showToDirectory: view.isProvider,
    toDirectoryLabel: t(locale, 'bprofile.toDirectory'),
    toDirectoryValue: 'false',
    saveLabel: t(locale, 'bprofile.save'),
  });
}
