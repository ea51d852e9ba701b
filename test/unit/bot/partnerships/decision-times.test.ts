import assert from 'node:assert/strict';
import { approvalCard, endDecisionCard } from '../../../../src/bot/partnerships/cards.js';
import type { PartnershipView } from '../../../../src/domain/partnerships/partnership-views.js';
import { cardText } from '../../../support/cards.js';

/** Issue 14 item 5: an approval card says when it was decided in the reader's time zone, Korean with 오전/오후. */
const decidedAt = new Date('2026-03-02T06:30:00.000Z'); // 15:30 in Seoul, 06:30 UTC

const view = {
  partnershipId: 'p1',
  state: 'active',
  origin: 'directory_request',
  providerId: 'o1',
  providerName: 'Contoso Distribution Co.',
  resellerId: 'o2',
  resellerName: 'Fabrikam Inc.',
  resellerMpnId: '1234567',
  region: 'korea',
  requestedAt: new Date('2026-03-01T00:00:00.000Z'),
  requestedByName: 'Kim Min-jun',
  authorizedByName: 'Park Ji-woo',
  authorizedAt: decidedAt,
  declinedByName: null,
  declineReason: null,
  decidedAt,
  endRequestedByName: 'Kim Min-jun',
  endReason: 'moving on',
  endDecision: 'approved',
  endDecidedByName: 'Alex Wilber',
  endDecidedAt: decidedAt,
  decidedByYou: false,
} as unknown as PartnershipView;

describe('partnership decision cards: times in the reader’s zone', () => {
  it('P10: the provider’s approval card reads the decision time in the reader’s zone (Korean 오후)', () => {
    const seoul = cardText(approvalCard({ locale: 'ko-KR', timeZone: 'Asia/Seoul' }, view, []));
    assert.match(seoul, /오후 3:30/);
    assert.doesNotMatch(seoul, /UTC/);
    const utc = cardText(approvalCard('en-US', view, []));
    assert.match(utc, /6:30\sAM UTC/);
  });

  it('P7: the end-decision card reads the decision time in the reader’s zone', () => {
    const ny = cardText(
      endDecisionCard({ locale: 'en-US', timeZone: 'America/New_York' }, { ...view, state: 'ended' }, []),
    );
    assert.match(ny, /1:30\sAM/);
    assert.doesNotMatch(ny, /UTC/);
  });
});
