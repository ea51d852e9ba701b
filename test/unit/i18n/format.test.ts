import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { timeZoneOf } from '../../../src/bot/turn.js';
import {
  countryName,
  dateTimeFormat,
  formatDate,
  formatDateTime,
  parseTimeZone,
  partnerTypeLabel,
  plural,
  regionLabel,
  roleLabel,
  roleLabels,
} from '../../../src/i18n/format/index.js';

/** 23:30 UTC on 1 March is 08:30 on 2 March in Seoul (UTC+9, no daylight saving). */
const lateEvening = new Date('2026-03-01T23:30:00Z');
const customers = { one: '{count} customer', other: '{count} customers' } as const;

describe('i18n/format: dates in the reader language and time zone', () => {
  it('formats a date in en-US and ko-KR (UTC when the zone is unknown)', () => {
    assert.equal(formatDate(lateEvening, 'en-US'), 'March 1, 2026');
    assert.equal(formatDate(lateEvening, 'ko-KR'), '2026년 3월 1일');
    assert.equal(formatDate(lateEvening, { locale: 'en-US' }, 'medium'), 'Mar 1, 2026');
  });
  it('formats in the reader time zone: 2026-03-01T23:30Z is 2 March in Asia/Seoul', () => {
    assert.equal(formatDate(lateEvening, { locale: 'en-US', timeZone: 'Asia/Seoul' }), 'March 2, 2026');
    assert.equal(formatDate(lateEvening, { locale: 'ko-KR', timeZone: 'Asia/Seoul' }), '2026년 3월 2일');
    assert.equal(formatDateTime(lateEvening, { locale: 'en-US', timeZone: 'Asia/Seoul' }), 'Mar 2, 2026, 8:30 AM');
  });
  it('names UTC in a date-time when the reader zone is unknown, and only then', () => {
    assert.equal(formatDateTime(lateEvening, 'en-US'), 'Mar 1, 2026, 11:30 PM UTC');
    assert.match(formatDateTime(lateEvening, { locale: 'ko-KR', timeZone: undefined }), /^2026\. 3\. 1\. .*11:30 UTC$/);
    assert.doesNotMatch(formatDateTime(lateEvening, { locale: 'ko-KR', timeZone: 'Asia/Seoul' }), /UTC/);
  });
});

describe('i18n/format: formatter cache', () => {
  it('builds one Intl.DateTimeFormat per locale, zone and style, and reuses it', () => {
    const f = dateTimeFormat('en-US', 'Asia/Seoul', 'long', false);
    assert.equal(dateTimeFormat('en-US', 'Asia/Seoul', 'long', false), f);
    assert.notEqual(dateTimeFormat('ko-KR', 'Asia/Seoul', 'long', false), f);
    assert.notEqual(dateTimeFormat('en-US', 'UTC', 'long', false), f);
    assert.notEqual(dateTimeFormat('en-US', 'Asia/Seoul', 'medium', true), f);
  });
  it('refuses a zone Intl does not know instead of caching it', () => {
    assert.throws(() => dateTimeFormat('en-US', 'Mars/Olympus', 'long', false), RangeError);
  });
});

describe('i18n/format: the reader time zone from Teams clientInfo', () => {
  const activity = (timezone: unknown): Partial<Activity> => ({
    entities: [{ type: 'clientInfo', locale: 'ko-KR', country: 'KR', platform: 'Web', timezone }],
  });
  it('takes a valid IANA zone, in its canonical spelling', () => {
    assert.equal(timeZoneOf(activity('Asia/Seoul')), 'Asia/Seoul');
    assert.equal(timeZoneOf(activity('america/new_york')), 'America/New_York');
    // three-part names are zones too (ICU may answer with its own alias of the same zone)
    assert.match(parseTimeZone('America/Argentina/Buenos_Aires') ?? '', /^America\/(Argentina\/)?Buenos_Aires$/);
  });
  it('gives undefined (UTC) for a missing, malformed or unknown zone', () => {
    assert.equal(timeZoneOf({}), undefined);
    assert.equal(timeZoneOf(activity(undefined)), undefined);
    for (const bad of ['Mars/Olympus', '+09:00', 'Asia/Seoul; drop', '', 9, null])
      assert.equal(parseTimeZone(bad), undefined, String(bad));
  });
});

describe('i18n/format: plurals through Intl.PluralRules', () => {
  it('1 customer / 2 customers in en-US, grouped numbers', () => {
    assert.equal(plural('en-US', 1, customers), '1 customer');
    assert.equal(plural('en-US', 2, customers), '2 customers');
    assert.equal(plural('en-US', 0, customers), '0 customers');
    assert.equal(plural('en-US', 1234, customers), '1,234 customers');
  });
  it('ko-KR has one form (other) whatever the count', () => {
    const ko = { one: '(wrong form)', other: '고객 {count}명' };
    assert.equal(plural('ko-KR', 1, ko), '고객 1명');
    assert.equal(plural('ko-KR', 2, ko), '고객 2명');
  });
});

describe('i18n/format: labels of regions, roles, partner types, countries', () => {
  it('region labels in both languages; unknown ids as they are, none as a dash', () => {
    assert.equal(regionLabel('en-US', 'asia_pacific'), 'Asia and Pacific');
    assert.equal(regionLabel('ko-KR', 'korea'), '대한민국');
    assert.equal(regionLabel('en-US', 'atlantis'), 'atlantis');
    assert.equal(regionLabel('en-US', null), '—');
  });
  it('role labels, one and several', () => {
    assert.equal(roleLabel('en-US', 'global_admin'), 'global admin');
    assert.equal(roleLabel('ko-KR', 'global_admin'), '전역 관리자');
    assert.equal(roleLabels('ko-KR', ['admin_agent', 'sales_agent']), '관리 에이전트, 판매 에이전트');
    assert.equal(roleLabel('en-US', 'janitor'), 'janitor');
  });
  it('partner types and country names', () => {
    assert.equal(partnerTypeLabel('en-US', 'indirect_reseller'), 'Indirect reseller');
    assert.equal(partnerTypeLabel('ko-KR', 'indirect_provider'), '간접 공급자');
    assert.equal(countryName('kr', 'en-US'), 'South Korea');
    assert.equal(countryName('KR', 'ko-KR'), '대한민국');
  });
});
