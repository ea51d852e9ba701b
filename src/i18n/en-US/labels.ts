/**
 * Names people read for stored identifiers that have no catalogue of their own: partnership states,
 * the things an error says it could not find, subscription changes (src/i18n/format/labels.ts).
 */
export const labels = {
  'label.state.requested': 'requested',
  'label.state.active': 'active',
  'label.state.declined': 'declined',
  'label.state.end_requested': 'end requested',
  'label.state.ended': 'ended',
  'label.state.approved': 'approved',
  'label.entity.application': 'application',
  'label.entity.channel': 'channel',
  'label.entity.contact': 'contact',
  'label.entity.customer': 'customer',
  'label.entity.invitation': 'invitation',
  'label.entity.notification': 'notification',
  'label.entity.organization': 'organization',
  'label.entity.partnership': 'partnership',
  'label.entity.subscription': 'subscription',
  'label.entity.user': 'user',
  'label.entity.item': 'item',
  'label.change.added': 'added',
  'label.change.partner_of_record_set': 'partner of record changed',
  'label.change.support_contact_set': 'designated support contact changed',
  'label.subscription.unnamed': 'an offer',
  'label.someone': 'someone',
} as const;
