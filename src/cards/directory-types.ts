/** Data of the provider directory console and business profile cards (issue 14, P10/U4): cards/directory-*.json, business-profile.json. */
export interface DFact {
  readonly title: string;
  readonly value: string;
}

export interface ListingRowData {
  readonly orgId: string;
  readonly name: string;
  readonly lines: readonly { readonly text: string }[];
  readonly listed: boolean;
  readonly offset: number;
  readonly editLabel: string;
  readonly withdrawLabel: string;
  readonly restoreLabel: string;
}

export interface PendingRowData {
  readonly requestId: string;
  readonly line: string;
  readonly approveLabel: string;
  readonly declineLabel: string;
  readonly openLabel: string;
}

export interface DirectoryListingsCardData {
  readonly title: string;
  readonly notice: string;
  readonly noticeColor: 'Good' | 'Attention';
  readonly countText: string;
  readonly noneText: string;
  readonly listings: readonly ListingRowData[];
  readonly newHeading: string;
  readonly newNone: string;
  readonly newPick: string;
  readonly newButton: string;
  readonly candidates: readonly DFact[];
  readonly pendingHeading: string;
  readonly pendingNone: string;
  readonly pending: readonly PendingRowData[];
  readonly hasPrevious: boolean;
  readonly hasNext: boolean;
  readonly previousLabel: string;
  readonly nextLabel: string;
  readonly previousOffset: number;
  readonly nextOffset: number;
}

export interface ListingFormValues {
  readonly displayName: string;
  /** comma separated region ids (a multi-select ChoiceSet's value) */
  readonly regions: string;
  readonly services: string;
  readonly summary: string;
  readonly contactEmail: string;
  readonly contactPhone: string;
  readonly website: string;
}

export interface DirectoryListingFormCardData {
  /** admin: the program administrator saves; request: the provider asks for the change */
  readonly mode: 'admin' | 'request';
  readonly title: string;
  readonly intro: string;
  readonly notice: string;
  readonly noticeColor: 'Good' | 'Attention';
  readonly currentHeading: string;
  readonly current: readonly DFact[];
  readonly orgId: string;
  readonly values: ListingFormValues;
  readonly regionChoices: readonly DFact[];
  readonly nameLabel: string;
  readonly regionsLabel: string;
  readonly servicesLabel: string;
  readonly summaryLabel: string;
  readonly emailLabel: string;
  readonly phoneLabel: string;
  readonly websiteLabel: string;
  readonly submitLabel: string;
}

export interface DirectoryChangeCardData {
  readonly title: string;
  readonly requestId: string;
  readonly facts: readonly DFact[];
  readonly decided: string;
  readonly notice: string;
  readonly pending: boolean;
  readonly reasonLabel: string;
  readonly approveLabel: string;
  readonly declineLabel: string;
}

export interface BusinessProfileCardData {
  readonly title: string;
  readonly intro: string;
  readonly notice: string;
  readonly noticeColor: 'Good' | 'Attention';
  readonly values: {
    readonly line1: string;
    readonly line2: string;
    readonly city: string;
    readonly state: string;
    readonly postalCode: string;
    readonly supportEmail: string;
    readonly supportPhone: string;
    readonly supportWebsite: string;
  };
  readonly line1Label: string;
  readonly line2Label: string;
  readonly cityLabel: string;
  readonly stateLabel: string;
  readonly postalCodeLabel: string;
  readonly supportEmailLabel: string;
  readonly supportPhoneLabel: string;
  readonly supportWebsiteLabel: string;
  readonly showToDirectory: boolean;
  readonly toDirectoryLabel: string;
  readonly toDirectoryValue: 'true' | 'false';
  readonly saveLabel: string;
}

export const directoryCardNames = [
  'directory-listings',
  'directory-listing-form',
  'directory-change',
  'business-profile',
] as const;

export interface DirectoryCardData {
  readonly 'directory-listings': DirectoryListingsCardData;
  readonly 'directory-listing-form': DirectoryListingFormCardData;
  readonly 'directory-change': DirectoryChangeCardData;
  readonly 'business-profile': BusinessProfileCardData;
}
