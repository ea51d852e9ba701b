/** Issue 17 item 2: linking the organization's Partner Center account (the card, its answers, the sign-in pages). */
export const partnerCenter = {
  'command.partnerCenter.description': 'Admins: link your Partner Center account and choose how the bot uses it',

  'pc.title': 'Partner Center account',
  'pc.intro.unlinked':
    '{orgName} has not linked a Partner Center account. The bot works on its own records (embedded mode) and nothing changes until you link an account and choose connected mode.',
  'pc.intro.linked': '{orgName} is linked to its Partner Center account.',
  'pc.intro.needsSignIn':
    'The Partner Center sign-in of {orgName} has expired or was revoked, so the bot works on its own records. Sign in again to use Partner Center.',
  'pc.notConfigured': 'Linking a Partner Center account is not set up on this bot yet. Ask the bot’s operator.',
  'pc.link': 'Link Partner Center account',
  'pc.relink': 'Sign in again',
  'pc.linkHint':
    'The button opens Microsoft sign-in in your browser. It works once, for {minutes} minutes. Sign in with a Partner Center account of your organization, with multi-factor authentication.',
  'pc.fact.linkedBy': 'Linked by',
  'pc.fact.linkedByValue': '{name}, on {date}',
  'pc.fact.account': 'Account',
  'pc.fact.mode': 'Mode',
  'pc.fact.signIn': 'Sign-in',
  'pc.signIn.active': 'Works; expires if unused on {date}',
  'pc.signIn.needed': 'Expired or revoked: sign in again',
  'pc.mode.label': 'What Partner Center is for this organization',
  'pc.mode.embedded': 'Embedded',
  'pc.mode.connected': 'Connected',
  'pc.mode.embeddedChoice': 'Embedded: the bot keeps its own records (as before)',
  'pc.mode.connectedChoice': 'Connected: what Microsoft owns comes from and goes to Partner Center',
  'pc.saveMode': 'Save mode',
  'pc.modeSaved': 'Mode saved: {mode}.',
  'pc.unlink': 'Unlink',
  'pc.unlinkConfirm':
    'Unlink the Partner Center account? The stored sign-in is deleted, and {orgName} goes back to embedded mode.',
  'pc.unlinkNow': 'Unlink now',
  'pc.unlinked': 'The Partner Center account was unlinked and its stored sign-in deleted.',
  'pc.alreadyUnlinked': 'No Partner Center account was linked.',

  // issue 17 item 4 (W1–W6): Partner Center's events in the channel, and registering for them on the card
  'pc.fact.events': 'Events from Partner Center',
  'pc.events.registered': 'Received in the notification channel since {date}',
  'pc.events.notRegistered': 'Not received',
  'pc.events.register': 'Receive Partner Center events',
  'pc.events.reregister': 'Register for Partner Center events again',
  'pc.events.registeredNotice':
    'Partner Center now sends its events to the bot: they appear in the notification channel of {orgName}.',
  'pc.events.failed': 'Partner Center could not be reached, so nothing was registered. Try again later.',
  'pc.events.notSetUp': 'Receiving Partner Center events is not set up on this bot yet. Ask the bot’s operator.',
  'pc.event.reseller-relationship-accepted-by-customer': 'a customer accepted your reseller relationship request',
  'pc.event.subscription-updated': 'a subscription was updated',
  'pc.event.usagerecords-thresholdExceeded': 'a customer’s usage went over its budget',
  'pc.event.referral-created': 'a referral was created',
  'pc.event.referral-updated': 'a referral was updated',
  'pc.event.invoice-ready': 'a new invoice is ready',
  'pc.event.dap-admin-relationship-approved': 'a customer approved an administrator relationship',
  'pc.event.other': 'something changed in Partner Center',

  'pcLink.title': 'Partner Center account linked',
  'pcLink.errorTitle': 'Partner Center account not linked',
  'pcLink.linked':
    'The Partner Center account is now linked to {orgName}. The organization stays in embedded mode until an admin chooses connected mode.',
  'pcLink.relinked': 'You signed in again: the Partner Center account of {orgName} works again.',
  'pcLink.cancelled': 'The sign-in was cancelled or refused, so nothing was linked.',
  'pcLink.failed': 'The sign-in could not be completed right now, so nothing was linked. Try again later.',
  'pcLink.backToTeams': 'You can close this page and go back to Microsoft Teams.',
} as const;
