/** Channel and personal notifications delivered by src/notify (issue 5), one message per event type. */
export const notify = {
  'notify.enrollment.verification_requested': 'Please verify {email} for {orgName}: {link} (valid until {expiresAt}).',
  'notify.enrollment.state_changed': 'Enrollment of {orgName} as {partnerType}: {from} → {to}.{reasonText}',
  'notify.enrollment.review_requested':
    '{orgName} (MPN ID {mpnId}, {country}) applied as {partnerType} and awaits review.',
  'notify.user.added': '{addedByName} added {userName} ({email}) to {orgName} with roles: {roles}.',
  'notify.user.roles_changed': '{changedByName} changed the roles of {userName} to: {roles}.',
  'notify.mpa.signed': '{signerName} ({signerEmail}) signed the Microsoft Partner Agreement {version} for {orgName}.',
  'notify.partnership.requested': 'Partnership requested between provider {providerName} and reseller {resellerName}.',
  'notify.partnership.invited':
    '{providerName} invited {resellerName} to authorize it as an indirect provider (the link is valid until {expiresAt}).',
  'notify.partnership.authorized': '{byName} authorized {providerName} as an indirect provider of {resellerName}.',
  'notify.partnership.declined':
    '{byName} declined the partnership between {providerName} and {resellerName}.{reasonText}',
  'notify.partnership.admin_access_withdrawn':
    '{byName} withdrew the administrator access of {providerName} to {resellerName}. The partnership stays.',
  'notify.partnership.admin_access_restored':
    '{byName} restored the administrator access of {providerName} to {resellerName}.',
  'notify.partnership.end_requested':
    '{requestedByName} asked to end the partnership between {providerName} and {resellerName}: {reason}',
  'notify.partnership.end_decided':
    'The request to end the partnership between {providerName} and {resellerName} was {decision}.{reasonText}',
  'notify.customer.invited_with_provider':
    '{resellerName} invited a customer to authorize it together with the indirect provider {providerName} (valid until {expiresAt}).',
  'notify.customer.invitation_accepted': '{customerName} accepted the invitation of {partnerName}.',
  'notify.customer.invitation_declined': 'An invitation from {partnerName} was declined.',
  'notify.customer.added': '{providerName} added the customer {customerName}.',
  'notify.customer.relationship_removed': '{partnerName} removed its relationship with {customerName}.',
  'notify.subscription.changed': 'Subscription to {offer} for {customerName}: {change}.',
  'notify.channel_blocked':
    'Notifications for {orgName} can no longer be posted to {channelName}: the team removed or blocked the bot. Type **notify here** in another channel to choose a new one.',
  'notify.generic': 'There is news for your organization in the CSP program.',
  'notify.program_admin.granted':
    '{grantedByName} made you a program administrator. Type **admin** to open the program administrator’s console.',
  'notify.reason': ' Reason: {reason}',
  'notify.decision.approved': 'approved',
  'notify.decision.declined': 'declined',
  'notify.channel.unnamed': 'the notification channel',
  'notify.directory.change_requested':
    '{requestedByName} of {orgName} asked to change its directory listing ({displayName}). Type **listings** to review it.',
  'notify.directory.change_decided':
    'The change to the directory listing of {orgName} was {decision} by {byName} on {at}.{reasonText}',
  'notify.partner_center.event': 'Partner Center, for {orgName}: {eventName} ({changedAt}).',
  'notify.partner_center.link_expiring':
    'The Partner Center sign-in of {orgName} expires in {daysLeft} days ({expiresAt}) unless the bot uses it before then. Type **partner center** to sign in again.',
  'notify.gdap.requested':
    '{requestedByName} of {orgName} asked {customerName} for admin rights: GDAP relationship “{displayName}” for {durationDays} days.',
  'notify.gdap.reseller_consent_requested':
    '{orgName} asks to request admin rights (GDAP “{displayName}”) for your customer {customerName}. Type **gdap** to consent or decline.',
  'notify.gdap.reseller_consented':
    '{byName} of {resellerName} consented to the GDAP relationship “{displayName}” for {customerName}; the customer can now approve it.',
  'notify.gdap.reseller_declined':
    '{byName} of {resellerName} declined the GDAP relationship “{displayName}” for {customerName}; it is terminated.',
  'notify.gdap.approved':
    '{customerName} approved the GDAP relationship “{displayName}” ({approvedByName}): active from {activatedAt} until {endsAt}.',
  'notify.gdap.declined': '{customerName} declined the GDAP relationship “{displayName}” ({declinedByName}).',
  'notify.gdap.terminated':
    'The GDAP relationship “{displayName}” with {customerName} was terminated by {terminatedByName} on {terminatedAt}.',
  'notify.gdap.expired': 'The GDAP relationship “{displayName}” with {customerName} expired on {endsAt}.',
  'notify.gdap.digest':
    'GDAP digest for {orgName}, {count} to look at: relationships with customers that end soon or have ended. Type **gdap** to see them.',
} as const;
