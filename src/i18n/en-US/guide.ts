/** Guided cards (issue 14 item 4), P3 from the providers list, and decisions that reach everyone (item 6). */
export const guide = {
  'guide.title': 'What you can do now',
  'guide.intro': 'Pick a step below, or type a command. Every command is under "All commands".',
  'guide.nothing': 'There is nothing for you to do here right now. "All commands" lists everything I understand.',
  'guide.now': 'What you can do now:',
  'guide.all': 'All commands',

  'plist.withdrawAdmin': 'Withdraw admin access',
  'plist.withdrawAdminConfirm':
    '{provider} will no longer have administrator access to your organization. The partnership stays, and you can restore the access later.',
  'plist.withdrawAdminSubmit': 'Yes, withdraw admin access',
  'plist.restoreAdmin': 'Restore admin access',
  'plist.adminWithdrawnNotice': 'You withdrew the admin access of {provider}. The partnership stays.',
  'plist.adminRestoredNotice': 'You restored the admin access of {provider}.',
  'plist.adminNotWithdrawn': '{provider} already has admin access: nothing changed.',

  'roles.current': 'Roles now: {roles}',
  'roles.changeFor': 'Change roles',

  'papprove.youApproved': 'You approved this on {at}.',
  'papprove.youDeclined': 'You declined this on {at}.',
  'papprove.toRequester.approved':
    '{provider} approved your partnership request. {provider} is now one of your providers.',
  'papprove.toRequester.declined': '{provider} declined your partnership request.',
  'papprove.toRequester.reason': 'Reason: {reason}',
} as const;
