import assert from 'node:assert/strict';
import { checkEnrollField, enrollInputFrom, fieldsOfError } from '../../../../src/domain/enrollment/enroll-fields.js';
import { checkAnswer, display, nextMissing, question } from '../../../../src/bot/enrollment/fields.js';
import { maskAccountNumber } from '../../../../src/domain/enrollment/enrollment-rules.js';
import { esc, localeFromAcceptLanguage } from '../../../../src/web/html.js';
import { renderMail } from '../../../../src/mail/render-mail.js';
import { isAppError } from '../../../../src/domain/shared/errors.js';

describe('enrollment fields (E1-E3, one answer at a time)', () => {
  const cases: [Parameters<typeof checkEnrollField>[0], string, boolean][] = [
    ['mpnId', '1234567', true],
    ['mpnId', '12ab', false],
    ['mpnId', '12345', false],
    ['country', 'kr', true],
    ['country', 'ZZ', false],
    ['primaryEmail', 'a@contoso.example', true],
    ['primaryEmail', 'a@', false],
    ['primaryPhone', '+82 2 555 0100', true],
    ['primaryPhone', 'call me', false],
    ['supportWebsite', 'https://contoso.example', true],
    ['supportWebsite', 'ftp://contoso.example', false],
    ['partnerType', 'indirect_reseller', true],
    ['partnerType', 'direct_bill', true],
    ['partnerType', 'distributor', false],
    ['bankAccountNumber', 'DE89 3704 0044 0532 0130 00', true],
    ['bankAccountNumber', '12-34', false],
    ['bankAccountNumber', 'acct#1234567', false],
    ['bankSwiftBic', 'deut de ff', true],
    ['bankSwiftBic', 'DEUTDEFF500', true],
    ['bankSwiftBic', 'XYZ', false],
    ['bankSwiftBic', '1234DEFF', false],
    ['taxId', '123-45-67890', true],
    ['taxId', '??', false],
    ['billingEmail', 'billing@contoso.example', true],
    ['billingEmail', 'billing@', false],
    ['acceptsCriteria', 'true', true],
    ['acceptsCriteria', 'false', false],
  ];
  for (const [id, value, ok] of cases) {
    it(`E1: ${id} ${JSON.stringify(value)} is ${ok ? 'accepted' : 'refused'}`, () => {
      assert.equal(checkEnrollField(id, value).ok, ok);
    });
  }

  it('E3: a web-mail primary contact is refused with WEBMAIL_NOT_ALLOWED naming the domain', () => {
    const r = checkEnrollField('primaryEmail', 'Boss@Outlook.kr');
    assert.deepEqual(r, { ok: false, code: 'WEBMAIL_NOT_ALLOWED', params: { domain: 'outlook.kr' } });
    const answer = checkAnswer('en-US', 'primaryEmail', 'boss@outlook.kr');
    assert.ok(!answer.ok && answer.problem.includes('outlook.kr'));
  });

  it('normalizes: country upper-cased, email lower-cased, partner type by number or name', () => {
    assert.deepEqual(checkAnswer('en-US', 'country', 'us'), { ok: true, value: 'US' });
    assert.deepEqual(checkAnswer('en-US', 'primaryEmail', 'A@Contoso.Example'), {
      ok: true,
      value: 'a@contoso.example',
    });
    assert.deepEqual(checkAnswer('en-US', 'partnerType', '2'), { ok: true, value: 'indirect_provider' });
    assert.deepEqual(checkAnswer('ko-KR', 'partnerType', '간접 재판매인'), { ok: true, value: 'indirect_reseller' });
  });

  it('asks the first required field without an answer; optional ones are never asked', () => {
    assert.equal(nextMissing('enroll', {}), 'partnerType');
    assert.equal(nextMissing('enroll', { partnerType: 'x', mpnId: '1', legalName: 'a', addressLine1: 'b' }), 'city');
    assert.equal(nextMissing('addType', {}), 'supportEmail');
    assert.match(question('ko-KR', 'mpnId'), /MPN ID/);
  });

  it('E1/PT3: a direct-bill partner type adds the billing questions after the support contact; SWIFT/BIC may be "none"', () => {
    const base = {
      partnerType: 'direct_bill',
      mpnId: '1234567',
      legalName: 'a',
      addressLine1: 'b',
      city: 'c',
      postalCode: 'd',
      country: 'US',
      primaryName: 'e',
      primaryEmail: 'e@contoso.example',
      primaryPhone: '+1 425 555 0100',
      supportEmail: 's@contoso.example',
      supportPhone: '+1 425 555 0199',
      supportWebsite: 'https://contoso.example',
    };
    assert.equal(nextMissing('enroll', base), 'bankAccountHolder');
    assert.equal(nextMissing('enroll', { ...base, partnerType: 'indirect_reseller' }), undefined);
    const billing = { bankAccountHolder: 'Contoso', bankName: 'Bank', bankAccountNumber: 'DE89370400440532013000' };
    assert.equal(nextMissing('enroll', { ...base, ...billing }), 'bankSwiftBic');
    assert.deepEqual(checkAnswer('en-US', 'bankSwiftBic', 'none'), { ok: true, value: '' });
    assert.deepEqual(checkAnswer('ko-KR', 'bankSwiftBic', '없음'), { ok: true, value: '' });
    assert.equal(nextMissing('enroll', { ...base, ...billing, bankSwiftBic: '' }), 'taxId');
    const input = enrollInputFrom({
      ...base,
      ...billing,
      bankSwiftBic: '',
      taxId: 'US-12',
      billingEmail: 'b@contoso.example',
      acceptsCriteria: 'true',
    });
    assert.deepEqual(input.billing, {
      accountHolder: 'Contoso',
      bankName: 'Bank',
      accountNumber: 'DE89370400440532013000',
      taxId: 'US-12',
      billingEmail: 'b@contoso.example',
      acceptsCriteria: true,
    });
    assert.equal(
      enrollInputFrom({ ...base, partnerType: 'indirect_provider', ...billing }).billing,
      undefined,
      'bank details only for direct-bill',
    );
  });

  it('E1/PT3: the criteria question takes yes/no in both languages; "no" is refused with why', () => {
    assert.deepEqual(checkAnswer('en-US', 'acceptsCriteria', 'Yes'), { ok: true, value: 'true' });
    assert.deepEqual(checkAnswer('ko-KR', 'acceptsCriteria', '예'), { ok: true, value: 'true' });
    const no = checkAnswer('en-US', 'acceptsCriteria', 'no');
    assert.ok(!no.ok && /only for organizations that meet the acceptance criteria/.test(no.problem));
    const ko = checkAnswer('ko-KR', 'acceptsCriteria', '아니요');
    assert.ok(!ko.ok && /수용 조건/.test(ko.problem));
  });

  it('E1/PT3: a bank account number is shown only masked to its last 4 digits, and never echoed when refused', () => {
    assert.equal(maskAccountNumber('DE89 3704 0044 0532 0130 00'), '•••• 3000');
    assert.equal(maskAccountNumber('110-123-456789'), '•••• 6789');
    assert.equal(display('en-US', 'bankAccountNumber', '110-123-456789'), '•••• 6789');
    const bad = checkAnswer('en-US', 'bankAccountNumber', 'acct#98765');
    assert.ok(!bad.ok && !bad.problem.includes('98765'), 'not echoed');
  });

  it('the use case input is built only from complete answers (VALIDATION otherwise)', () => {
    assert.throws(
      () => enrollInputFrom({ mpnId: '1234567' }),
      (e: unknown) => isAppError(e) && e.code === 'VALIDATION',
    );
  });

  it('maps enroll refusals to the answers that must be given again', () => {
    assert.deepEqual(fieldsOfError('MPN_COUNTRY_MISMATCH'), ['mpnId', 'country']);
    assert.deepEqual(fieldsOfError('WEBMAIL_NOT_ALLOWED'), ['primaryEmail']);
    assert.deepEqual(fieldsOfError('ALREADY_ENROLLED'), []);
  });
});

describe('verification page helpers', () => {
  it('picks the locale from Accept-Language by quality', () => {
    assert.equal(localeFromAcceptLanguage('ko-KR,ko;q=0.9,en;q=0.8', 'en-US'), 'ko-KR');
    assert.equal(localeFromAcceptLanguage('fr-FR,en;q=0.5,ko;q=0.4', 'ko-KR'), 'en-US');
    assert.equal(localeFromAcceptLanguage('fr-FR', 'ko-KR'), 'ko-KR');
    assert.equal(localeFromAcceptLanguage(undefined, 'en-US'), 'en-US');
  });
  it('escapes HTML', () => {
    assert.equal(esc(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('mail rendering', () => {
  it('E4: the verification mail carries the link, in the organisation locale', () => {
    const payload = JSON.stringify({
      applicationId: 'a1',
      orgName: '콘토소',
      contactName: '김',
      email: 'k@contoso.example',
      link: 'https://bot.example/verify/abc',
      expiresAt: '2026-03-09T09:00:00.000Z',
      locale: 'ko-KR',
    });
    const m = renderMail('enrollment.verification_requested', payload, 'k@contoso.example');
    assert.match(m.subject, /콘토소/);
    assert.match(m.text, /https:\/\/bot\.example\/verify\/abc/);
    assert.deepEqual(m.links, ['https://bot.example/verify/abc']);
  });
  it('refuses a payload that does not match its schema', () => {
    assert.throws(() => renderMail('enrollment.state_changed', '{"orgName":1}', 'x@y.example'));
  });
});

describe('mail and program-channel configuration', () => {
  it('SMTP_URL must be smtp:// or smtps://; unset means .eml files; the program channel is optional', async () => {
    const { loadConfig, ConfigError } = await import('../../../../src/config.js');
    assert.throws(
      () => loadConfig({ SMTP_URL: 'http://mail.example' }),
      (e: unknown) => e instanceof ConfigError && /SMTP_URL/.test(e.message),
    );
    const c = loadConfig({ SMTP_URL: 'smtps://user:pw@mail.example:465', MAIL_FROM: 'Bot <bot@example.com>' });
    assert.equal(c.SMTP_URL, 'smtps://user:pw@mail.example:465');
    const d = loadConfig({ SMTP_URL: '' });
    assert.equal(d.SMTP_URL, undefined);
    assert.equal(d.MAIL_DIR, './data/mail');
    assert.equal(d.PROGRAM_CHANNEL_ID, undefined);
    assert.throws(
      () => loadConfig({ PROGRAM_CHANNEL_SERVICE_URL: 'not a url' }),
      (e: unknown) => e instanceof ConfigError && /PROGRAM_CHANNEL_SERVICE_URL/.test(e.message),
    );
  });
});
