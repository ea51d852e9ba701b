/** Issue 18: GDAP relationships (docs/gdap.md): the commands, cards, the customer's approval page. */
export const gdap = {
  'gdap.state.created': 'waiting for the reseller',
  'gdap.state.approvalPending': 'approval pending',
  'gdap.state.activating': 'activating',
  'gdap.state.active': 'active',
  'gdap.state.expiring': 'expiring',
  'gdap.state.expired': 'expired',
  'gdap.state.terminationRequested': 'termination requested',
  'gdap.state.terminating': 'terminating',
  'gdap.state.terminated': 'terminated',
  'label.entity.gdap': 'GDAP relationship',
  'label.entity.gdapAssignment': 'access assignment',
  'gdap.role.unknown': 'Entra role',
} as const;
