/**
 * The notification commands (issue 13 item 2), spread into the command table (src/bot/commands.ts).
 * `failed notices` works wherever the organisation reads its notices: in personal chat and in its
 * notification channel (the card's Retry buttons are refused to anyone but its administrators, U3).
 * Not in Teams' menu (at most 10 per scope): an administrator's tool, found through help and the Dashboard.
 */
export const notificationCommandSpecs = [
  {
    id: 'failedNotices',
    names: ['failed notices', '실패한 알림'],
    descriptionKey: 'command.failedNotices.description',
    scopes: ['personal', 'team', 'groupChat'],
  },
] as const;
