import { describeError } from '../../domain/shared/describe-error.js';
import { AppError } from '../../domain/shared/errors.js';
import type { GdapApprovalView } from '../../domain/gdap/gdap-approval.js';
import { roleTemplateNames } from '../../domain/gdap/role-templates.js';
import { formatDate } from '../../i18n/format/index.js';
import { t, type Locale, type MessageKey, type MessageParams } from '../../i18n/index.js';
import { esc, page, type RenderedPage } from '../html.js';

/**
 * The HTML of the GDAP approval page (G9). Every partner-supplied string goes through esc(); no script. Dates are
 * in UTC: the browser's time zone never reaches the server.
 */
export interface GdapSession {
  readonly name: string;
  readonly tid: string;
}

function tr(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  return esc(t(locale, key, params));
}

/** Who asks, for whom, which roles by name, how long, whether it extends itself. */
function requestFacts(locale: Locale, view: GdapApprovalView): string {
  const lead = view.resellerName
    ? tr(locale, 'gdapPage.leadTwoTier', {
        partner: view.partnerName,
        reseller: view.resellerName,
        customer: view.customerName,
      })
    : tr(locale, 'gdapPage.lead', { partner: view.partnerName, customer: view.customerName });
  const roles = roleTemplateNames(view.roleTemplateIds, locale)
    .map((r) => `<li>${esc(r)}</li>`)
    .join('');
  return `<p>${lead}</p>
<p class="muted">${tr(locale, 'gdapPage.name', { name: view.displayName })}</p>
<h2>${tr(locale, 'gdapPage.rolesHeading')}</h2>
<ul>${roles}</ul>
<p>${tr(locale, 'gdapPage.duration', { days: view.durationDays })} ${tr(
    locale,
    view.autoExtendDays > 0 ? 'gdapPage.autoExtendOn' : 'gdapPage.autoExtendOff',
  )}</p>`;
}

function signedInLine(locale: Locale, view: GdapApprovalView, session: GdapSession): string {
  return `<p class="muted">${tr(locale, 'gdapPage.signedInAs', { name: session.name, tenant: session.tid })}<br>${tr(
    locale,
    'gdapPage.expires',
    { date: formatDate(view.expiresAt, locale) },
  )}</p>`;
}

/** G9: the request and Approve / Decline, posting to this link with the session's CSRF token. */
export function gdapDecisionPage(
  locale: Locale,
  view: GdapApprovalView,
  session: GdapSession,
  csrf: string,
  token: string,
): RenderedPage {
  const body = `
${requestFacts(locale, view)}
${signedInLine(locale, view, session)}
<form method="post" action="/gdap/${esc(token)}">
<input type="hidden" name="csrf" value="${esc(csrf)}">
<div class="actions">
<button type="submit" class="primary" name="decision" value="approve">${tr(locale, 'gdapPage.approve')}</button>
<button type="submit" class="secondary" name="decision" value="decline">${tr(locale, 'gdapPage.decline')}</button>
</div>
</form>`;
  return page(locale, t(locale, 'gdapPage.title'), body);
}

/** G9: signed in, but not a Global Administrator of the customer's tenant: what to do, and another account. */
export function gdapAdminRequiredPage(
  locale: Locale,
  view: GdapApprovalView,
  session: GdapSession,
  token: string,
): RenderedPage {
  const e = new AppError('GDAP_CUSTOMER_ADMIN_REQUIRED', { customer: view.customerName });
  const body = `<p role="alert" class="alert">${esc(describeError(locale, e))}</p>
${requestFacts(locale, view)}
${signedInLine(locale, view, session)}
<p><a href="/gdap/${esc(token)}">${tr(locale, 'gdapPage.otherAccount')}</a></p>`;
  return page(locale, t(locale, 'gdapPage.adminRequiredTitle'), body);
}
