import type { PageLink } from './partnership-types.js';

/** One failed notice on the `failed notices` card (issue 13 item 2). */
export interface FailedNoticeRow {
  readonly eventId: string;
  readonly text: string;
  readonly lines: readonly { readonly text: string }[];
  readonly retryLabel: string;
}

export interface FailedNoticesCardData {
  readonly title: string;
  readonly intro: string;
  /** what the last click did (re-queued, nothing changed), empty otherwise */
  readonly notice: string;
  readonly pageLabel: string;
  readonly emptyLabel: string;
  readonly rows: readonly FailedNoticeRow[];
  readonly cursor: string;
  readonly back: string;
  readonly hasRows: boolean;
  readonly retryAllLabel: string;
  readonly hasPrevious: boolean;
  readonly hasNext: boolean;
  readonly previousLabel: string;
  readonly nextLabel: string;
  readonly previous: PageLink;
  readonly next: PageLink;
}

export const notificationCardNames = ['failed-notices'] as const;

export interface NotificationCardData {
  readonly 'failed-notices': FailedNoticesCardData;
}
