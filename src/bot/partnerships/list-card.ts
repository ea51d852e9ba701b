import type { AdaptiveCardJson } from '../../cards/render.js';
import { renderCard } from '../card-render.js';
import type { ProviderRow, ResellerRow } from '../../domain/partnerships/partner-lists.js';
import type { PartnerListComparison } from '../../domain/partnerships/partner-center-lists.js';
import type { Page } from '../../domain/shared/paging.js';
import { t, type Locale } from '../../i18n/index.js';
import { pageLinks, pagerData, type PageState } from './format.js';
import { formatDate, regionLabel } from '../../i18n/format/index.js';

type ListRow = ({ kind: 'providers' } & ProviderRow) | ({ kind: 'resellers' } & ResellerRow);

/** P4/M2: one page of the Indirect providers or Indirect resellers list, each row with "End partnership…" (P7). */
export function listCard(
  locale: Locale,
  list: 'providers' | 'resellers',
  page: Page<ProviderRow> | Page<ResellerRow>,
  state: PageState,
  opts: { intro?: string; notice?: string; partnerCenter?: PartnerListComparison | null } = {},
): AdaptiveCardJson {
  const pc = opts.partnerCenter ?? null;
  const links = pageLinks(state, page.nextCursor);
  const rows: ListRow[] =
    list === 'providers'
      ? (page.items as readonly ProviderRow[]).map((r) => ({ kind: 'providers' as const, ...r }))
      : (page.items as readonly ResellerRow[]).map((r) => ({ kind: 'resellers' as const, ...r }));
  return renderCard('partnership-list', {
    title: t(locale, list === 'providers' ? 'plist.providers.title' : 'plist.resellers.title'),
    intro: [opts.intro ?? '', partnerCenterSummary(locale, pc)].filter((x) => x !== '').join('\n\n'),
    notice: opts.notice ?? '',
    pageLabel: t(locale, 'dir.page', { page: links.pageNumber }),
    emptyLabel: t(locale, 'plist.empty'),
    list,
    rows: rows.map((r) => {
      const lines: { text: string; color: 'Default' | 'Attention' | 'Good' }[] = [
        { text: t(locale, 'plist.since', { date: formatDate(r.authorizedAt, locale) }), color: 'Default' },
        { text: t(locale, 'plist.region', { region: regionLabel(locale, r.region) }), color: 'Default' },
      ];
      if (r.kind === 'resellers') {
        lines.push(
          r.mpaSigned
            ? { text: t(locale, 'plist.mpaSigned', { version: r.mpaVersion ?? '?' }), color: 'Good' }
            : { text: t(locale, 'plist.mpaNotSigned'), color: 'Attention' },
        );
      } else if (r.adminAccessWithdrawn) {
        lines.push({ text: t(locale, 'plist.adminWithdrawn'), color: 'Default' });
      }
      if (r.state === 'end_requested') lines.push({ text: t(locale, 'plist.endRequested'), color: 'Attention' });
      // P4 in connected mode: a partner only the bot knows of is flagged on its row
      if (pc?.available && pc.notInPartnerCenter.has(r.kind === 'resellers' ? r.resellerId : r.providerId))
        lines.push({ text: t(locale, 'plist.notInPartnerCenter'), color: 'Attention' });
      return {
        partnershipId: r.partnershipId,
        name: `${r.name} (MPN ID ${r.mpnId})`,
        lines,
        canEnd: r.state === 'active',
        // S1: from a reseller's row the provider adds a customer with that reseller preselected
        canAddCustomer: r.kind === 'resellers' && r.state === 'active',
        resellerId: r.kind === 'resellers' ? r.resellerId : '',
        // P3: the reseller withdraws (after confirming) or restores the provider's admin access; the partnership stays
        canWithdrawAdmin: r.kind === 'providers' && !r.adminAccessWithdrawn,
        canRestoreAdmin: r.kind === 'providers' && r.adminAccessWithdrawn,
        withdrawAdminLabel: t(locale, 'plist.withdrawAdmin'),
        withdrawAdminConfirm: t(locale, 'plist.withdrawAdminConfirm', { provider: r.name }),
        withdrawAdminSubmit: t(locale, 'plist.withdrawAdminSubmit'),
        restoreAdminLabel: t(locale, 'plist.restoreAdmin'),
        addCustomerLabel: t(locale, 'plist.addCustomer'),
        endLabel: t(locale, 'plist.end'),
        reasonLabel: t(locale, 'plist.endReason'),
        submitLabel: t(locale, 'plist.endSubmit'),
      };
    }),
    ...pagerData(locale, links),
  });
}

/** P4 in connected mode: the partners only Partner Center lists, or why it could not be asked; '' otherwise. */
function partnerCenterSummary(locale: Locale, pc: PartnerListComparison | null): string {
  if (pc === null) return '';
  if (!pc.available) return t(locale, 'plist.partnerCenterUnavailable', { reason: t(locale, `error.${pc.reason}`) });
  if (pc.onlyInPartnerCenter.length === 0) return '';
  const names = pc.onlyInPartnerCenter.map((p) => (p.mpnId ? `${p.name} (MPN ID ${p.mpnId})` : p.name)).join(', ');
  return t(locale, 'plist.onlyInPartnerCenter', { names });
}
