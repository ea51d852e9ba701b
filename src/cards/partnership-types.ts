/** Data of the partnership cards (issue 5): cards/partnership-*.json. */
export interface PFact {
  readonly title: string;
  readonly value: string;
}
export interface PText {
  readonly text: string;
}
export interface PageLink {
  readonly cursor: string;
  readonly back: string;
}

export interface PartnershipInviteCardData {
  readonly mode: 'ask' | 'draft';
  readonly title: string;
  readonly intro: string;
  readonly notice: string;
  readonly noticeColor: 'Good' | 'Attention';
  readonly inputLabel: string;
  readonly placeholder: string;
  readonly value: string;
  readonly invalidMessage: string;
  readonly submitLabel: string;
  readonly invitationId: string;
  /** who the draft is for, and when its link expires (ISO), carried so a save can redraw the card */
  readonly to: string;
  readonly expiresAt: string;
}

export interface PartnershipAuthorizeCardData {
  readonly title: string;
  readonly intro: string;
  readonly facts: readonly PFact[];
  readonly grantsHeading: string;
  readonly grants: readonly PText[];
  readonly done: string;
  readonly notice: string;
  readonly pending: boolean;
  readonly consentLabel: string;
  readonly submitLabel: string;
  readonly token: string;
}

export interface DirectoryEntryData {
  readonly orgId: string;
  readonly name: string;
  readonly lines: readonly PText[];
  readonly requestLabel: string;
  readonly consentLabel: string;
  readonly messageLabel: string;
  readonly sendLabel: string;
}

export interface PartnershipDirectoryCardData {
  readonly title: string;
  readonly intro: string;
  readonly notice: string;
  readonly noticeColor: 'Good' | 'Attention';
  readonly nameLabel: string;
  readonly regionLabel: string;
  readonly serviceLabel: string;
  readonly searchLabel: string;
  readonly pageLabel: string;
  readonly noneLabel: string;
  readonly query: { readonly name: string; readonly region: string; readonly service: string };
  readonly regions: readonly PFact[];
  readonly entries: readonly DirectoryEntryData[];
  readonly hasPrevious: boolean;
  readonly hasNext: boolean;
  readonly previousLabel: string;
  readonly nextLabel: string;
  readonly previous: PageLink;
  readonly next: PageLink;
}

export interface PartnershipDecisionCardData {
  readonly title: string;
  readonly intro: string;
  readonly facts: readonly PFact[];
  readonly decided: string;
  readonly notice: string;
  readonly pending: boolean;
  readonly reasonLabel: string;
  readonly approveLabel: string;
  readonly declineLabel: string;
  readonly approveVerb: string;
  readonly declineVerb: string;
  readonly partnershipId: string;
}

export interface PartnershipListRow {
  readonly partnershipId: string;
  readonly name: string;
  readonly lines: readonly { readonly text: string; readonly color: 'Default' | 'Attention' | 'Good' }[];
  readonly canEnd: boolean;
  /** S1: a provider's reseller row offers "Add customer" with the reseller preselected */
  readonly canAddCustomer: boolean;
  readonly resellerId: string;
  readonly addCustomerLabel: string;
  /** P3 (providers list): withdraw the provider's admin access (with confirmation), or restore it */
  readonly canWithdrawAdmin: boolean;
  readonly canRestoreAdmin: boolean;
  readonly withdrawAdminLabel: string;
  readonly withdrawAdminConfirm: string;
  readonly withdrawAdminSubmit: string;
  readonly restoreAdminLabel: string;
  readonly endLabel: string;
  readonly reasonLabel: string;
  readonly submitLabel: string;
}

export interface PartnershipListCardData {
  readonly title: string;
  readonly intro: string;
  readonly notice: string;
  readonly pageLabel: string;
  readonly emptyLabel: string;
  readonly list: 'providers' | 'resellers';
  readonly rows: readonly PartnershipListRow[];
  readonly hasPrevious: boolean;
  readonly hasNext: boolean;
  readonly previousLabel: string;
  readonly nextLabel: string;
  readonly previous: PageLink;
  readonly next: PageLink;
}

export const partnershipCardNames = [
  'partnership-invite',
  'partnership-authorize',
  'partnership-directory',
  'partnership-decision',
  'partnership-list',
] as const;

export interface PartnershipCardData {
  readonly 'partnership-invite': PartnershipInviteCardData;
  readonly 'partnership-authorize': PartnershipAuthorizeCardData;
  readonly 'partnership-directory': PartnershipDirectoryCardData;
  readonly 'partnership-decision': PartnershipDecisionCardData;
  readonly 'partnership-list': PartnershipListCardData;
}
