/** Every template in cards/ and the data it binds. A test renders each with cards/samples/<name>.json. */
import { enrollmentCardNames, type EnrollmentCardData } from './enrollment-types.js';
import { partnershipCardNames, type PartnershipCardData } from './partnership-types.js';
import { customerCardNames, type CustomerCards } from './customer-types.js';
import { notificationCardNames, type NotificationCardData } from './notification-types.js';
import { adminCardNames, type AdminCardData } from './admin-types.js';
import { directoryCardNames, type DirectoryCardData } from './directory-types.js';
import { partnerCenterCardNames, type PartnerCenterCards } from './partner-center-types.js';
import { gdapCardNames, type GdapCards } from './gdap-types.js';

export const cardNames = [
  'welcome',
  'help',
  'error',
  ...enrollmentCardNames,
  ...partnershipCardNames,
  ...customerCardNames,
  ...notificationCardNames,
  ...adminCardNames,
  ...directoryCardNames,
  ...partnerCenterCardNames,
  ...gdapCardNames,
] as const;
export type CardName = (typeof cardNames)[number];

/** A button that runs a command: Teams posts `text` as the person's message (messageBack). */
export interface CommandButtonData {
  readonly label: string;
  readonly description: string;
  readonly text: string;
}

export interface WelcomeCardData {
  readonly title: string;
  readonly body: string;
  /** what this person can do now (empty when unknown) */
  readonly nowLabel: string;
  readonly suggestions: readonly CommandButtonData[];
  readonly helpButton: string;
  readonly allLabel: string;
}

export interface HelpCardData {
  readonly title: string;
  readonly intro: string;
  /** what this person can do now, each a button (empty on the full list) */
  readonly suggestions: readonly CommandButtonData[];
  /** the full command list (empty on the personalised card) */
  readonly commands: readonly { readonly name: string; readonly description: string; readonly aliases: string }[];
  /** the "All commands" button's label; empty on the full list */
  readonly allLabel: string;
  /** Empty in personal chat, where no mention is needed. */
  readonly mentionHint: string;
}

export interface ErrorCardData {
  readonly title: string;
  readonly message: string;
  /** Empty when there is no correlation id to show. */
  readonly reference: string;
}

export interface CardData
  extends
    EnrollmentCardData,
    PartnershipCardData,
    CustomerCards,
    NotificationCardData,
    AdminCardData,
    DirectoryCardData,
    PartnerCenterCards,
    GdapCards {
  readonly welcome: WelcomeCardData;
  readonly help: HelpCardData;
  readonly error: ErrorCardData;
}
