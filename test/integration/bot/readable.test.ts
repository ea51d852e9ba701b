import assert from 'node:assert/strict';
import { forEachDatabase } from '../../support/db.js';
import { userWithRoles } from '../../support/fixtures.js';
import { customerOf, listInDirectory, partner, provider, reseller, seedOffers } from '../../support/partners.js';
import { pageText, ReadableReport } from '../../support/readable.js';
import { adminChat, bind, chatOf, startPWorld, type PWorld } from './partnerships/support.js';

/**
 * Issue 14 item 5: everything the bot shows, as people reach it, is free of internal ids and rule codes
 * (test/support/readable.ts). Two partners (names ending in ".", so a sentence's period would double)
 * in a partnership with a shared customer walk every command in en-US and ko-KR; every message and card
 * the bot sends, every card an invoke answers with, and the pages of a link are checked. The catalogue,
 * errors, notices and e-mails are walked in test/unit/readable/people-readable.test.ts.
 */
const commands = [
  'help',
  'status',
  'users',
  'roles',
  'add user',
  'agreement status',
  'sign agreement',
  'providers',
  'resellers',
  'find provider',
  'requests',
  'invite reseller',
  'invite customer',
  'invitations',
  'customers',
  'add customer',
  'end partnership',
  'failed notices',
  'enroll',
  'no such command',
];
const koNames: Record<string, string> = {
  help: '도움말',
  status: '상태',
  users: '사용자',
  roles: '역할',
  'add user': '사용자 추가',
  'agreement status': '계약 상태',
  'sign agreement': '계약 서명',
  providers: '간접 공급자',
  resellers: '간접 재판매인',
  'find provider': '공급자 찾기',
  requests: '파트너 관계 요청',
  'invite reseller': '재판매인 초대',
  'invite customer': '고객 초대',
  invitations: '초대 목록',
  customers: '고객 목록',
  'add customer': '고객 추가',
  'end partnership': '파트너 관계 종료',
  'failed notices': '실패한 알림',
  enroll: '등록',
  'no such command': '없는 명령',
};

describe('people-readable: what the bot shows through its commands (issue 14 item 5)', function () {
  this.timeout(120_000);
  forEachDatabase('readable', (db) => {
    let p: PWorld;
    beforeEach(async () => {
      p = await startPWorld(db.kind);
    });
    afterEach(async () => {
      await p.close();
    });

    it('U3/P4/M2/C3: every command of a provider, a reseller and a sales agent, in en-US and ko-KR, shows no ids, rule codes or "Ltd.."', async () => {
      const prov = await provider(p.w, { legalName: 'Contoso Distribution Co.' });
      const res = await reseller(p.w, { legalName: 'Fabrikam Resellers Ltd.' });
      await partner(p.w, prov, res);
      await listInDirectory(p.w, prov);
      await seedOffers(p.w);
      await customerOf(p.w, res, prov.orgId);
      const agent = await userWithRoles(p.w, res, ['sales_agent']);
      await bind(p, agent);
      const orgIds = (await p.w.store.read.organization.findMany({ select: { id: true } })).map((o) => o.id);
      const ids = [...orgIds, 'm365-e3', 'm365-business-basic', 'retired-offer'];

      const report = new ReadableReport();
      for (const locale of ['en-US', 'ko-KR'] as const) {
        for (const [who, chat] of [
          ['provider admin', adminChat(p, prov, locale)],
          ['reseller admin', adminChat(p, res, locale)],
          ['sales agent', chatOf(p, agent, locale)],
        ] as const) {
          for (const command of commands) {
            const text = locale === 'ko-KR' ? (koNames[command] ?? command) : command;
            const before = p.h.connector.activities.length;
            await chat.say(text);
            await chat.say(locale === 'ko-KR' ? '취소' : 'cancel');
            for (const a of p.h.connector.activities.slice(before)) {
              const where = `${locale} ${who} "${text}"`;
              const options = { english: locale === 'en-US', ids };
              if (a.card) report.checkCard(where, a.card, options);
              else if (a.text) report.check(where, a.text, options);
            }
          }
        }
      }
      assert.ok(p.h.connector.activities.length > commands.length * 6, 'the commands were answered');
      assert.deepEqual(report.problems, []);
    });

    it('pages reached from links (verification, invitation, home) show no ids either, in both languages', async () => {
      const report = new ReadableReport();
      for (const [lang, english] of [
        ['en-US', true],
        ['ko-KR', false],
      ] as const) {
        for (const path of ['/', '/privacy', '/terms', `/verify/${'x'.repeat(43)}`, `/invite/${'y'.repeat(43)}`]) {
          const res = await fetch(`${p.h.url}${path}`, { headers: { 'accept-language': lang } });
          const html = await res.text();
          report.check(`${lang} ${path}`, pageText(html), { english });
          if (lang === 'ko-KR' && html.includes('<html lang="ko">')) {
            assert.match(html, /word-break: keep-all/, `${path} keeps Korean words whole`);
          }
        }
      }
      assert.deepEqual(report.problems, []);
    });
  });
});
