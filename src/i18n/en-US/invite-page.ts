/** The customer-invitation acceptance page (issue 6 item 2; C2, C3, C7–C11). */
export const invitePage = {
  'invitePage.title': 'Accept a reseller relationship',
  'invitePage.lead':
    '{reseller} would like to establish a reseller relationship with your organization in the Cloud Solution Provider program.',
  'invitePage.leadWithProvider':
    '{reseller} and its indirect provider {provider} would like to establish reseller relationships with your organization in the Cloud Solution Provider program.',
  'invitePage.grantsHeading': 'If you accept',
  'invitePage.grantReseller':
    '{reseller} gets administrator permissions to manage your subscriptions, licenses and users.',
  'invitePage.grantProvider': '{provider} may submit orders on your behalf.',
  'invitePage.otherPartners':
    'Partners that already serve you keep their relationships: a customer may have several partners.',
  'invitePage.signedInAs': 'Signed in as {name} (tenant {tenant}).',
  'invitePage.expires': 'This invitation expires on {date}.',
  'invitePage.detailsHeading': 'Your organization',
  'invitePage.detailsHelp': 'These details are recorded once, the first time your organization becomes a customer.',
  'invitePage.fieldName': 'Organization name',
  'invitePage.fieldDomain': 'Primary domain (for example fabrikam.com)',
  'invitePage.fieldCountry': 'Country or region (two-letter code, for example KR)',
  'invitePage.knownCustomer': 'Your organization is recorded as {name} ({domain}, {country}).',
  'invitePage.consent': 'I authorize {partners} as described above.',
  'invitePage.both': '{a} and {b}',
  'invitePage.accept': 'Accept',
  'invitePage.decline': 'Decline',
  'invitePage.acceptedTitle': 'Invitation accepted',
  'invitePage.accepted': 'Thank you. {partners} can now serve your organization. You may close this page.',
  'invitePage.declinedTitle': 'Invitation declined',
  'invitePage.declined':
    'You declined the invitation from {reseller}. No relationship was created. You may close this page.',
  'invitePage.errorTitle': 'This invitation cannot be used',
  'invitePage.adminRequiredTitle': 'Your Global Administrator needs to answer this invitation',
  'invitePage.otherAccount': 'Sign in with a different account',
  'invitePage.problem': 'Please check the form',
  'invitePage.signInFailed': 'Signing in did not succeed. Open the invitation link again to retry.',
  'invitePage.signInUnavailable': 'Signing in is not available on this server right now. Please try again later.',
  'invitePage.staleForm': 'This form has expired or was not sent from this page. Open the invitation link again.',
  'invitePage.badRequest': 'The request could not be read: {details}',
} as const;
