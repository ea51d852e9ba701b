import type { Fact } from '../../cards/enrollment-types.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import type { MpnLookup } from '../../domain/enrollment/mpn-lookup.js';
import type { PendingApplication } from '../../domain/enrollment/pending-reviews.js';
import type { PartnershipView } from '../../domain/partnerships/partnership-views.js';
import type { Page } from '../../domain/shared/paging.js';
import type { KnownPerson, ProgramAdminEntry } from '../../domain/shared/program-admins.js';
import { countryName, formatDate, partnerTypeLabel, plural, type Reader } from '../../i18n/format/index.js';
import { t, type Locale, type MessageKey } from '../../i18n/index.js';
import { renderCard } from '../card-render.js';
import { pageLinks, type PageState } from '../partnerships/format.js';
import { adminVerbs as av } from './verbs.js';

type AdminReader = Reader & { readonly locale: Locale };

/** The words of a command as the reader types them: the Korean alias for a Korean reader. */
function commandWords(locale: Locale, en: string, ko: string): string {
  return locale === 'ko-KR' ? ko : en;
}

/** "3 days" / "3일": how long something has waited. */
export function ageLabel(locale: Locale, days: number): string {
  if (days === 0) return t(locale, 'admin.age.today');
  return plural(locale, days, {
    one: t(locale, 'admin.age.day', { count: days }),
    other: t(locale, 'admin.age.days', { count: days }),
  });
}

/** E2: what the registry and the program know of an MPN ID, as facts. */
export function mpnFacts(reader: AdminReader, r: MpnLookup): { title: string; facts: Fact[] } {
  const { locale } = reader;
  const facts: Fact[] = [];
  if (r.profile) {
    facts.push(
      { title: t(locale, 'admin.mpn.orgName'), value: r.profile.orgName },
      { title: t(locale, 'admin.mpn.country'), value: countryName(r.profile.country, locale) },
      {
        title: t(locale, 'admin.mpn.status'),
        value: t(locale, r.profile.active ? 'admin.mpn.active' : 'admin.mpn.inactive'),
      },
      { title: t(locale, 'admin.mpn.imported'), value: formatDate(r.profile.importedAt, reader) },
    );
  } else {
    facts.push({ title: t(locale, 'admin.mpn.registry'), value: t(locale, 'admin.mpn.notInRegistry') });
  }
  facts.push({
    title: t(locale, 'admin.mpn.enrolled'),
    value: r.enrolled
      ? t(locale, r.enrolled.onboarded ? 'admin.mpn.enrolledAs' : 'admin.mpn.applied', {
          org: r.enrolled.orgName,
          types: r.enrolled.partnerTypes.map((p) => partnerTypeLabel(locale, p)).join(', ') || '-',
          at: formatDate(r.enrolled.enrolledAt, reader),
        })
      : t(locale, 'admin.mpn.notEnrolled'),
  });
  return { title: t(locale, 'admin.mpn.title', { mpnId: r.mpnId }), facts };
}

/** Issue 14 item 1: the program administrator's console: what waits, the tools, and an MPN lookup. */
export function consoleCard(
  reader: AdminReader,
  opts: { lookup?: MpnLookup; mpnValue?: string; notice?: string } = {},
): AdaptiveCardJson {
  const { locale } = reader;
  const lookup = opts.lookup ? mpnFacts(reader, opts.lookup) : { title: '', facts: [] };
  const button = (key: MessageKey, en: string, ko: string) => ({
    title: t(locale, key),
    command: commandWords(locale, en, ko),
  });
  return renderCard('admin-console', {
    title: t(locale, 'admin.console.title'),
    intro: t(locale, 'admin.console.intro'),
    buttons: [
      button('admin.console.reviews', 'reviews', '검토 대기'),
      button('admin.console.endRequests', 'end requests', '종료 요청'),
      button('admin.console.people', 'program admins', '프로그램 관리자'),
      // built by other parts of issue 14: the buttons send their commands as typed
      button('admin.console.listings', 'listings', '디렉터리 목록'),
      button('admin.console.offers', 'offers', '제품 카탈로그'),
    ],
    mpnLabel: t(locale, 'admin.console.mpnLabel'),
    mpnPlaceholder: t(locale, 'admin.console.mpnPlaceholder'),
    mpnValue: opts.mpnValue ?? '',
    mpnInvalid: t(locale, 'admin.console.mpnInvalid'),
    mpnButton: t(locale, 'admin.console.mpnButton'),
    lookupTitle: lookup.title,
    lookupFacts: lookup.facts,
    notice: opts.notice ?? '',
  });
}

function queueState(state: PageState, nextCursor: string | null, locale: Locale) {
  const links = pageLinks(state, nextCursor);
  return {
    pageLabel: t(locale, 'admin.page', { page: links.pageNumber }),
    cursor: state.cursor,
    // this page's own history, as pageLinks encodes it (the next page's history less this page)
    back: links.next.back.split('.').slice(0, -1).join('.'),
    hasPrevious: links.hasPrevious,
    hasNext: links.hasNext,
    previousLabel: t(locale, 'admin.previous'),
    nextLabel: t(locale, 'admin.next'),
    previous: links.previous,
    next: links.next,
  };
}

/** E4, E5: the applications that wait (in review, or for e-mail verification), oldest first, each with its age. */
export function reviewsCard(
  reader: AdminReader,
  page: Page<PendingApplication>,
  state: PageState,
  notice = '',
): AdaptiveCardJson {
  const { locale } = reader;
  return renderCard('admin-queue', {
    title: t(locale, 'admin.reviews.title'),
    intro: t(locale, 'admin.reviews.intro'),
    notice,
    emptyLabel: t(locale, 'admin.reviews.empty'),
    hasRows: page.items.length > 0,
    rows: page.items.map((a) => ({
      heading: t(locale, 'admin.reviews.heading', {
        org: a.orgName,
        partnerType: partnerTypeLabel(locale, a.partnerType),
      }),
      lines: [
        {
          text: t(locale, a.state === 'in_review' ? 'admin.reviews.inReview' : 'admin.reviews.awaitingVerification', {
            age: ageLabel(locale, a.ageDays),
          }),
        },
        { text: t(locale, 'admin.reviews.submitted', { at: formatDate(a.submittedAt, reader) }) },
        {
          text: t(locale, 'admin.reviews.mpn', { mpnId: a.mpnId, country: countryName(a.country, locale) }),
        },
      ],
      hasOpen: a.state === 'in_review',
      openLabel: t(locale, 'admin.reviews.open'),
      id: a.applicationId,
    })),
    openVerb: av.adminReviewOpen,
    pageVerb: av.adminReviewsPage,
    ...queueState(state, page.nextCursor, locale),
  });
}

/** P7: the end-partnership requests that wait, oldest first, each with a button that sends its decision card. */
export function endRequestsCard(
  reader: AdminReader,
  views: readonly PartnershipView[],
  nextCursor: string | null,
  state: PageState,
  requestedAt: ReadonlyMap<string, Date>,
  notice = '',
): AdaptiveCardJson {
  const { locale } = reader;
  return renderCard('admin-queue', {
    title: t(locale, 'admin.endRequests.title'),
    intro: t(locale, 'admin.endRequests.intro'),
    notice,
    emptyLabel: t(locale, 'admin.endRequests.empty'),
    hasRows: views.length > 0,
    rows: views.map((v) => {
      const at = requestedAt.get(v.partnershipId);
      return {
        heading: t(locale, 'admin.endRequests.heading', { provider: v.providerName, reseller: v.resellerName }),
        lines: [
          { text: t(locale, 'admin.endRequests.by', { name: v.endRequestedByName ?? '-' }) },
          ...(at ? [{ text: t(locale, 'admin.endRequests.at', { at: formatDate(at, reader) }) }] : []),
          { text: t(locale, 'admin.endRequests.reason', { reason: v.endReason ?? '-' }) },
        ],
        hasOpen: true,
        openLabel: t(locale, 'admin.endRequests.open'),
        id: v.partnershipId,
      };
    }),
    openVerb: av.adminEndRequestOpen,
    pageVerb: av.adminEndRequestsPage,
    ...queueState(state, nextCursor, locale),
  });
}

/** Teams' people picker: the organization's directory, searched as one types; its value is the Entra object id. */
const peoplePicker = { type: 'Data.Query', dataset: 'graph.microsoft.com/users' };

/** The program administrators, each with Revoke (confirmed) unless configured, and the Grant form. */
export function peopleCard(
  reader: AdminReader,
  admins: readonly ProgramAdminEntry[],
  known: readonly KnownPerson[],
  notice = '',
  good = true,
): AdaptiveCardJson {
  const { locale } = reader;
  const nameOf = (a: ProgramAdminEntry) =>
    (a.name || t(locale, 'admin.people.unnamed')) + (a.isYou ? ` ${t(locale, 'admin.people.you')}` : '');
  const card = renderCard('admin-people', {
    title: t(locale, 'admin.people.title'),
    intro: t(locale, 'admin.people.intro'),
    notice,
    noticeColor: good ? 'Good' : 'Attention',
    rows: admins.map((a) => ({
      name: nameOf(a),
      lines: [
        ...(a.email ? [{ text: a.email }] : []),
        {
          text: a.bootstrap
            ? t(locale, 'admin.people.configured')
            : t(locale, 'admin.people.grantedBy', {
                by: a.grantedByName ?? '-',
                at: a.grantedAt ? formatDate(a.grantedAt, reader) : '-',
              }),
        },
      ],
      canRevoke: !a.bootstrap,
      revokeLabel: t(locale, 'admin.people.revoke'),
      confirmText: t(locale, 'admin.people.confirm', { name: a.name || t(locale, 'admin.people.unnamed') }),
      confirmLabel: t(locale, 'admin.people.confirmButton'),
      aadObjectId: a.aadObjectId,
    })),
    grantTitle: t(locale, 'admin.people.grantTitle'),
    knownLabel: t(locale, 'admin.people.knownLabel'),
    knownPlaceholder: t(locale, 'admin.people.knownPlaceholder'),
    hasKnown: known.length > 0,
    known: known.map((k) => ({ title: k.email ? `${k.name} (${k.email})` : k.name, value: k.aadObjectId })),
    grantLabel: t(locale, 'admin.people.grant'),
  });
  return withPeoplePicker(card, t(locale, 'admin.people.pickerLabel'), t(locale, 'admin.people.pickerPlaceholder'));
}

/**
 * Adds Teams' people picker after the grant heading: an Input.ChoiceSet whose choices come from `choices.data`
 * (Data.Query over the organization's directory, an Adaptive Cards 1.6 property that Teams honours on 1.5 cards).
 * Added after binding, so the template stays within what the card tests' 1.5 parser accepts.
 */
function withPeoplePicker(card: AdaptiveCardJson, label: string, placeholder: string): AdaptiveCardJson {
  const body = [...((card.body as Record<string, unknown>[] | undefined) ?? [])];
  const heading = body.findIndex((el) => el.type === 'TextBlock' && el.size === 'Medium');
  const picker = {
    type: 'Input.ChoiceSet',
    id: 'person',
    label,
    placeholder,
    style: 'filtered',
    choices: [],
    'choices.data': peoplePicker,
  };
  body.splice(heading < 0 ? body.length - 1 : heading + 1, 0, picker);
  return { ...card, body };
}
