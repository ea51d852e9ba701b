/** Data of the enrollment, review, users and MPA cards (issue 4). */
export interface Fact {
  readonly title: string;
  readonly value: string;
}
export interface Choice {
  readonly title: string;
  readonly value: string;
}

export interface EnrollFormField {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly placeholder: string;
  readonly isChoice: boolean;
  /** Empty when the field is fine. */
  readonly error: string;
  readonly choices: readonly Choice[];
}

export interface EnrollFormCardData {
  readonly title: string;
  readonly intro: string;
  /** Empty, or a line saying which answers were accepted. */
  readonly accepted: string;
  readonly fields: readonly EnrollFormField[];
  readonly submitLabel: string;
  readonly cancelLabel: string;
}

export interface EnrollReviewCardData {
  readonly title: string;
  readonly intro: string;
  readonly facts: readonly Fact[];
  readonly submitLabel: string;
  /** back to the form with every answer kept */
  readonly editLabel: string;
  readonly cancelLabel: string;
}

export interface InfoCardData {
  readonly title: string;
  readonly text: string;
  readonly facts: readonly Fact[];
  readonly sections: readonly { readonly heading: string; readonly lines: readonly { readonly text: string }[] }[];
}

export interface ReviewCardData {
  readonly title: string;
  readonly applicationId: string;
  /** Who gets the card refreshed automatically (Teams allows at most 60). */
  readonly userIds: readonly string[];
  readonly facts: readonly Fact[];
  readonly decided: string;
  readonly notice: string;
  readonly pending: boolean;
  readonly reasonLabel: string;
  readonly approveLabel: string;
  readonly rejectLabel: string;
}

export interface MpaCardData {
  readonly title: string;
  readonly version: string;
  readonly versionId: string;
  readonly summary: string;
  readonly acceptLabel: string;
  readonly signLabel: string;
  /** M1: the agreement text the signer is asked to have read */
  readonly textUrl: string;
  readonly textLabel: string;
}

export interface UserFormCardData {
  readonly mode: 'add' | 'roles';
  readonly title: string;
  readonly nameLabel: string;
  readonly emailLabel: string;
  readonly userLabel: string;
  readonly rolesLabel: string;
  readonly submitLabel: string;
  readonly users: readonly Choice[];
  readonly roles: readonly Choice[];
}

export const enrollmentCardNames = ['enroll-form', 'enroll-review', 'info', 'review', 'mpa', 'user-form'] as const;

export interface EnrollmentCardData {
  readonly 'enroll-form': EnrollFormCardData;
  readonly 'enroll-review': EnrollReviewCardData;
  readonly info: InfoCardData;
  readonly review: ReviewCardData;
  readonly mpa: MpaCardData;
  readonly 'user-form': UserFormCardData;
}
