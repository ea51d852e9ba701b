/**
 * Issue 18 items 4 and 6: the GDAP daily digest card (src/notify/gdap-digest-render.ts) and the Dashboard tab's
 * GDAP section (src/web/dashboard). `{date}` and `{time}` on the card are Adaptive Cards' DATE() and TIME()
 * functions, which Teams shows in each reader's own time zone and language.
 */
export const gdapWatch = {
  'gdap.digest.title': 'GDAP digest for {orgName}',
  'gdap.digest.intro':
    'Admin relationships with customers (GDAP) that end soon or have ended. Times are in your time zone.',
  'gdap.digest.section.1': 'Ending within 1 day',
  'gdap.digest.section.7': 'Ending within 7 days',
  'gdap.digest.section.30': 'Ending within 30 days',
  'gdap.digest.section.ended': 'Ended since the last digest',
  'gdap.digest.line.title': '{customerName} · {displayName}',
  'gdap.digest.line.roles': 'Roles: {roles}',
  'gdap.digest.line.ends': 'Ends {date} at {time} ({daysLeft})',
  'gdap.digest.line.expired': 'Expired {date} at {time}',
  'gdap.digest.line.terminated': 'Terminated {date} at {time}',
  'gdap.digest.daysLeft.one': 'in {count} day',
  'gdap.digest.daysLeft.other': 'in {count} days',
  'gdap.digest.renew': 'Renew',
  'gdap.digest.more': 'And {count} more. Type **gdap** to see them all.',
  'gdap.digest.summary':
    'GDAP digest for {orgName}, {count} to look at: relationships with customers that end soon or have ended.',

  'dashboard.gdap.heading': 'GDAP relationships',
  'dashboard.gdap.caption': 'Admin relationships with customers (GDAP), ending soonest first',
  'dashboard.gdap.col.customer': 'Customer',
  'dashboard.gdap.col.name': 'Relationship',
  'dashboard.gdap.col.state': 'State',
  'dashboard.gdap.col.roles': 'Roles',
  'dashboard.gdap.col.ends': 'Ends',
  'dashboard.gdap.col.daysLeft': 'Days left',
  'dashboard.gdap.noEnd': 'Not active yet',
  'dashboard.gdap.ended': 'Ended',
  'dashboard.gdap.autoExtend': '{date} (extends by itself)',
  'dashboard.gdap.empty':
    'No GDAP relationships yet. Type "request gdap" in the chat with the bot to ask a customer for one.',
  'dashboard.gdap.more': 'Showing the first {count}. Type "gdap" in the chat with the bot to see them all.',
} as const;
