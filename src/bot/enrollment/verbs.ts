/** The enrollment cards' Action.Execute verbs (issue 4), spread into the verb table (src/bot/verbs.ts). */
export const enrollmentVerbs = {
  /** Enrollment form (E1): the inputs are the card's data. */
  enrollForm: 'enroll.form',
  /** Submit the reviewed enrollment. */
  enrollSubmit: 'enroll.submit',
  /** Back from the review card to the form, every answer kept. */
  enrollEdit: 'enroll.edit',
  /** Leave the enrollment dialog. */
  enrollCancel: 'enroll.cancel',
  /** E5 review card: approve, reject (reason input), and the refresh that shows the current decision. */
  reviewApprove: 'review.approve',
  reviewReject: 'review.reject',
  reviewRefresh: 'review.refresh',
} as const;
