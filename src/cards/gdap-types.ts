/** The GDAP cards (issue 18; docs/gdap.md G1–G13). */

export interface GdapChoice {
  readonly title: string;
  readonly value: string;
}

export interface GdapListRow {
  readonly relationshipId: string;
  readonly name: string;
  readonly lines: readonly { readonly text: string; readonly color: string }[];
}

export interface GdapListCardData {
  readonly title: string;
  readonly intro: string;
  readonly notice: string;
  readonly pageLabel: string;
  readonly emptyLabel: string;
  readonly rows: readonly GdapListRow[];
  readonly openLabel: string;
  /** the filter form, prefilled with the filter shown */
  readonly customerLabel: string;
  readonly customerChoices: readonly GdapChoice[];
  readonly customerId: string;
  readonly stateLabel: string;
  readonly stateChoices: readonly GdapChoice[];
  readonly state: string;
  readonly daysLabel: string;
  readonly days: string;
  readonly applyLabel: string;
  /** the filter as the paging buttons carry it */
  readonly filter: { readonly customerId: string; readonly state: string; readonly days: string };
  readonly hasPrevious: boolean;
  readonly previousPage: number;
  readonly previousLabel: string;
  readonly hasNext: boolean;
  readonly nextPage: number;
  readonly nextLabel: string;
  /** G2: offered to global admins and admin agents */
  readonly canRequest: boolean;
  readonly requestLabel: string;
}

export interface GdapRequestCardData {
  readonly title: string;
  readonly intro: string;
  readonly problem: string;
  readonly hasCustomers: boolean;
  readonly customerLabel: string;
  readonly customerChoices: readonly GdapChoice[];
  readonly customerId: string;
  readonly nameLabel: string;
  readonly displayName: string;
  readonly rolesLabel: string;
  readonly roleChoices: readonly GdapChoice[];
  /** comma separated role template ids */
  readonly roles: string;
  readonly durationLabel: string;
  readonly durationDays: string;
  readonly autoExtendLabel: string;
  readonly autoExtend: string;
  readonly submitLabel: string;
}

export interface GdapRelationshipCardData {
  readonly title: string;
  readonly notice: string;
  readonly noticeColor: string;
  readonly intro: string;
  readonly relationshipId: string;
  readonly facts: readonly { readonly title: string; readonly value: string }[];
  readonly approvalLink: string;
  readonly approvalLinkLabel: string;
  readonly assignmentsLabel: string;
  readonly noAssignmentsLabel: string;
  readonly assignments: readonly {
    readonly assignmentId: string;
    readonly line: string;
    readonly canRemove: boolean;
    readonly removeLabel: string;
  }[];
  readonly canAssign: boolean;
  readonly assignLabel: string;
  readonly groupIdLabel: string;
  readonly groupNameLabel: string;
  readonly assignRolesLabel: string;
  readonly roleChoices: readonly GdapChoice[];
  readonly assignSubmitLabel: string;
  readonly canTerminate: boolean;
  readonly terminateLabel: string;
  readonly terminateConfirm: string;
  readonly terminateSubmitLabel: string;
  readonly canRenew: boolean;
  readonly renewLabel: string;
  readonly canConsent: boolean;
  readonly consentLabel: string;
  readonly declineLabel: string;
  readonly backLabel: string;
}

export const gdapCardNames = ['gdap-list', 'gdap-request', 'gdap-relationship'] as const;

export interface GdapCards {
  readonly 'gdap-list': GdapListCardData;
  readonly 'gdap-request': GdapRequestCardData;
  readonly 'gdap-relationship': GdapRelationshipCardData;
}
