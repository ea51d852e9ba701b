/** Partnership cards, the invitation page and `notify here` (issue 5, bot side). */
export const partnershipCards = {
  'command.inviteReseller.description': 'Invite a reseller to authorize you as its indirect provider',
  'command.findProvider.description': 'Search the directory of indirect providers and request a partnership',
  'command.providers.description': 'List your indirect providers',
  'command.resellers.description': 'List your indirect resellers and their MPA state',
  'command.endPartnership.description': 'Ask the program administrator to end a partnership',
  'command.notifyHere.description': 'Send your organization’s notifications to this channel',

  'pinvite.ask.title': 'Invite an indirect reseller',
  'pinvite.ask.intro':
    'Enter the work email of someone at the reseller, or the reseller’s MPN ID. You will get a draft message with a personalized link to send them.',
  'pinvite.ask.label': 'Reseller’s email or MPN ID',
  'pinvite.ask.placeholder': 'name@reseller.example or 1234567',
  'pinvite.ask.submit': 'Create the request',
  'pinvite.ask.invalid': 'Enter a work email address or an MPN ID (5 to 10 digits).',
  'pinvite.draft.title': 'Your partnership request',
  'pinvite.draft.intro':
    'Copy this message and send it to {to}. You may edit the text, but the personalized link must stay in it. The link works once and expires on {expiresAt}.',
  'pinvite.draft.label': 'Message',
  'pinvite.draft.save': 'Save the message',
  'pinvite.draft.saved': 'Saved. The link is still in the message.',
  'pinvite.draft.direct':
    '{reseller} already uses this bot: its admin agents also received the authorization card in Teams.',
  'pinvite.draft.directNone':
    '{reseller} is enrolled, but none of its admin agents has talked to this bot yet; send them the message.',

  'pauth.title': 'Authorize an indirect provider',
  'pauth.intro':
    '{provider} asks your organization to authorize it as your indirect provider in the Cloud Solution Provider program.',
  'pauth.grantsHeading': 'What authorizing grants',
  'pauth.grant.orders': 'The provider can submit orders and add subscriptions on behalf of your customers.',
  'pauth.grant.admin':
    'The provider gets administrator access to your organization’s work account. You can withdraw that access later; the partnership stays.',
  'pauth.grant.lists': 'The provider appears on your Indirect providers list, and you on its Indirect resellers list.',
  'pauth.provider': 'Provider',
  'pauth.mpnId': 'MPN ID',
  'pauth.region': 'Region',
  'pauth.expires': 'Link expires',
  'pauth.consent': 'I have read the above and I authorize {provider} to act as our indirect provider.',
  'pauth.submit': 'Authorize indirect provider',
  'pauth.done': 'Authorized by {by} at {at}. {provider} is now on your Indirect providers list.',
  'pauth.unusable': 'This request can no longer be used: {reason}',

  'dir.title': 'Directory of indirect providers',
  'dir.intro': 'Search the official indirect providers of your region by name, region and service.',
  'dir.name': 'Name contains',
  'dir.region': 'Region',
  'dir.regionOwn': 'My region',
  'dir.service': 'Service (for example azure, m365, support)',
  'dir.search': 'Search',
  'dir.none': 'No provider matches this search.',
  'dir.page': 'Page {page}',
  'dir.next': 'Next',
  'dir.previous': 'Previous',
  'dir.services': 'Services',
  'dir.contact': 'Contact',
  'dir.request': 'Request partnership…',
  'dir.consent':
    'I authorize {provider} to be our indirect provider: it may submit orders and add subscriptions for our customers and gets administrator access to our work account.',
  'dir.message': 'Message to the provider (optional)',
  'dir.send': 'Send the request',
  'dir.sent': 'Your request went to {provider}. You will be told when it decides.',
  'dir.pending': 'You already asked {provider}; the request is waiting for its decision.',

  'papprove.title': 'Partnership request',
  'papprove.intro':
    '{reseller} found you in the provider directory and asks you to become its indirect provider. It has already given its consent.',
  'papprove.reseller': 'Reseller',
  'papprove.mpnId': 'MPN ID',
  'papprove.region': 'Region',
  'papprove.requestedAt': 'Requested',
  'papprove.message': 'Message',
  'papprove.reason': 'Reason (required to decline)',
  'papprove.approve': 'Approve',
  'papprove.decline': 'Decline',
  'papprove.approved': 'Approved by {by} at {at}.',
  'papprove.declined': 'Declined by {by} at {at}. Reason: {reason}',
  'papprove.alreadyDecided': 'Someone else decided first.',

  'plist.providers.title': 'Your indirect providers',
  'plist.resellers.title': 'Your indirect resellers',
  'plist.empty': 'There are none yet.',
  'plist.since': 'Partners since {date}',
  'plist.region': 'Region: {region}',
  'plist.mpaSigned': 'MPA signed (version {version})',
  'plist.mpaNotSigned': 'MPA not signed: no new business with this reseller until it signs',
  'plist.endRequested': 'End requested; waiting for the program administrator',
  'plist.notInPartnerCenter': 'Not in Partner Center: this partnership is only in the bot’s records',
  'plist.onlyInPartnerCenter': 'Only in Partner Center (not in the bot’s records): {names}',
  'plist.partnerCenterUnavailable': 'This list shows the bot’s records only. {reason}',
  'plist.adminWithdrawn': 'Administrator access withdrawn',
  'plist.end': 'End partnership…',
  'plist.addCustomer': 'Add customer',
  'plist.endReason': 'Why should this partnership end?',
  'plist.endSubmit': 'Ask the program administrator',
  'plist.endIntro':
    'Ending a partnership is not self-service: choose the partnership and give a reason; a program administrator decides and both sides are told.',
  'plist.endSent':
    'Your request to end the partnership between {provider} and {reseller} went to the program administrator.',

  'pend.title': 'Request to end a partnership',
  'pend.provider': 'Provider',
  'pend.reseller': 'Reseller',
  'pend.requestedBy': 'Requested by',
  'pend.reason': 'Reason',
  'pend.decisionReason': 'Reason (required to decline)',
  'pend.approve': 'End the partnership',
  'pend.decline': 'Keep the partnership',
  'pend.approved': 'Ended by {by} at {at}.',
  'pend.declined': 'Kept by {by} at {at}; the partnership stays active.',

  'notifyHere.done':
    'This channel is now connected: notifications for {org} (partnership requests and decisions, enrollment changes) will be posted here.',
  'notifyHere.already': 'This channel is already where {org} gets its notifications.',
  'notifyHere.onlyChannel': 'Use **notify here** in a team channel.',

  'pinvitePage.title': 'Partnership request',
  'pinvitePage.heading': '{provider} asks to become your indirect provider',
  'pinvitePage.intro':
    '{provider} (MPN ID {mpnId}, region {region}) sent your organization this request in the Cloud Solution Provider program.',
  'pinvitePage.howTo':
    'To accept, open the request in Microsoft Teams, tick the consent box and choose "Authorize indirect provider". You need the global admin, user admin, admin agent or sales agent role.',
  'pinvitePage.openTeams': 'Open in Microsoft Teams',
  'pinvitePage.tellBot': 'In the chat with the bot, type: authorize {token}',
  'pinvitePage.expires': 'This link works once and expires on {expiresAt}.',
  'pinvitePage.invalid.title': 'This link does not work',
  'pinvitePage.invalid.TOKEN_INVALID':
    'This invitation link is not valid. Check that you copied the whole link, or ask the provider for a new one.',
  'pinvitePage.invalid.TOKEN_EXPIRED': 'This invitation link has expired. Ask the provider to send a new one.',
  'pinvitePage.invalid.TOKEN_USED': 'This invitation link was already used.',
  'pinvitePage.invalid.TOKEN_REVOKED':
    'This invitation link was withdrawn by the provider. Ask the provider for a new one.',

  'command.authorize.description': 'Authorize a provider from the link it sent you',
  'command.requests.description': 'Partnership requests waiting for you or for a provider',

  'preq.title': 'Partnership requests',
  'preq.none':
    'No partnership request is waiting: nothing for you to decide, and none of your requests waits for a provider.',
  'preq.forYou': '{count} directory request(s) wait for your decision; each card below has Approve and Decline.',
  'preq.more': 'These are the {shown} newest. Decide on them and type **requests** again for the others.',
  'preq.invitations.heading': 'Invitations from indirect providers waiting for you',
  'preq.invitations.row': '{provider} (MPN ID {mpnId}) · sent {sent} · expires {expires}',
  'preq.invitations.hint':
    'To authorize a provider, open the link in the message it sent you (or type **authorize** followed by the link), tick the consent box and choose Authorize indirect provider.',
  'preq.sent.heading': 'Your requests waiting for a provider',
  'preq.sent.row': '{provider} · requested {requested}',
  'preq.sent.hint':
    'The provider approves or declines from its card; you will be told here and in your notification channel.',
} as const;
