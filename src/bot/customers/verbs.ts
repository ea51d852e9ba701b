/**
 * The customer cards' Action.Execute verbs (issue 6). Spread into the one verb table
 * (src/bot/verbs.ts), so templates bind `${verb}` from data and handlers are keyed by the same values.
 */
export const customerVerbs = {
  /** C2/C3: create the invitation (optionally with a provider) → the editable draft. */
  customerInviteCreate: 'customer.invite.create',
  /** C2: save the edited draft (refused when the link was dropped). */
  customerInviteSave: 'customer.invite.save',
  /** pending invitations: next page, revoke one */
  invitationsPage: 'customer.invitations.page',
  invitationRevoke: 'customer.invitation.revoke',
  /** S1: the add-customer wizard: details → offers → review → submit, or cancel all. `customerAddStart`
   * ({ v: 1, resellerId? }) opens it with that reseller preselected, e.g. from a row of the resellers list. */
  customerAddStart: 'customer.add.start',
  customerAddNext: 'customer.add.next',
  customerAddReview: 'customer.add.review',
  customerAddSubmit: 'customer.add.submit',
  customerAddCancel: 'customer.add.cancel',
  /** S1 in connected mode: the billing contact Partner Center needs (between details and offers) */
  customerAddBilling: 'customer.add.billing',
  /** S4: the Customers list (filter by reseller, paged) and one customer's card. */
  customersPage: 'customer.list.page',
  customerOpen: 'customer.open',
  /** S4, M2, S5: add a subscription; partner of record; designated support contact. */
  subscriptionAdd: 'customer.subscription.add',
  subscriptionPartnerOfRecord: 'customer.subscription.por',
  subscriptionSupportContact: 'customer.subscription.support',
  /** C6: the removal card (attestation, both warnings) and the removal. */
  customerRemoveAsk: 'customer.remove.ask',
  customerRemove: 'customer.remove',
} as const;
