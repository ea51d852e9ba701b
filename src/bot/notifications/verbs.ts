/** The failed-notices card's Action.Execute verbs (issue 13 item 2), spread into the verb table (src/bot/verbs.ts). */
export const notificationVerbs = {
  /** next / previous page of the failed notices */
  failedNoticesPage: 'notifications.failed.page',
  /** re-queue one failed notice (the card then shows the page again, without it) */
  failedNoticeRetry: 'notifications.failed.retry',
  /** re-queue every failed notice of the organisation */
  failedNoticesRetryAll: 'notifications.failed.retryAll',
} as const;
