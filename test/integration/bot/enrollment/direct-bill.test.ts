import assert from 'node:assert/strict';
import { createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { createFieldCipher } from '../../../../src/data/field-cipher.js';
import type { Chat, Harness } from '../../../support/harness.js';
import { cardOf, cardText, inputIds } from '../../../support/cards.js';
import { anything, card, not, play, press, says, type CardShape, type Row } from '../../../support/conversation.js';
import { forEachDatabase } from '../../../support/db.js';
import { registeredMpnId } from '../../../support/fixtures.js';
import { startSmtp, tokenFrom } from '../../../support/smtp.js';
import {
  ADMIN2_AAD,
  ADMIN_AAD,
  deliveredTo,
  sayAndRead,
  startEnroll,
  startEnrollmentHarness,
  validForm,
  verifyByPage,
} from './support.js';

/** The bank account number of these tests: it may be stored, but never shown or logged beyond its last 4 digits. */
const ACCOUNT = 'DE89 3704 0044 0532 0130 00';
const ACCOUNT_COMPACT = ACCOUNT.replace(/ /g, '');
const MASKED = '•••• 3000';

function hasAccountNumber(text: string): boolean {
  return text.includes(ACCOUNT_COMPACT) || text.includes('0532 0130') || text.includes('05320130');
}

/**
 * Organization.billingDetails as stored: no bank detail in clear; decrypted here with the harness's
 * DATA_ENCRYPTION_KEY as the format says (`v1:` base64url(IV 12 ‖ tag 16 ‖ ciphertext), AES-256-GCM,
 * the column's name as additional data), independently of the bot's own reader.
 */
function decryptStored(h: Harness, stored: string | null): Record<string, unknown> {
  assert.ok(stored, 'billing details stored');
  assert.match(stored, /^v1:[A-Za-z0-9_-]+$/, 'encrypted, version 1');
  assert.ok(!hasAccountNumber(stored), 'the organisation row does not hold the account number in clear');
  for (const v of ['Contoso Bank', 'Fabrikam', 'DE123456789', 'DEUTDEFF', 'billing@'])
    assert.ok(!stored.includes(v), v);
  const raw = Buffer.from(stored.slice('v1:'.length), 'base64url');
  const d = createDecipheriv('aes-256-gcm', Buffer.from(h.config.DATA_ENCRYPTION_KEY!, 'base64'), raw.subarray(0, 12));
  d.setAAD(Buffer.from('Organization.billingDetails', 'utf8'));
  d.setAuthTag(raw.subarray(12, 28));
  return JSON.parse(Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8')) as Record<string, unknown>;
}

type Locale = 'en-US' | 'ko-KR';

/** One billing field: a bad answer with its message in each language, and a good one (E1/PT3). */
interface BillingStep {
  readonly field: string;
  readonly bad: string;
  readonly message: Readonly<Record<Locale, RegExp>>;
  readonly good: string;
}

const billingSteps: readonly BillingStep[] = [
  {
    field: 'bankAccountHolder',
    bad: 'H'.repeat(201),
    message: {
      'en-US': /^Enter the account holder's name \(1 to 200 characters\)\./,
      'ko-KR': /^예금주 이름을 입력하세요\(1~200자\)\./,
    },
    good: 'Fabrikam Direct Ltd',
  },
  {
    field: 'bankName',
    bad: 'B'.repeat(201),
    message: {
      'en-US': /^Enter the bank's name \(1 to 200 characters\)\./,
      'ko-KR': /^은행 이름을 입력하세요\(1~200자\)\./,
    },
    good: 'Contoso Bank',
  },
  {
    field: 'bankAccountNumber',
    bad: 'acct#12345678',
    message: {
      'en-US': /^That is not a bank account number: use 5 to 40 letters and digits/,
      'ko-KR': /^은행 계좌 번호가 아닙니다\./,
    },
    good: ACCOUNT,
  },
  {
    field: 'bankSwiftBic',
    bad: 'XYZ',
    message: {
      'en-US': /^"XYZ" is not a SWIFT\/BIC code: 8 or 11 letters and digits/,
      'ko-KR': /^"XYZ"은\(는\) SWIFT\/BIC 코드가 아닙니다\./,
    },
    good: 'deut de ff',
  },
  {
    field: 'taxId',
    bad: '??',
    message: { 'en-US': /^"\?\?" is not a tax ID: 2 to 50 letters/, 'ko-KR': /^"\?\?"은\(는\) 세금 ID가 아닙니다\./ },
    good: 'DE123456789',
  },
  {
    field: 'billingEmail',
    bad: 'billing@',
    message: {
      'en-US': /^"billing@" is not a valid email address\./,
      'ko-KR': /^"billing@"은\(는\) 올바른 이메일 주소가 아닙니다\./,
    },
    good: 'billing@fabrikam.example',
  },
  {
    field: 'acceptsCriteria',
    bad: 'no',
    message: {
      'en-US': /^Direct-bill enrollment is only for organizations that meet the acceptance criteria\./,
      'ko-KR': /^직접 청구 등록은 수용 조건을 충족하는 조직만 할 수 있습니다\./,
    },
    good: 'yes',
  },
];

/** The next question after each billing field (so a re-ask can be told from moving on). */
const asks: Readonly<Record<Locale, readonly RegExp[]>> = {
  'en-US': [
    /Whose name is the bank account in/,
    /Which bank holds the account/,
    /What is the bank account number/,
    /SWIFT\/BIC code/,
    /tax ID/,
    /invoices and billing notices/,
    /acceptance criteria/,
  ],
  'ko-KR': [
    /예금주 이름은 무엇입니까/,
    /계좌가 있는 은행은 어디입니까/,
    /은행 계좌 번호\(IBAN 또는 국내 계좌 번호\)는 무엇입니까/,
    /SWIFT\/BIC 코드\(8자 또는 11자\)/,
    /세금 ID\(/,
    /청구서와 청구 알림을 받을 이메일/,
    /수용 조건을 충족해야 합니다/,
  ],
};

/** A card part: the whole card JSON holds no account number (only its last 4 digits). */
const noAccountNumber: CardShape = {
  check: (c) => assert.ok(!hasAccountNumber(JSON.stringify(c)), 'the card holds the account number'),
};

const directBillForm = (mpn: string) => validForm(mpn, { partnerType: 'direct_bill' });

/** The billing answers of a valid direct-bill form, as card inputs (strings). */
const goodBilling = (): Record<string, string> => ({
  bankAccountHolder: 'Fabrikam Direct Ltd',
  bankName: 'Contoso Bank',
  bankAccountNumber: ACCOUNT,
  bankSwiftBic: 'DEUTDEFF',
  taxId: 'DE123456789',
  billingEmail: 'billing@fabrikam.example',
  acceptsCriteria: 'true',
});

forEachDatabase(
  'direct-bill enrollment in the dialog (E1/PT3: billing and bank details, through the real server)',
  (db) => {
    let h: Harness;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let admin: Chat;
    let admin2: Chat;

    before(async () => {
      smtp = await startSmtp();
      // Everything logged, so the tests can show that no bank account number is.
      h = await startEnrollmentHarness(smtp.url, {
        database: db.kind,
        notifications: true,
        env: { LOG_LEVEL: 'trace' },
      });
      admin = h.user({ aadObjectId: ADMIN_AAD, name: 'Ada Admin', tenantId: randomUUID() });
      admin2 = h.user({ aadObjectId: ADMIN2_AAD, name: 'Bo Admin', tenantId: randomUUID(), locale: 'ko-KR' });
      await sayAndRead(h, admin, 'help');
      await sayAndRead(h, admin2, 'help');
    });
    after(async () => {
      await h.close();
      await smtp.close();
    });
    beforeEach(() => h.connector.reset());

    const prisma = () => h.database!.db.prisma;
    const newUser = (locale: Locale = 'en-US') => h.user({ tenantId: randomUUID(), name: 'Dana Direct', locale });

    for (const locale of ['en-US', 'ko-KR'] as const) {
      it(`E1/PT3 step by step (${locale}): direct-bill adds the bank and billing questions; each bad answer is refused with why and only it is asked again`, async () => {
        const mpn = await registeredMpnId(h.database!, 'US');
        const n = Date.now() % 100000;
        const base = [
          '3',
          mpn,
          `Direct ${n} Ltd`,
          '1 Main Street',
          'Seattle',
          '98052',
          'US',
          'Pat Primary',
          `pat${n}@direct${n}.example`,
          '+1 425 555 0100',
          `help@direct${n}.example`,
          '+1 425 555 0199',
        ];
        /** Each billing field: its bad answer is refused and asked again, its good one moves on. */
        const billingRows = billingSteps.flatMap((step, i): Row[] => [
          {
            user: step.bad,
            bot: says(
              step.message[locale],
              asks[locale][i],
              // a refused account number is not echoed
              ...(step.field === 'bankAccountNumber' ? [not('12345678')] : []),
            ),
            why: `${step.field} is asked again`,
          },
          ...(i + 1 < billingSteps.length
            ? [{ user: step.good, bot: asks[locale][i + 1], why: `after ${step.field}` }]
            : []),
        ]);
        await play(h, newUser(locale), [
          {
            user: 'enroll',
            bot: [anything, anything, locale === 'en-US' ? /3\. Direct-bill partner/ : /3\. 직접 청구 파트너/],
            why: 'the direct-bill type is offered',
          },
          ...base.map((answer) => ({ user: answer })),
          {
            user: `https://direct${n}.example/help`,
            bot: says(
              locale === 'en-US'
                ? /^Direct-bill partners buy directly from Microsoft/
                : /^직접 청구 파트너는 Microsoft에서 직접 구매하고/,
              asks[locale][0],
            ),
            why: 'the bank part is introduced',
          },
          ...billingRows,
          {
            user: 'yes',
            bot: card(
              MASKED,
              'Contoso Bank',
              'Fabrikam Direct Ltd',
              'DEUTDEFF',
              'DE123456789',
              'billing@fabrikam.example',
              noAccountNumber,
            ),
            why: 'the review card shows only the last 4 digits',
          },
          { user: locale === 'en-US' ? 'submit' : '제출', bot: new RegExp(`pat${n}@direct${n}\\.example`) },
        ]);
        const org = await prisma().organization.findUniqueOrThrow({
          where: { mpnId: mpn },
          include: { applications: true },
        });
        assert.equal(org.applications[0]?.partnerType, 'direct_bill');
        const stored = decryptStored(h, org.billingDetails);
        assert.equal(
          stored.accountNumber,
          ACCOUNT,
          'kept whole, encrypted, in the organisation row (Partner Center needs it)',
        );
        assert.equal(stored.swiftBic, 'DEUTDEFF');
        assert.equal(stored.acceptsCriteria, true);
      });

      it(`E1/PT3 in one form (${locale}): choosing direct-bill brings the billing fields; each bad value comes back with its message; the account number is never put back on a card`, async () => {
        const mpn = await registeredMpnId(h.database!, 'US');
        const chat = newUser(locale);
        const form = directBillForm(mpn);
        const fields = billingSteps.map((s) => s.field);
        const bad = Object.fromEntries(
          billingSteps.map((s) => [s.field, s.field === 'acceptsCriteria' ? 'false' : s.bad]),
        );
        await play(h, chat, [
          {
            user: 'enroll',
            bot: [
              anything,
              card({ check: (c) => assert.ok(!inputIds(c).includes('bankAccountNumber'), 'bank fields on the form') }),
              anything,
            ],
            why: 'no bank fields before the type is known',
          },
          {
            user: press('enroll.form', { v: 1, ...form }),
            bot: card(
              { inputs: fields, json: [not('"Attention"')] },
              locale === 'en-US' ? /Partner Center also needs your bank and billing details/ : /은행 및 청구 정보/,
            ),
            why: 'only the billing fields, in order; asked for the first time: nothing is marked wrong',
          },
          {
            user: press('enroll.form', { v: 1, ...bad }),
            bot: card(
              { inputsInAnyOrder: fields, json: [not('12345678')] },
              ...billingSteps.map((s) => new RegExp(s.message[locale].source.replace(/^\^/, ''))),
            ),
            why: 'every wrong field comes back; the refused account number is not put back',
          },
          {
            user: press('enroll.form', { v: 1, ...goodBilling(), taxId: '', bankSwiftBic: '' }),
            bot: card({ inputs: ['taxId'] }, noAccountNumber),
            why: 'an emptied required field is asked again; SWIFT/BIC is optional',
          },
          {
            user: press('enroll.form', { v: 1, taxId: 'DE123456789' }),
            bot: card(MASKED, not('DEUTDEFF'), noAccountNumber),
            why: 'the review; no SWIFT/BIC given',
          },
          {
            user: press('enroll.submit', { v: 1 }),
            bot: card(form.primaryEmail),
            why: 'submitted: the verification link went out',
          },
        ]);
        const org = await prisma().organization.findFirstOrThrow({ where: { tenantId: chat.user.tenantId } });
        const stored = decryptStored(h, org.billingDetails);
        assert.equal(stored.accountNumber, ACCOUNT);
        assert.equal(stored.swiftBic, undefined);
      });
    }

    it('E1/PT3: changing the type away from direct-bill drops the bank details already given', async () => {
      const mpn = await registeredMpnId(h.database!, 'US');
      await play(h, newUser(), [
        startEnroll,
        { user: press('enroll.form', { v: 1, ...directBillForm(mpn) }) },
        { user: press('enroll.form', { v: 1, ...goodBilling(), partnerType: 'indirect_provider' }) },
        { user: press('enroll.form', { v: 1 }), bot: card(not('Contoso Bank')), why: 'the review' },
        { user: press('enroll.submit', { v: 1 }) },
      ]);
      const org = await prisma().organization.findUniqueOrThrow({ where: { mpnId: mpn } });
      assert.equal(org.billingDetails, null, 'no bank details kept for an indirect provider');
    });

    /** The raw BotState row of a chat's conversation state (what the table holds, as stored). */
    async function conversationRow(chat: Chat) {
      const rows = await prisma().botState.findMany();
      const row = rows.find((r) => r.id.includes(chat.conversation.id) && r.id.includes('/conversations/'));
      assert.ok(row, 'the conversation state row');
      return row;
    }

    it('issue 13 item 5: bank details typed into an unfinished dialog are sealed in the BotState row, never in clear (nor logged); they still reach the review card', async () => {
      const mpn = await registeredMpnId(h.database!, 'US');
      const chat = newUser();
      const logsBefore = h.logs.length;
      await play(h, chat, [
        startEnroll,
        { user: press('enroll.form', { v: 1, ...directBillForm(mpn) }) },
        { user: 'Fabrikam Direct Ltd', bot: asks['en-US'][1] },
        { user: 'Contoso Bank', bot: asks['en-US'][2] },
        { user: ACCOUNT, bot: asks['en-US'][3], why: 'up to the bank account step, answered' },
      ]);
      const row = await conversationRow(chat);
      assert.match(row.data, /"enrollmentDialog"/, 'the dialog is open');
      assert.ok(!hasAccountNumber(row.data), 'the account number is not in the BotState row');
      assert.ok(!row.data.includes('3000'), 'not even its last digits');
      for (const v of ['Fabrikam Direct Ltd', 'Contoso Bank']) assert.ok(!row.data.includes(v), `${v} is sealed`);
      assert.match(row.data, /"bankAccountNumber":"v1:[A-Za-z0-9_-]+"/, 'sealed with the data key');
      assert.match(row.data, /"expiresAt":\d+/, 'the dialog state carries its expiry');
      assert.ok(!hasAccountNumber(JSON.stringify(h.logs.slice(logsBefore))), 'nor logged');
      // the rest of the form, then the review: the sealed answers open again
      await play(h, chat, [
        {
          user: press('enroll.form', { v: 1, ...goodBilling() }),
          bot: card(MASKED, 'Contoso Bank', 'Fabrikam Direct Ltd', noAccountNumber),
          why: 'the review card reads the sealed answers',
        },
      ]);
      const confirm = await conversationRow(chat);
      assert.ok(!hasAccountNumber(confirm.data) && !confirm.data.includes('Contoso Bank'), 'sealed at the review too');
    });

    it('issue 13 item 5: an abandoned dialog expires: a state past its expiry is dropped on read (with the bank details)', async () => {
      const mpn = await registeredMpnId(h.database!, 'US');
      const chat = newUser();
      await play(h, chat, [
        startEnroll,
        { user: press('enroll.form', { v: 1, ...directBillForm(mpn) }) },
        { user: 'Fabrikam Direct Ltd', bot: asks['en-US'][1] },
      ]);
      const row = await conversationRow(chat);
      // 24 h later: the stored expiry has passed
      await prisma().botState.update({
        where: { id: row.id },
        data: { data: row.data.replace(/"expiresAt":\d+/, `"expiresAt":${Date.now() - 1000}`) },
      });
      await play(h, chat, [
        { user: 'Contoso Bank', bot: /help/, why: 'no dialog runs any more: not taken as an answer' },
      ]);
      const after = await conversationRow(chat);
      assert.doesNotMatch(after.data, /enrollmentDialog/, 'the expired dialog state is gone from the row');
    });

    /** Enrolls as direct-bill through the form and verifies the contact; returns what the administrators were sent. */
    async function applyDirectBill() {
      const mpn = await registeredMpnId(h.database!, 'US');
      const chat = newUser();
      const form = directBillForm(mpn);
      await play(h, chat, [
        startEnroll,
        { user: press('enroll.form', { v: 1, ...form }) },
        { user: press('enroll.form', { v: 1, ...goodBilling() }) },
        { user: press('enroll.submit', { v: 1 }) },
      ]);
      const token = tokenFrom(await smtp.waitFor((m) => m.to.includes(form.primaryEmail) && /Verify/.test(m.subject)));
      assert.equal((await verifyByPage(h, token)).status, 200);
      await h.connector.waitFor(3); // the applicant's notice and one card per administrator
      const app = await prisma().enrollmentApplication.findFirstOrThrow({ where: { org: { mpnId: mpn } } });
      return { chat, mpn, form, applicationId: app.id };
    }

    it("E5/PT3: each administrator's one review card shows the direct-bill details, the account number masked; the full number is in no card, outbox row, audit row or log line", async () => {
      const a = await applyDirectBill();
      for (const [who, locale] of [
        [admin, 'en-US'],
        [admin2, 'ko-KR'],
      ] as const) {
        const got = deliveredTo(h, who);
        assert.equal(got.length, 1, 'one message per administrator');
        const text = cardText(got[0].card);
        for (const v of [
          a.form.legalName,
          'Fabrikam Direct Ltd',
          'Contoso Bank',
          MASKED,
          'DEUTDEFF',
          'DE123456789',
          'billing@fabrikam.example',
          a.form.primaryEmail,
        ]) {
          assert.ok(text.includes(v), `${locale}: ${v}`);
        }
        assert.match(text, locale === 'en-US' ? /Direct-bill partner/ : /직접 청구 파트너/);
        assert.match(text, locale === 'en-US' ? /Met \(confirmed by the applicant\)/ : /충족\(신청자가 확인함\)/);
      }
      const refreshed = cardText(
        cardOf(await admin.invoke('review.refresh', { v: 1, applicationId: a.applicationId })),
      );
      assert.ok(
        refreshed.includes(MASKED) && refreshed.includes('Contoso Bank'),
        'the refreshed card (read from the database) shows them too',
      );

      const everything = [
        JSON.stringify(h.connector.activities.map((x) => x.activity)),
        refreshed,
        JSON.stringify(await prisma().outboxEvent.findMany()),
        JSON.stringify(await prisma().auditEvent.findMany()),
        JSON.stringify(await prisma().organization.findMany()),
        JSON.stringify(h.logs),
        smtp.mails.map((m) => m.raw).join('\n'),
      ];
      assert.ok(h.logs.length > 0, 'the server logged (at trace)');
      for (const [i, text] of everything.entries())
        assert.ok(!hasAccountNumber(text), `place ${i} holds the account number`);
      assert.ok(!JSON.stringify(h.logs).includes(h.config.DATA_ENCRYPTION_KEY!), 'the key is not logged');
    });

    it('E5/PT3: billing details that do not decrypt (sealed under another key) leave the review card without them and log a warning; a row from before encryption (plain JSON) still shows masked', async () => {
      const a = await applyDirectBill();
      const org = await prisma().organization.findUniqueOrThrow({ where: { mpnId: a.mpn } });
      const details = decryptStored(h, org.billingDetails);
      const otherKey = createFieldCipher(randomBytes(32));
      await prisma().organization.update({
        where: { id: org.id },
        data: { billingDetails: otherKey.seal(JSON.stringify(details), 'Organization.billingDetails') },
      });
      const warnings = h.logs.length;
      const r = await admin.invoke('review.refresh', { v: 1, applicationId: a.applicationId });
      assert.equal(r.status, 200);
      const unreadable = cardText(cardOf(r));
      assert.ok(unreadable.includes(a.form.legalName), 'the card still shows the application');
      assert.ok(!unreadable.includes(MASKED) && !unreadable.includes('Contoso Bank'), 'but no billing details');
      const warned = h.logs.slice(warnings).find((l) => /billing details unreadable/.test(String(l.msg)));
      assert.ok(warned, 'a warning');
      assert.equal(warned.orgId, org.id);

      await prisma().organization.update({ where: { id: org.id }, data: { billingDetails: JSON.stringify(details) } });
      const legacy = cardText(cardOf(await admin.invoke('review.refresh', { v: 1, applicationId: a.applicationId })));
      assert.ok(legacy.includes(MASKED) && legacy.includes('Contoso Bank'), legacy);
      assert.ok(!hasAccountNumber(legacy));
    });

    it("E8/PT3/M1: status of a direct-bill partner: its own checklist (not the reseller's E8), the MPA next, then ready; the reseller type is optional", async () => {
      const a = await applyDirectBill();
      await play(h, a.chat, [
        {
          user: 'status',
          bot: says(
            /Before you can transact as a direct-bill partner/,
            /To do: Enrolled as a direct-bill partner/,
            /Wait for a program administrator/,
            not(/indirect reseller/i),
          ),
          why: "E8 (the reseller checklist) is not this partner's",
        },
        { by: admin, user: press('review.approve', { v: 1, applicationId: a.applicationId }), sends: [anything] },
        {
          user: 'status',
          bot: says(
            /Partner types\n?.*Direct-bill partner/,
            /Done: Onboarded/,
            /Done: Enrolled as a direct-bill partner/,
            /To do: Microsoft Partner Agreement signed/,
            /sign agreement/,
            /Optional: type \*\*enroll\*\* to add the indirect reseller type/,
            not(/To do: Enrolled as an indirect reseller/),
            not(/ready to transact/),
          ),
        },
        { user: press('mpa.sign', { v: 1, version: '2020-02', accept: 'true' }) },
        {
          user: 'status',
          bot: says(
            /Done: Microsoft Partner Agreement signed/,
            /Nothing left: your organization is ready to transact as a direct-bill partner\./,
          ),
        },
        {
          user: 'enroll',
          bot: [anything, card({ inputs: ['supportEmail', 'supportPhone', 'supportWebsite'] }), anything],
          why: 'E6: the direct-bill partner may still add the reseller type; then both checklists show',
        },
      ]);
    });

    it('E8/PT3 (ko-KR): the direct-bill checklist in Korean', async () => {
      const mpn = await registeredMpnId(h.database!, 'KR');
      await play(h, newUser('ko-KR'), [
        startEnroll,
        { user: press('enroll.form', { v: 1, ...validForm(mpn, { partnerType: 'direct_bill', country: 'KR' }) }) },
        { user: press('enroll.form', { v: 1, ...goodBilling() }) },
        { user: press('enroll.submit', { v: 1 }) },
        {
          user: '상태',
          bot: says(
            /직접 청구 파트너로 거래하기 전에 필요한 항목/,
            /남은 항목: 직접 청구 파트너로 등록됨/,
            not(/간접 재판매인으로 등록됨/),
          ),
        },
      ]);
    });
  },
);
