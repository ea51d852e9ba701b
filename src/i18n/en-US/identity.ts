/** Identity (each person's own e-mail), re-sending and confirming the verification link, the MPA text link (issue 14). */
export const identity = {
  'identity.emailUnknown': 'e-mail not known yet',
  /** the same, for the dashboard tab (only dashboard.* strings are shipped to it) */
  'dashboard.identity.emailUnknown': 'e-mail not known yet',

  'command.resendVerification.description':
    'Send the primary contact a new verification link (the earlier link stops working).',
  'resend.sent': 'We sent a new verification link to {email}. The earlier link no longer works.',
  'resend.alreadyVerified': 'The primary contact ({email}) has already verified the address. Nothing to send.',

  'verifyPage.confirm.heading': 'Verify the e-mail address for {org}',
  'verifyPage.confirm.body':
    'Select Verify to confirm that you, {email}, signed up as the primary contact of {org} and that this address belongs to the organization.',
  'verifyPage.confirm.button': 'Verify',
  'verifyPage.used.heading': 'This address is already verified',
  'verifyPage.used.body':
    '{email} is already verified as the primary contact of {org}. The application is now: {state}. There is nothing more to do here.',

  'enroll.form.keepAccountNumber': 'Leave empty to keep the account number you gave',
  'mpa.readText': 'Read the Microsoft Partner Agreement',
} as const;
