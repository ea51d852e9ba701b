import type { Choice, Fact } from './enrollment-types.js';
import type { PageLink } from './partnership-types.js';

/** The program administrator's console cards (issue 14 item 1). */

/** A console button: sends a command's words as the person would type them (imBack). */
export interface ConsoleButton {
  readonly title: string;
  readonly command: string;
}

export interface AdminConsoleCardData {
  readonly title: string;
  readonly intro: string;
  readonly buttons: readonly ConsoleButton[];
  readonly mpnLabel: string;
  readonly mpnPlaceholder: string;
  readonly mpnValue: string;
  readonly mpnInvalid: string;
  readonly mpnButton: string;
  /** the last lookup's heading and facts, empty when none */
  readonly lookupTitle: string;
  readonly lookupFacts: readonly Fact[];
  readonly notice: string;
}

/** One row of a waiting list (applications, end requests): what it is, and a button that sends its card. */
export interface QueueRow {
  readonly heading: string;
  readonly lines: readonly { readonly text: string }[];
  readonly hasOpen: boolean;
  readonly openLabel: string;
  readonly id: string;
}

export interface AdminQueueCardData {
  readonly title: string;
  readonly intro: string;
  readonly notice: string;
  readonly pageLabel: string;
  readonly emptyLabel: string;
  readonly hasRows: boolean;
  readonly rows: readonly QueueRow[];
  readonly openVerb: string;
  readonly pageVerb: string;
  readonly cursor: string;
  readonly back: string;
  readonly hasPrevious: boolean;
  readonly hasNext: boolean;
  readonly previousLabel: string;
  readonly nextLabel: string;
  readonly previous: PageLink;
  readonly next: PageLink;
}

/** One program administrator on the list, with Revoke (behind a confirmation) unless it cannot be revoked here. */
export interface AdminPersonRow {
  readonly name: string;
  readonly lines: readonly { readonly text: string }[];
  readonly canRevoke: boolean;
  readonly revokeLabel: string;
  readonly confirmText: string;
  readonly confirmLabel: string;
  readonly aadObjectId: string;
}

export interface AdminPeopleCardData {
  readonly title: string;
  readonly intro: string;
  readonly notice: string;
  readonly noticeColor: 'Good' | 'Attention';
  readonly rows: readonly AdminPersonRow[];
  readonly grantTitle: string;
  readonly knownLabel: string;
  readonly knownPlaceholder: string;
  readonly hasKnown: boolean;
  readonly known: readonly Choice[];
  readonly grantLabel: string;
}

export const adminCardNames = ['admin-console', 'admin-queue', 'admin-people'] as const;

export interface AdminCardData {
  readonly 'admin-console': AdminConsoleCardData;
  readonly 'admin-queue': AdminQueueCardData;
  readonly 'admin-people': AdminPeopleCardData;
}
