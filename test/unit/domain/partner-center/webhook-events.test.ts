/** W3 (docs/partner-center.md): what makes two deliveries the same event, and which customer an event names. */
import assert from 'node:assert/strict';
import { customerIdOf, eventDedupeKey } from '../../../../src/domain/partner-center/webhook-events.js';

const event = {
  EventName: 'reseller-relationship-accepted-by-customer',
  ResourceUri: 'https://api.partnercenter.microsoft.com/v1/customers/4f2a3b5c-0000-4000-8000-000000000001',
  ResourceName: 'Customer',
  ResourceChangeUtcDate: '2026-12-01T10:00:00.1234567Z',
};

describe('Partner Center webhook events (issue 17 item 4)', () => {
  it('W3: the same name, resource and change time is the same event, whatever else the delivery says', () => {
    assert.equal(eventDedupeKey(event), eventDedupeKey({ ...event, ResourceName: 'Something else' }));
    assert.match(eventDedupeKey(event), /^[0-9a-f]{64}$/);
  });

  it('W3: another change time, resource or event name is another event', () => {
    const key = eventDedupeKey(event);
    assert.notEqual(key, eventDedupeKey({ ...event, ResourceChangeUtcDate: '2026-12-01T10:00:01Z' }));
    assert.notEqual(key, eventDedupeKey({ ...event, ResourceUri: `${event.ResourceUri}0` }));
    assert.notEqual(key, eventDedupeKey({ ...event, EventName: 'subscription-updated' }));
    // the separator keeps fields from running into each other
    assert.notEqual(
      eventDedupeKey({ ...event, EventName: 'a', ResourceUri: 'b\nc' }),
      eventDedupeKey({ ...event, EventName: 'a\nb', ResourceUri: 'c' }),
    );
  });

  it('W4: the customer is the id after /customers/ in the resource URI, absolute or relative', () => {
    assert.equal(customerIdOf(event.ResourceUri), '4f2a3b5c-0000-4000-8000-000000000001');
    assert.equal(customerIdOf('/v1/customers/abc/subscriptions/s1'), 'abc');
    assert.equal(customerIdOf('https://api.partnercenter.microsoft.com/v1/invoices/D1'), undefined);
  });
});
