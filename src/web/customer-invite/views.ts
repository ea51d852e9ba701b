import { describeError } from '../../domain/shared/describe-error.js';
import { AppError } from '../../domain/shared/errors.js';
import type { CustomerInvitationView } from '../../domain/customers/view-customer-invitation.js';
import { formatDate } from '../../i18n/format/index.js';
import { t, type Locale, type MessageKey, type MessageParams } from '../../i18n/index.js';
import { esc, page, type RenderedPage } from '../html.js';
import type { Session } from './session.js';

/**
 * The HTML of the customer-invitation pages. Every partner-supplied string goes through esc(); the
 * pages have no script. The expiry date is in UTC: the browser's time zone never reaches the server.
 */

type Names = Pick<CustomerInvitationView, 'resellerName' | 'providerName'>;

/** C2/C3: who asks (escaped). */
function leadOf(locale: Locale, view: Names): string {
  return esc(
    view.providerName
      ? t(locale, 'invitePage.leadWithProvider', { reseller: view.resellerName, provider: view.providerName })
      : t(locale, 'invitePage.lead', { reseller: view.resellerName }),
  );
}

/** The partners the customer relates to, for the consent and result texts (not escaped: a t() param). */
export function partnersOf(locale: Locale, view: Names): string {
  return view.providerName
    ? t(locale, 'invitePage.both', { a: view.resellerName, b: view.providerName })
    : view.resellerName;
}

function signedInLine(locale: Locale, view: CustomerInvitationView, session: Session): string {
  const tr = (key: MessageKey, params: MessageParams = {}) => esc(t(locale, key, params));
  return `<p class="muted">${tr('invitePage.signedInAs', { name: session.name, tenant: session.tid })}<br>${tr('invitePage.expires', { date: formatDate(view.expiresAt, locale) })}</p>`;
}

/** What the form showed last time (after a refusal the customer does not type it again). */
export interface PreviousAnswer {
  name?: string | undefined;
  domain?: string | undefined;
  country?: string | undefined;
}

/** C2/C3/C6: who asks, what is granted, the customer's details (unless known), consent, accept/decline. */
export function decisionPage(
  locale: Locale,
  view: CustomerInvitationView,
  session: Session,
  csrf: string,
  token: string,
  problem?: string,
  previous?: PreviousAnswer,
): RenderedPage {
  const tr = (key: MessageKey, params: MessageParams = {}) => esc(t(locale, key, params));
  const grants = [`<li>${tr('invitePage.grantReseller', { reseller: view.resellerName })}</li>`];
  if (view.providerName) grants.push(`<li>${tr('invitePage.grantProvider', { provider: view.providerName })}</li>`);
  const emailDomain = session.email?.split('@')[1] ?? '';
  const details = view.existingCustomer
    ? `<p>${tr('invitePage.knownCustomer', view.existingCustomer)}</p>`
    : `<fieldset>
<legend><h2>${tr('invitePage.detailsHeading')}</h2></legend>
<p class="muted">${tr('invitePage.detailsHelp')}</p>
<label for="name">${tr('invitePage.fieldName')}</label>
<input type="text" id="name" name="name" required maxlength="200" autocomplete="organization" value="${esc(previous?.name ?? '')}">
<label for="domain">${tr('invitePage.fieldDomain')}</label>
<input type="text" id="domain" name="domain" required maxlength="253" value="${esc(previous?.domain ?? emailDomain)}">
<label for="country">${tr('invitePage.fieldCountry')}</label>
<input type="text" id="country" name="country" required minlength="2" maxlength="2" pattern="[A-Za-z]{2}" autocomplete="country" value="${esc(previous?.country ?? view.resellerCountry)}">
</fieldset>`;
  const body = `
${problem ? `<div role="alert" class="alert"><strong>${tr('invitePage.problem')}</strong><p>${esc(problem)}</p></div>` : ''}
<p>${leadOf(locale, view)}</p>
<h2>${tr('invitePage.grantsHeading')}</h2>
<ul>${grants.join('')}<li>${tr('invitePage.otherPartners')}</li></ul>
${signedInLine(locale, view, session)}
<form method="post" action="/invite/${esc(token)}">
<input type="hidden" name="csrf" value="${esc(csrf)}">
${details}
<label class="check" for="consent"><input type="checkbox" id="consent" name="consent" required> <span>${tr('invitePage.consent', { partners: partnersOf(locale, view) })}</span></label>
<div class="actions">
<button type="submit" class="primary" name="decision" value="accept">${tr('invitePage.accept')}</button>
<button type="submit" class="secondary" name="decision" value="decline" formnovalidate>${tr('invitePage.decline')}</button>
</div>
</form>`;
  return page(locale, t(locale, 'invitePage.title'), body);
}

/**
 * C2/C3: the signed-in person is not the customer tenant's Global Administrator: who asks and what to
 * do, with a link that signs another account in.
 */
export function adminRequiredPage(
  locale: Locale,
  view: CustomerInvitationView,
  session: Session,
  token: string,
): RenderedPage {
  const body = `<p role="alert" class="alert">${esc(describeError(locale, new AppError('CUSTOMER_ADMIN_REQUIRED')))}</p>
<p>${leadOf(locale, view)}</p>
${signedInLine(locale, view, session)}
<p><a href="/invite/${esc(token)}">${esc(t(locale, 'invitePage.otherAccount'))}</a></p>`;
  return page(locale, t(locale, 'invitePage.adminRequiredTitle'), body);
}
