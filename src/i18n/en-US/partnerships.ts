/** Partnerships, customer invitations, customers and subscriptions (helper B's use cases). */
export const partnerships = {
  'partnership.invite.draft':
    'Hello,\n\n{provider} would like to become your indirect provider in the Cloud Solution Provider program. ' +
    'Open this personalized link to review the request, tick the box and choose "Authorize indirect provider":\n\n{link}\n\n' +
    'The link works once and expires on {expiresAt}.\n\n{sender}',
  'partnership.consent':
    'I authorize {provider} to be our indirect provider. This lets them submit orders and add subscriptions on behalf of ' +
    'our customers, and grants them administrator access to our work account (we can withdraw that access later; the partnership stays).',
  'customer.invite.draft':
    'Hello,\n\n{reseller} would like to establish a reseller relationship with you in the Cloud Solution Provider program. ' +
    'Your organization’s Global Administrator should open this personalized link and sign in to accept:\n\n{link}\n\nThe link works once and expires on {expiresAt}.\n\n{sender}',
  'customer.inviteWithProvider.draft':
    'Hello,\n\n{reseller} and its indirect provider {provider} would like to establish reseller relationships with you in the ' +
    'Cloud Solution Provider program. Accepting gives {reseller} administrator permissions to manage your subscriptions, licenses ' +
    'and users, and lets {provider} submit orders on your behalf. Your organization’s Global Administrator should open this ' +
    'personalized link and sign in to accept:\n\n{link}\n\n' +
    'The link works once and expires on {expiresAt}.\n\n{sender}',
  'customer.removed.delegatedAdminStays':
    'Any delegated admin privileges the customer granted remain unchanged: removing the relationship does not remove them.',
  'customer.removed.noNotice':
    'This tool does not send any notice to the customer. If your agreement requires it, you must give the customer legal notice of termination yourself.',
  'customer.removed.attestation':
    'I represent that the decision to discontinue our relationship with this customer was made in good faith, for a legitimate ' +
    'business purpose, and in accordance with our agreement with the customer or partner.',
  /** CSP regions (src/domain/shared/regions.ts), as the regional-authorization page names them */
  'region.africa': 'Africa',
  'region.asia_pacific': 'Asia and Pacific',
  'region.australia': 'Australia',
  'region.brazil': 'Brazil',
  'region.canada': 'Canada',
  'region.europe': 'Europe',
  'region.india': 'India',
  'region.japan': 'Japan',
  'region.korea': 'Korea, Republic of',
  'region.latin_america': 'Latin America and the Caribbean',
  'region.middle_east_europe': 'Middle East, Central and Eastern Europe',
  'region.new_zealand': 'New Zealand',
  'region.russia': 'Russia',
  'region.taiwan': 'Taiwan',
  'region.united_states': 'United States',
  'region.china': 'China (operated by 21Vianet)',
  'region.unsupported': 'a market CSP does not serve',
} as const;
