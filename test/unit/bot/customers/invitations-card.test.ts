import assert from 'node:assert/strict';
import { invitationsCard } from '../../../../src/bot/customers/invitation-cards.js';
import type { InvitationRow } from '../../../../src/domain/shared/pending-invitations.js';

const row = (over: Partial<InvitationRow>): InvitationRow => ({
  invitationId: 'inv1',
  kind: 'partnership',
  toEmail: null,
  toMpnId: null,
  toName: null,
  providerId: null,
  createdAt: new Date('2026-03-02T09:00:00Z'),
  expiresAt: new Date('2026-04-01T09:00:00Z'),
  ...over,
});

describe('invitations card: whom each invitation went to', () => {
  it('P1: an invitation by MPN ID names the enrolled reseller behind it (en-US and ko-KR)', () => {
    const page = { items: [row({ toMpnId: '1234567', toName: 'Litware Partners' })], nextCursor: null };
    assert.match(JSON.stringify(invitationsCard('en-US', page)), /Litware Partners \(MPN ID 1234567\)/);
    assert.match(JSON.stringify(invitationsCard('ko-KR', page)), /Litware Partners \(MPN ID 1234567\)/);
  });

  it('P1: an MPN ID nobody enrolled with is shown as it was typed; an email as the email', () => {
    const page = {
      items: [
        row({ invitationId: 'a', toMpnId: '7654321' }),
        row({ invitationId: 'b', kind: 'customer', toEmail: 'it@adatum.example' }),
      ],
      nextCursor: null,
    };
    const text = JSON.stringify(invitationsCard('en-US', page));
    assert.match(text, /7654321/);
    assert.doesNotMatch(text, /\(MPN ID 7654321\)/);
    assert.match(text, /it@adatum\.example/);
  });
});
