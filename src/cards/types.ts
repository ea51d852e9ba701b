/** Every template in cards/ and the data it binds. A test renders each with cards/samples/<name>.json. */
import { enrollmentCardNames, type EnrollmentCardData } from './enrollment-types.js';
import { partnershipCardNames, type PartnershipCardData } from './partnership-types.js';
import { customerCardNames, type CustomerCards } from './customer-types.js';
import { notificationCardNames, type NotificationCardData } from './notification-types.js';
import { adminCardNames, type AdminCardData } from './admin-types.js';
import { directoryCardNames, type DirectoryCardData } from './directory-types.js';

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
] as const;
export type CardName = (typeof cardNames)[number];

export interface WelcomeCardData {
  readonly title: string;
  readonly body: string;
  readonly helpButton: string;
}

export interface HelpCardData {
  readonly title: string;
  readonly intro: string;
  readonly commands: readonly { readonly name: string; readonly description: string; readonly aliases: string }[];
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
    DirectoryCardData {
  readonly welcome: WelcomeCardData;
  readonly help: HelpCardData;
  readonly error: ErrorCardData;
}
