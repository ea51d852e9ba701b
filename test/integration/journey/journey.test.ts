/**
 * The journey (issue 14 item 8): from an EMPTY database to every rule of DOMAIN.md, through the product's
 * own commands, card buttons (Action.Execute invokes), web pages (the verification page, the customer
 * invitation page with its OpenID sign-in) and documented scripts (`npm run mpn:import`, `npm run offers:import`) only. Nothing is
 * written into the database by the test; it reads the database only to check end states.
 *
 * The same journey runs in en-US and in ko-KR (every person's Teams locale, and the browser's
 * Accept-Language), on SQLite and, with TEST_DATABASE_URL, on PostgreSQL. Each `it` names the rules it
 * reaches; the last one checks that the reached rules, with the explicit `notYetReachable` list, are
 * exactly the rules of DOMAIN.md, so a rule without a path through the product fails the test.
 *
 * People: Ada, a program administrator (PROGRAM_ADMINS); Pia, the admin of the indirect provider
 * Northwind; Rae, the admin of the indirect reseller Fabrikam (and Sam, the sales agent she adds); Bo, the
 * admin of a second provider, Litware (and Lee, its business-profile admin); Dee, the admin of the direct-bill partner Contoso Direct (which adds
 * the reseller type); Jun, the admin of Tailspin, a reseller in Japan; the Global Administrators of the
 * customers Adatum and Woodgrove, who answer on the invitation page.
 */
import assert from 'node:assert/strict';
import { t, type Locale } from '../../../src/i18n/index.js';
import { actionsOf, cardJson, cardText, inputIds, inputValue, textOf } from '../../support/cards.js';
import { forEachDatabase } from '../../support/db.js';
import { domainRules } from './rules.js';
import { action, answerText, JourneyWorld, msg, PROGRAM_ADMIN_AAD, unhtml, type Person } from './world.js';

/**
 * Rules no command, card or page reaches yet on this branch, each with what is missing. The final
 * assertion is reached ∪ notYetReachable = DOMAIN.md, and nothing in here may be reached (so the list
 * shrinks as the missing pieces land: move a rule out when its step is written).
 */
const notYetReachable: Readonly<Record<string, string>> = {
  // empty: every rule of DOMAIN.md has a step (P3, P9, P10, U4 and S1–S5 left it as their commands landed)
};

/** A partner organisation of the journey and the admin who enrolls it (each world's database is new). */
interface Org {
  readonly legalName: string;
  readonly mpnId: string;
  readonly country: string;
  readonly domain: string;
  readonly admin: Person;
  readonly primaryEmail: string;
}

const LOCALES: readonly Locale[] = ['en-US', 'ko-KR'];

/** The Korean command names (command-specs.ts) a Korean user types; en-US users type the English ones. */
const KOREAN: Readonly<Record<string, string>> = {
  enroll: '등록',
  status: '상태',
  users: '사용자',
  'add user': '사용자 추가',
  roles: '역할',
  'sign agreement': '계약 서명',
  'invite reseller': '재판매인 초대',
  providers: '간접 공급자',
  resellers: '간접 재판매인',
  'invite customer': '고객 초대',
  customers: '고객 목록',
  'end partnership': '파트너 관계 종료',
  authorize: '공급자 승인',
  help: '도움말',
  reviews: '검토 대기',
  mpn: 'mpn 조회',
  offers: '제품 카탈로그',
  listings: '디렉터리 관리',
  profile: '비즈니스 프로필',
  'find provider': '공급자 찾기',
};

forEachDatabase('the journey: every rule through the product, from an empty database', (db) => {
  for (const locale of LOCALES) {
    describe(`in ${locale}`, function () {
      this.timeout(60_000);
      const reached = new Set<string>();
      let broken = false;
      let w: JourneyWorld;
      let ada: Person;
      let northwind: Org;
      let fabrikam: Org;
      let litware: Org;
      let contoso: Org;
      let tailspin: Org;
      let sam: Person;
      /** A command as this person types it (the Korean name in ko-KR), with its arguments. */
      const cmd = (name: string, args = '') =>
        `${locale === 'ko-KR' ? (KOREAN[name] ?? name) : name}${args ? ` ${args}` : ''}`;
      const tr = (key: Parameters<typeof t>[1], params?: Parameters<typeof t>[2]) => t(locale, key, params);

      /** `it` for a step that reaches `rules` (named in the title; '' for a step that only sets the scene), recorded only when it passes. */
      function step(rules: string, title: string, fn: () => Promise<void>): void {
        it(rules ? `${rules}: ${title}` : title, async function () {
          // one journey: the steps build on each other, so after a failed step the rest are skipped
          // (the first failure is the one to read)
          if (broken) this.skip();
          try {
            await fn();
          } catch (e) {
            broken = true;
            throw e;
          }
          for (const r of rules.split('/').filter(Boolean)) reached.add(r);
        });
      }

      function org(name: string, mpnId: string, domain: string, adminName: string, country = 'KR'): Org {
        return {
          legalName: name,
          mpnId,
          country,
          domain,
          admin: w.person(adminName, domain),
          primaryEmail: `contact@${domain}`,
        };
      }

      /** The E1 form as the card submits it (strings). */
      function form(o: Org, partnerType: string, overrides: Record<string, string> = {}): Record<string, unknown> {
        return {
          v: 1,
          partnerType,
          mpnId: o.mpnId,
          legalName: o.legalName,
          addressLine1: '21 Teheran-ro',
          addressLine2: '',
          city: o.country === 'JP' ? 'Tokyo' : 'Seoul',
          state: '',
          postalCode: o.country === 'JP' ? '100-0001' : '06234',
          country: o.country,
          primaryName: `${o.legalName} Contact`,
          primaryEmail: o.primaryEmail,
          primaryPhone: '+82 2 555 0100',
          supportEmail: `support@${o.domain}`,
          supportPhone: '+82 2 555 0199',
          supportWebsite: `https://${o.domain}/support`,
          ...overrides,
        };
      }

      /** Enrollment in Teams up to the verification mail: `enroll`, the form card, submit. */
      async function applyFor(o: Org, partnerType: string, billing?: Record<string, string>): Promise<void> {
        await w.say(o.admin.chat, cmd('enroll'), 3);
        let card = await w.pressCard(o.admin.chat, 'enroll.form', form(o, partnerType));
        if (billing) card = await w.pressCard(o.admin.chat, 'enroll.form', { v: 1, ...billing });
        assert.ok(
          actionsOf(card).some((a) => a.verb === 'enroll.submit'),
          cardJson(card).slice(0, 400),
        );
        const sent = await w.pressCard(o.admin.chat, 'enroll.submit', { v: 1 });
        assert.ok(cardText(sent).includes(o.primaryEmail), cardText(sent));
      }

      /** E4 + E5: the primary contact verifies; Ada approves from the review card the outbox brings her. */
      async function verifyAndApprove(o: Org): Promise<void> {
        await w.verifyFromMail(o.primaryEmail);
        const review = await w.cardWith(ada.chat, 'review.approve', o.legalName, `review card of ${o.legalName}`);
        const approve = action(review.card, 'review.approve', 'review card');
        const decided = await w.pressCard(ada.chat, 'review.approve', approve.data);
        assert.ok(cardText(decided).includes(ada.name), cardText(decided));
      }

      /** M1: a global admin signs the MPA from the `sign agreement` card. */
      async function signMpa(p: Person): Promise<string> {
        const [card] = (await w.say(p.chat, cmd('sign agreement'))).filter((a) => a.card);
        assert.deepEqual(inputIds(card.card), ['accept']);
        const sign = action(card.card, 'mpa.sign', 'MPA card');
        return cardText(await w.pressCard(p.chat, 'mpa.sign', { ...sign.data, accept: 'true' }));
      }

      async function orgId(o: Org): Promise<string> {
        return (await w.prisma.organization.findUniqueOrThrow({ where: { mpnId: o.mpnId } })).id;
      }

      /** The personalised link in a draft card (the `message` input holds it). */
      function linkIn(card: unknown): string {
        const m = new RegExp(`${w.base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/invite/[A-Za-z0-9_-]{43}`).exec(
          cardJson(card),
        );
        assert.ok(m, `no personalised link in ${cardJson(card).slice(0, 500)}`);
        return m[0];
      }

      before(async function () {
        this.timeout(60_000);
        w = await JourneyWorld.start(db.kind, locale);
        ada = w.person('Ada Admin', 'program.example', 'ada', PROGRAM_ADMIN_AAD);
        northwind = org('Northwind Distribution', '4100001', 'northwind-dist.example', 'Pia Park');
        fabrikam = org('Fabrikam Resell', '4100002', 'fabrikam-resell.example', 'Rae Ryu');
        litware = org('Litware Supply', '4100003', 'litware-supply.example', 'Bo Baek');
        contoso = org('Contoso Direct', '4100004', 'contoso-direct.example', 'Dee Do');
        tailspin = org('Tailspin Japan', '4100005', 'tailspin.example', 'Jun Jo', 'JP');
        // the program administrator has talked to the bot once: that is where review cards reach her
        await w.say(ada.chat, cmd('help'));
      });
      after(async () => {
        await w?.close();
      });

      // ---- a provider enrolls (E1–E5), signs (M1) ----------------------------------------------------

      step('E1', 'the enrollment form asks for every E1 field, the partner types among them', async () => {
        const replies = await w.say(northwind.admin.chat, cmd('enroll'), 3);
        const formCard = replies.find((a) => a.card && inputIds(a.card).includes('mpnId'));
        assert.ok(formCard, 'a form card');
        const ids = inputIds(formCard.card);
        for (const f of Object.keys(form(northwind, 'indirect_provider')).filter((k) => k !== 'v'))
          assert.ok(ids.includes(f), `the form asks for ${f}`);
      });

      step('E3', 'a web-mail address for the primary contact is refused, in the reader’s language', async () => {
        const card = await w.pressCard(
          northwind.admin.chat,
          'enroll.form',
          form(northwind, 'indirect_provider', { primaryEmail: 'pia.park@gmail.com' }),
        );
        assert.match(cardText(card), msg(locale, 'error.WEBMAIL_NOT_ALLOWED'));
        assert.deepEqual(inputIds(card), ['primaryEmail'], 'only that field is asked again');
      });

      step(
        'E2',
        'an MPN ID missing from the registry is refused at submit; `npm run mpn:import` loads the registry',
        async () => {
          const review = await w.pressCard(northwind.admin.chat, 'enroll.form', {
            v: 1,
            primaryEmail: northwind.primaryEmail,
          });
          action(review, 'enroll.submit', 'review card');
          const refused = await w.pressCard(northwind.admin.chat, 'enroll.submit', { v: 1 });
          assert.match(cardText(refused), msg(locale, 'error.MPN_NOT_FOUND'));
          assert.equal(await w.prisma.organization.count(), 0, 'nothing was created');

          const out = await w.importMpnRegistry([
            [northwind.mpnId, northwind.legalName, 'KR', 'true'],
            [fabrikam.mpnId, fabrikam.legalName, 'KR', 'true'],
            [litware.mpnId, litware.legalName, 'KR', 'true'],
            [contoso.mpnId, contoso.legalName, 'KR', 'true'],
            [tailspin.mpnId, tailspin.legalName, 'JP', 'true'],
          ]);
          assert.match(out, /5 created/);
          await w.pressCard(northwind.admin.chat, 'enroll.form', { v: 1, mpnId: northwind.mpnId });
          const sent = await w.pressCard(northwind.admin.chat, 'enroll.submit', { v: 1 });
          assert.match(cardText(sent), msg(locale, 'enroll.submitted.body'));
        },
      );

      step(
        '',
        'the offer catalogue is loaded with `npm run offers:import -- samples/offers.csv`; the administrator sees it with `offers`',
        async () => {
          const out = await w.runScript('offers:import', 'samples/offers.csv');
          assert.match(out, /samples\/offers\.csv/);
          const catalogue = await w.sayText(ada.chat, cmd('offers'));
          assert.ok(catalogue.includes('Microsoft 365 E3'), catalogue);
        },
      );

      step('E4', 'the primary contact opens the link from the mail and verifies on the page', async () => {
        const page = await w.verifyFromMail(northwind.primaryEmail);
        assert.match(unhtml(page.text), msg(locale, 'verify.ok.heading'));
        assert.ok(unhtml(page.text).includes(northwind.primaryEmail));
      });

      step(
        'E5',
        'the review card reaches the program administrator; approving tells the applicant and the primary contact',
        async () => {
          const review = await w.cardWith(ada.chat, 'review.approve', northwind.legalName, 'review card');
          const approve = action(review.card, 'review.approve', 'review card');
          // a provider's admin is no program administrator
          await w.pressRefused(northwind.admin.chat, 'review.approve', approve.data);
          const decided = await w.pressCard(ada.chat, 'review.approve', approve.data);
          assert.ok(cardText(decided).includes(ada.name));
          const notice = await w.waitIn(
            northwind.admin.chat,
            (a) => textOf(a).includes(tr('enroll.state.approved')),
            'the applicant is told',
          );
          assert.ok(textOf(notice).includes(northwind.legalName));
          // every change of state reaches the primary contact by mail, in their language
          for (const state of ['in_review', 'approved'] as const)
            await w.mail(
              (m) =>
                m.to.includes(northwind.primaryEmail) &&
                m.subject ===
                  tr('mail.stateChanged.subject', { org: northwind.legalName, state: tr(`enroll.state.${state}`) }),
            );
          const states = await w.prisma.enrollmentStateChange.findMany({
            where: { application: { org: { mpnId: northwind.mpnId } } },
            orderBy: { at: 'asc' },
          });
          assert.deepEqual(
            states.map((s) => s.toState),
            ['submitted', 'awaiting_verification', 'in_review', 'approved'],
          );
        },
      );

      step('M1', 'the provider’s global admin signs the MPA; who, when and which version are recorded', async () => {
        const text = await signMpa(northwind.admin);
        assert.ok(text.includes(northwind.admin.name), text);
        const row = await w.prisma.mpaAcceptance.findFirstOrThrow({ where: { org: { mpnId: northwind.mpnId } } });
        assert.equal(row.signerName, northwind.admin.name);
        assert.equal(row.signerEmail, northwind.admin.email, 'the signer’s own e-mail (Teams member info)');
        assert.equal(row.version, '2020-02');
      });

      // ---- the reseller enrolls, is approved; users and roles (PT2, E7, E8, U1–U3) ---------------------

      step(
        'PT2',
        'a reseller enrolls: no billing details are asked (it has no billing relationship with Microsoft)',
        async () => {
          await w.say(fabrikam.admin.chat, cmd('enroll'), 3);
          const review = await w.pressCard(fabrikam.admin.chat, 'enroll.form', form(fabrikam, 'indirect_reseller'));
          assert.ok(!inputIds(review).includes('bankAccountHolder'), 'no bank details for a reseller');
          action(review, 'enroll.submit', 'the review comes next');
          await w.pressCard(fabrikam.admin.chat, 'enroll.submit', { v: 1 });
          await verifyAndApprove(fabrikam);
        },
      );

      step(
        'E7/E8',
        'the enrolling user holds the admin agent role; status lists what is missing before transacting',
        async () => {
          const users = await w.sayText(fabrikam.admin.chat, cmd('users'));
          assert.ok(users.includes(fabrikam.admin.name), users);
          assert.ok(users.includes(tr('role.admin_agent')), users);
          assert.ok(users.includes(fabrikam.admin.email), 'recorded with their own Teams e-mail, not the contact’s');
          const status = await w.sayText(fabrikam.admin.chat, cmd('status'));
          assert.ok(status.includes(tr('status.done', { item: tr('status.check.onboarded') })), status);
          assert.ok(status.includes(tr('status.done', { item: tr('status.check.reseller') })), status);
          assert.ok(status.includes(tr('status.open', { item: tr('status.check.mpa') })), status);
        },
      );

      step(
        'U2/U1',
        'the admin adds a sales agent by name and work e-mail; a second user with that e-mail is refused; roles lists every role',
        async () => {
          const [formCard] = (await w.say(fabrikam.admin.chat, cmd('add user'))).filter((a) => a.card);
          assert.deepEqual(inputIds(formCard.card), ['name', 'email', 'roles']);
          const samEmail = `sam@${fabrikam.domain}`;
          const added = await w.pressCard(fabrikam.admin.chat, 'user.add', {
            v: 1,
            name: 'Sam Seo',
            email: samEmail,
            roles: 'sales_agent',
          });
          assert.ok(cardText(added).includes(tr('role.sales_agent')), cardText(added));
          const dup = await w.pressRefused(fabrikam.admin.chat, 'user.add', {
            v: 1,
            name: 'Sam Again',
            email: samEmail.toUpperCase(),
            roles: 'sales_agent',
          });
          assert.match(dup, msg(locale, 'error.USER_EMAIL_TAKEN'));
          const roles = await w.sayText(fabrikam.admin.chat, cmd('roles'));
          for (const role of [
            'global_admin',
            'user_admin',
            'admin_agent',
            'sales_agent',
            'helpdesk_agent',
            'billing_admin',
            'business_profile_admin',
          ] as const)
            assert.ok(roles.includes(tr(`role.${role}`)), `${role} in: ${roles}`);
          // the primary contact is a person too, and can be added as one (their own e-mail, not the enrolling user's)
          const contact = await w.pressCard(fabrikam.admin.chat, 'user.add', {
            v: 1,
            name: `${fabrikam.legalName} Contact`,
            email: fabrikam.primaryEmail,
            roles: 'billing_admin',
          });
          assert.ok(cardText(contact).includes(tr('role.billing_admin')), cardText(contact));
          sam = w.person('Sam Seo', fabrikam.domain, 'sam');
        },
      );

      step(
        'U3',
        'the sales agent, in their own Teams chat, is refused adding users with the roles that may',
        async () => {
          const text = await w.sayText(sam.chat, cmd('add user'));
          assert.match(text, msg(locale, 'error.ROLE_REQUIRED'));
          assert.ok(text.includes(tr('role.admin_agent')), text);
          const me = await w.prisma.user.findFirstOrThrow({ where: { emailLower: sam.email } });
          assert.equal(me.aadObjectId, sam.chat.user.aadObjectId, 'known by their Teams identity from now on');
          // and someone from no partner organisation at all
          const stranger = w.person('Stan Stranger', 'nowhere.example');
          assert.ok((await w.sayText(stranger.chat, cmd('users'))).length > 0);
        },
      );

      // ---- partnerships (P1, P2, P4, P5, P6, P8) ----------------------------------------------------------

      step('P5', 'a provider cannot partner with an organisation not enrolled as an indirect reseller', async () => {
        await applyFor(litware, 'indirect_provider');
        await verifyAndApprove(litware);
        await signMpa(litware.admin);
        await w.say(northwind.admin.chat, cmd('invite reseller'));
        const refused = await w.pressRefused(northwind.admin.chat, 'partnership.invite.create', {
          v: 1,
          reseller: litware.mpnId,
        });
        assert.match(refused, msg(locale, 'error.NOT_INDIRECT_RESELLER'));
      });

      step(
        'P1',
        'the provider invites the reseller by MPN ID; the draft carries the link; an edit without it is refused',
        async () => {
          const draft = await w.pressCard(northwind.admin.chat, 'partnership.invite.create', {
            v: 1,
            reseller: fabrikam.mpnId,
          });
          const link = linkIn(draft);
          const save = action(draft, 'partnership.invite.save', 'draft');
          const noLink = await w.pressRefused(northwind.admin.chat, 'partnership.invite.save', {
            ...save.data,
            message: 'Please partner with us',
          });
          assert.match(noLink, msg(locale, 'error.LINK_MISSING'));
          await w.pressCard(northwind.admin.chat, 'partnership.invite.save', {
            ...save.data,
            message: `Please partner with us: ${link}`,
          });
        },
      );

      step('P2', 'the reseller’s admin gets the card, must tick the consent box, and authorizes', async () => {
        const got = await w.cardWith(
          fabrikam.admin.chat,
          'partnership.authorize',
          northwind.legalName,
          'authorize card',
        );
        const authorize = action(got.card, 'partnership.authorize', 'authorize card');
        const noConsent = await w.pressRefused(fabrikam.admin.chat, 'partnership.authorize', {
          ...authorize.data,
          consent: 'false',
        });
        assert.match(noConsent, msg(locale, 'error.CONSENT_REQUIRED'));
        const done = await w.pressCard(fabrikam.admin.chat, 'partnership.authorize', {
          ...authorize.data,
          consent: 'true',
        });
        assert.ok(cardText(done).includes(fabrikam.admin.name), cardText(done));
        assert.equal(actionsOf(done).length, 0);
      });

      step('P4', 'each side now lists the other: Indirect providers and Indirect resellers', async () => {
        assert.ok((await w.sayText(fabrikam.admin.chat, cmd('providers'))).includes(northwind.legalName));
        assert.ok((await w.sayText(northwind.admin.chat, cmd('resellers'))).includes(fabrikam.legalName));
      });

      step(
        'P3',
        'the reseller withdraws the provider’s admin access from its providers list; the partnership stays; then restores it',
        async () => {
          const [list] = (await w.say(fabrikam.admin.chat, cmd('providers'))).filter((a) => a.card);
          const withdraw = action(list.card, 'partnership.admin.withdraw', 'the providers list');
          const withdrawn = await w.pressCard(fabrikam.admin.chat, 'partnership.admin.withdraw', withdraw.data);
          assert.ok(
            cardText(withdrawn).includes(tr('plist.adminWithdrawnNotice', { provider: northwind.legalName })),
            cardText(withdrawn),
          );
          const row = await w.prisma.partnership.findFirstOrThrow({
            where: { provider: { mpnId: northwind.mpnId }, reseller: { mpnId: fabrikam.mpnId } },
          });
          assert.ok(row.adminAccessWithdrawnAt, 'admin access withdrawn');
          assert.equal(row.state, 'active', 'the partnership stays');
          assert.ok((await w.sayText(northwind.admin.chat, cmd('resellers'))).includes(fabrikam.legalName));
          const restored = await w.pressCard(
            fabrikam.admin.chat,
            'partnership.admin.restore',
            action(withdrawn, 'partnership.admin.restore', 'the providers list').data,
          );
          assert.ok(
            cardText(restored).includes(tr('plist.adminRestoredNotice', { provider: northwind.legalName })),
            cardText(restored),
          );
        },
      );

      const listingForm = {
        v: 1,
        displayName: 'Litware Cloud Korea',
        regions: 'korea',
        services: 'azure, m365',
        summary: 'Azure and Microsoft 365 for resellers',
        contactEmail: 'partners@litware-supply.example',
        contactPhone: '+82 2 555 0300',
        website: 'https://litware-supply.example',
      };

      step(
        'P10',
        'the program administrator lists the second provider in the directory (`listings`); resellers find it at once',
        async () => {
          const litwareId = await orgId(litware);
          const [listings] = (await w.say(ada.chat, cmd('listings'))).filter((a) => a.card);
          action(listings.card, 'listing.new', 'the listings console');
          const formCard = await w.pressCard(ada.chat, 'listing.new', { v: 1, orgId: litwareId });
          assert.equal(inputValue(formCard, 'displayName'), litware.legalName, 'starts from the legal name');
          // a provider cannot write the directory itself (only through the administrator)
          await w.pressRefused(litware.admin.chat, 'listing.save', { ...listingForm, orgId: litwareId });
          const saved = await w.pressCard(ada.chat, 'listing.save', { ...listingForm, orgId: litwareId });
          assert.ok(
            cardText(saved).includes(tr('listings.created', { name: listingForm.displayName })),
            cardText(saved),
          );
          const found = await w.sayText(fabrikam.admin.chat, cmd('find provider', 'litware'));
          assert.ok(found.includes(listingForm.displayName), found);
        },
      );

      step(
        'P10/P8/P4',
        'the reseller asks the listed provider from the directory; the provider approves from its card: a second provider',
        async () => {
          const litwareId = await orgId(litware);
          const [found] = (await w.say(fabrikam.admin.chat, cmd('find provider', 'litware'))).filter((a) => a.card);
          const ask = actionsOf(found.card).find(
            (a) => a.verb === 'directory.request' && a.data.providerId === litwareId,
          );
          assert.ok(ask, `a request button on the listing: ${cardJson(found.card).slice(0, 400)}`);
          const sent = await w.pressCard(fabrikam.admin.chat, 'directory.request', {
            ...ask.data,
            [`consent_${litwareId}`]: 'true',
            [`message_${litwareId}`]: 'We would like to buy Azure through you',
          });
          assert.ok(cardText(sent).includes(listingForm.displayName) || cardText(sent).includes(litware.legalName));
          const request = await w.cardWith(
            litware.admin.chat,
            'partnership.approve',
            fabrikam.legalName,
            'the request',
          );
          const approved = await w.pressCard(
            litware.admin.chat,
            'partnership.approve',
            action(request.card, 'partnership.approve').data,
          );
          assert.ok(cardText(approved).includes(litware.admin.name), cardText(approved));
          const providers = await w.sayText(fabrikam.admin.chat, cmd('providers'));
          assert.ok(providers.includes(northwind.legalName) && providers.includes(litware.legalName), providers);
          assert.ok((await w.sayText(litware.admin.chat, cmd('resellers'))).includes(fabrikam.legalName));
        },
      );

      step(
        'U4/P10',
        'the business-profile admin edits the profile from a card; its contact reaches the listing only once the administrator approves',
        async () => {
          const lee = w.person('Lee Lim', litware.domain, 'lee');
          await w.pressCard(litware.admin.chat, 'user.add', {
            v: 1,
            name: lee.name,
            email: lee.email,
            roles: 'business_profile_admin',
          });
          const [card] = (await w.say(lee.chat, cmd('profile'))).filter((a) => a.card);
          action(card.card, 'profile.save', 'the profile card');
          const saved = await w.pressCard(lee.chat, 'profile.save', {
            v: 1,
            line1: '300 Olympic-ro',
            city: 'Seoul',
            postalCode: '05551',
            supportEmail: 'help@litware-supply.example',
            supportPhone: '+82 2 555 0399',
            supportWebsite: 'https://litware-supply.example/help',
            toDirectory: 'true',
          });
          assert.ok(cardText(saved).includes(tr('bprofile.saved')), cardText(saved));
          const litwareId = await orgId(litware);
          const before = await w.prisma.directoryProfile.findUniqueOrThrow({ where: { orgId: litwareId } });
          assert.equal(before.contactEmail, listingForm.contactEmail, 'the listing waits for the administrator');
          const change = await w.cardWith(ada.chat, 'listing.change.approve', 'help@litware-supply.example', 'change');
          await w.pressCard(ada.chat, 'listing.change.approve', action(change.card, 'listing.change.approve').data);
          const after = await w.prisma.directoryProfile.findUniqueOrThrow({ where: { orgId: litwareId } });
          assert.equal(after.contactEmail, 'help@litware-supply.example');
          const org = await w.prisma.organization.findUniqueOrThrow({ where: { id: litwareId } });
          assert.equal(org.addressLine1, '300 Olympic-ro');
        },
      );

      step(
        'E5/E2',
        'the administrator finds a waiting application with `reviews`, checks its MPN ID with `mpn`, and approves it from the card',
        async () => {
          await applyFor(tailspin, 'indirect_reseller');
          await w.verifyFromMail(tailspin.primaryEmail);
          const lookup = await w.sayText(ada.chat, cmd('mpn', tailspin.mpnId));
          assert.ok(lookup.includes(tr('admin.mpn.active')), lookup);
          const app = await w.prisma.enrollmentApplication.findFirstOrThrow({
            where: { org: { mpnId: tailspin.mpnId } },
          });
          // the review notice itself may land in the same chat meanwhile (the worker runs): take the list
          const cards = (await w.say(ada.chat, cmd('reviews'))).filter((a) => a.card);
          const waiting = cards.find((a) => actionsOf(a.card).some((x) => x.verb === 'admin.reviews.open')) ?? cards[0];
          assert.ok(cardText(waiting.card).includes(tailspin.legalName), cardText(waiting.card));
          const open = actionsOf(waiting.card).find(
            (a) => a.verb === 'admin.reviews.open' && JSON.stringify(a.data).includes(app.id),
          );
          assert.ok(open, `an Open button for ${tailspin.legalName}`);
          const mark = w.h.connector.activities.length;
          await w.pressCard(ada.chat, 'admin.reviews.open', open.data);
          const review = await w.waitIn(
            ada.chat,
            (a) => w.h.connector.activities.indexOf(a) >= mark && !!a.card && JSON.stringify(a.card).includes(app.id),
            'the review card, sent below the list',
          );
          await w.pressCard(ada.chat, 'review.approve', action(review.card, 'review.approve').data);
          assert.equal(
            (await w.prisma.enrollmentApplication.findUniqueOrThrow({ where: { id: app.id } })).state,
            'approved',
          );
        },
      );

      step('P6', 'a provider in Korea cannot partner with a reseller in Japan', async () => {
        const refused = await w.pressRefused(northwind.admin.chat, 'partnership.invite.create', {
          v: 1,
          reseller: tailspin.mpnId,
        });
        assert.match(refused, msg(locale, 'error.REGION_MISMATCH'));
      });

      // ---- M2/E8 before the reseller's MPA; then customers (C1–C11) ---------------------------------------

      step(
        'M2/E8',
        'before the reseller signs the MPA no provider transacts with it: a customer invitation with a provider is refused',
        async () => {
          const [ask] = (await w.say(fabrikam.admin.chat, cmd('invite customer'))).filter((a) => a.card);
          assert.ok(cardJson(ask.card).includes(northwind.legalName), 'its providers are offered');
          const refused = await w.pressRefused(fabrikam.admin.chat, 'customer.invite.create', {
            v: 1,
            toEmail: '',
            providerId: await orgId(northwind),
          });
          assert.match(refused, msg(locale, 'error.MPA_NOT_SIGNED'));
          assert.ok(refused.includes(fabrikam.legalName));
          await signMpa(fabrikam.admin);
          const status = await w.sayText(fabrikam.admin.chat, cmd('status'));
          assert.ok(status.includes(tr('status.done', { item: tr('status.check.mpa') })), status);
          assert.ok(status.includes(tr('status.next.ready')), status);
        },
      );

      let adatumLink = '';
      step('C2', 'the reseller invites a customer alone: an editable draft that must keep its link', async () => {
        const draft = await w.pressCard(fabrikam.admin.chat, 'customer.invite.create', {
          v: 1,
          toEmail: 'admin@adatum.example',
          providerId: '',
        });
        adatumLink = linkIn(draft);
        const save = action(draft, 'customer.invite.save', 'draft');
        // the draft comes back with the reason (and the text as typed, to put the link back in)
        const noLink = answerText(
          await w.press(fabrikam.admin.chat, 'customer.invite.save', {
            ...save.data,
            message: 'Dear Adatum, please accept',
          }),
        );
        assert.match(noLink, msg(locale, 'error.LINK_MISSING'));
        const saved = await w.pressCard(fabrikam.admin.chat, 'customer.invite.save', {
          ...save.data,
          message: `Dear Adatum, please accept: ${adatumLink}`,
        });
        assert.ok(cardText(saved).includes(tr('cinvite.draft.saved')), cardText(saved));
      });

      step('C8', 'the reseller’s own tenant cannot accept: no selling to itself', async () => {
        const opened = await w.openInvitation(adatumLink, `admin@${fabrikam.domain}`);
        const res = await w.acceptInvitation(opened, adatumLink, {
          name: 'Fabrikam Internal',
          domain: `it.${fabrikam.domain}`,
          country: 'KR',
        });
        assert.equal(res.status, 422, res.text.slice(0, 300));
        assert.match(unhtml(res.text), msg(locale, 'error.SELF_SALE'));
      });

      step('C9', 'another CSP partner’s CSP tenant cannot become a customer', async () => {
        const opened = await w.openInvitation(adatumLink, `admin@${litware.domain}`);
        const res = await w.acceptInvitation(opened, adatumLink, {
          name: 'Litware Own Use',
          domain: 'litware-own.example',
          country: 'KR',
        });
        assert.equal(res.status, 422, res.text.slice(0, 300));
        assert.match(unhtml(res.text), msg(locale, 'error.CSP_TENANT_AS_CUSTOMER'));
      });

      step('C7', 'a customer in another region is refused', async () => {
        const opened = await w.openInvitation(adatumLink, 'admin@adatum.example');
        const res = await w.acceptInvitation(opened, adatumLink, {
          name: 'Adatum',
          domain: 'adatum.example',
          country: 'US',
        });
        assert.equal(res.status, 422, res.text.slice(0, 300));
        assert.match(unhtml(res.text), msg(locale, 'error.REGION_MISMATCH'));
        assert.equal(await w.prisma.customer.count(), 0, 'the refusals created nothing');
      });

      step(
        'C1/C2',
        'the customer’s Global Administrator accepts on the page; the customer is on the reseller’s list',
        async () => {
          const opened = await w.openInvitation(adatumLink, 'admin@adatum.example');
          const res = await w.acceptInvitation(opened, adatumLink, {
            name: 'Adatum',
            domain: 'adatum.example',
            country: 'KR',
          });
          assert.equal(res.status, 200, res.text.slice(0, 300));
          assert.ok(unhtml(res.text).includes(fabrikam.legalName));
          assert.ok((await w.sayText(fabrikam.admin.chat, cmd('customers'))).includes('Adatum'));
        },
      );

      step(
        'C3',
        'the reseller invites a customer together with its provider; on acceptance both serve it',
        async () => {
          const draft = await w.pressCard(fabrikam.admin.chat, 'customer.invite.create', {
            v: 1,
            toEmail: '',
            providerId: await orgId(northwind),
          });
          const link = linkIn(draft);
          const opened = await w.openInvitation(link, 'admin@woodgrove.example');
          assert.ok(unhtml(opened.page.text).includes(northwind.legalName), 'the page names the provider too');
          const res = await w.acceptInvitation(opened, link, {
            name: 'Woodgrove',
            domain: 'woodgrove.example',
            country: 'KR',
          });
          assert.equal(res.status, 200, res.text.slice(0, 300));
          assert.ok((await w.sayText(northwind.admin.chat, cmd('customers'))).includes('Woodgrove'));
          assert.ok((await w.sayText(fabrikam.admin.chat, cmd('customers'))).includes('Woodgrove'));
        },
      );

      step('C5', 'partnering gives the provider none of the reseller’s other customers', async () => {
        const list = await w.sayText(northwind.admin.chat, cmd('customers'));
        assert.ok(!list.includes('Adatum'), list);
      });

      step('C4', 'the provider cannot act for a customer it has no reseller relationship with', async () => {
        const [list] = (await w.say(fabrikam.admin.chat, cmd('customers'))).filter((a) => a.card);
        const adatum = await w.prisma.customer.findFirstOrThrow({ where: { name: 'Adatum' } });
        // the Open button of Adatum's row on the reseller's card, pressed by the provider
        const open = actionsOf(list.card).find((a) => a.verb === 'customer.open' && a.data.customerId === adatum.id);
        assert.ok(open, `no Open button for Adatum on ${cardJson(list.card).slice(0, 400)}`);
        const refused = await w.pressRefused(northwind.admin.chat, 'customer.open', open.data);
        assert.match(refused, msg(locale, 'error.RELATIONSHIP_REQUIRED'));
      });

      step(
        'C11',
        'a customer may have several partners: Adatum also accepts the reseller with its second provider',
        async () => {
          const draft = await w.pressCard(fabrikam.admin.chat, 'customer.invite.create', {
            v: 1,
            toEmail: '',
            providerId: await orgId(litware),
          });
          const link = linkIn(draft);
          const res = await w.acceptInvitation(await w.openInvitation(link, 'admin@adatum.example'), link, {
            name: 'Adatum',
            domain: 'adatum.example',
            country: 'KR',
          });
          assert.equal(res.status, 200, res.text.slice(0, 300));
          assert.ok((await w.sayText(litware.admin.chat, cmd('customers'))).includes('Adatum'));
          const adatum = await w.prisma.customer.findFirstOrThrow({
            where: { name: 'Adatum' },
            include: { relationships: { where: { removedAt: null } } },
          });
          assert.equal(adatum.relationships.length, 2);
        },
      );

      // ---- the provider adds a customer for the reseller, subscriptions (S1–S5, P9) --------------------

      const E3 = 'CFQ7TTC0LFLX:0001';
      step(
        'S1/S2/S3',
        'from the reseller’s row the provider adds a customer: details → offers → review → submit; the password is shown once; both list it',
        async () => {
          const fabrikamId = await orgId(fabrikam);
          const [list] = (await w.say(northwind.admin.chat, cmd('resellers'))).filter((a) => a.card);
          const add = actionsOf(list.card).find(
            (a) => a.verb === 'customer.add.start' && a.data.resellerId === fabrikamId,
          );
          assert.ok(add, `an Add customer button on Fabrikam's row: ${cardJson(list.card).slice(0, 400)}`);
          const wizard = await w.pressCard(northwind.admin.chat, 'customer.add.start', add.data);
          assert.equal(inputValue(wizard, 'resellerId'), fabrikamId, 'the reseller is preselected');
          const details = {
            v: 1,
            resellerId: fabrikamId,
            name: 'Coho Winery',
            domainPrefix: 'cohowinery',
            country: 'KR',
          };
          const offers = await w.pressCard(northwind.admin.chat, 'customer.add.next', details);
          assert.ok(cardText(offers).includes('Microsoft 365 E3'), cardText(offers));
          const review = await w.pressCard(northwind.admin.chat, 'customer.add.review', { v: 1, [`qty_${E3}`]: '25' });
          assert.ok(cardText(review).includes('cohowinery.onmicrosoft.com'), cardText(review));
          const submit = action(review, 'customer.add.submit', 'review');
          const done = await w.pressCard(northwind.admin.chat, 'customer.add.submit', submit.data);
          assert.ok(cardText(done).includes('admin@cohowinery.onmicrosoft.com'), cardText(done));
          assert.ok(cardText(done).includes(tr('cadd.done.password')), 'the temporary password, once');
          assert.ok(cardText(done).includes(tr('cadd.done.warning')));
          const again = await w.pressCard(northwind.admin.chat, 'customer.add.submit', submit.data);
          assert.ok(!cardText(again).includes(tr('cadd.done.password')), 'never shown again');
          assert.ok((await w.sayText(northwind.admin.chat, cmd('customers'))).includes('Coho Winery'));
          assert.ok(
            (await w.sayText(fabrikam.admin.chat, cmd('customers'))).includes('Coho Winery'),
            'the reseller has it',
          );
          const coho = await w.prisma.customer.findFirstOrThrow({
            where: { name: 'Coho Winery' },
            include: { relationships: true, subscriptions: true },
          });
          assert.deepEqual(
            coho.relationships.map((r) => r.partnerId).sort(),
            [await orgId(northwind), fabrikamId].sort(),
          );
          assert.equal(coho.subscriptions[0]?.quantity, 25);
        },
      );

      step(
        'S4/S5/P9',
        'the provider filters its customers by reseller, adds a subscription crediting the reseller and makes it the support contact',
        async () => {
          const fabrikamId = await orgId(fabrikam);
          const filtered = await w.pressCard(northwind.admin.chat, 'customer.list.page', {
            v: 1,
            resellerId: fabrikamId,
          });
          const woodgrove = await w.prisma.customer.findFirstOrThrow({ where: { name: 'Woodgrove' } });
          const open = actionsOf(filtered).find(
            (a) => a.verb === 'customer.open' && a.data.customerId === woodgrove.id,
          );
          assert.ok(open, `Woodgrove in the filtered list: ${cardText(filtered)}`);
          const card = await w.pressCard(northwind.admin.chat, 'customer.open', open.data);
          const add = action(card, 'customer.subscription.add', 'customer card');
          const added = await w.pressCard(northwind.admin.chat, 'customer.subscription.add', {
            ...add.data,
            offerId: E3,
            quantity: '10',
            creditResellerId: fabrikamId,
          });
          assert.ok(cardText(added).includes(tr('ccard.added')), cardText(added));
          const sub = await w.prisma.subscription.findFirstOrThrow({ where: { customerId: woodgrove.id } });
          assert.equal(sub.partnerOfRecordId, fabrikamId, 'the reseller is credited');
          const support = await w.pressCard(northwind.admin.chat, 'customer.subscription.support', {
            ...action(added, 'customer.subscription.support', 'customer card').data,
            subscriptionId: sub.id,
            resellerId: fabrikamId,
          });
          assert.ok(cardText(support).includes(tr('ccard.supportSet')), cardText(support));
          const after = await w.prisma.subscription.findUniqueOrThrow({ where: { id: sub.id } });
          assert.equal(after.supportContactId, fabrikamId);
        },
      );

      // ---- direct bill (PT3), E6 adds the reseller type (PT1), C10 ---------------------------------------

      step('PT3', 'a direct-bill partner enrolls with its billing details and acceptance criteria', async () => {
        await applyFor(contoso, 'direct_bill', {
          bankAccountHolder: contoso.legalName,
          bankName: 'Woori Bank',
          bankAccountNumber: '1002 123 456789',
          bankSwiftBic: 'HVBKKRSE',
          taxId: '123-45-67890',
          billingEmail: `billing@${contoso.domain}`,
          acceptsCriteria: 'true',
        });
        await verifyAndApprove(contoso);
        await signMpa(contoso.admin);
        const status = await w.sayText(contoso.admin.chat, cmd('status'));
        assert.ok(status.includes(tr('status.next.readyDirect')), status);
      });

      step(
        'E6/PT1',
        'the direct-bill partner adds the indirect reseller type with only its support contact',
        async () => {
          const replies = await w.say(contoso.admin.chat, cmd('enroll'), 2);
          const formCard = replies.find((a) => a.card && inputIds(a.card).length > 0);
          assert.ok(formCard);
          assert.deepEqual(inputIds(formCard.card), ['supportEmail', 'supportPhone', 'supportWebsite']);
          await w.pressCard(contoso.admin.chat, 'enroll.form', {
            v: 1,
            supportEmail: `resell@${contoso.domain}`,
            supportPhone: '+82 2 555 0111',
            supportWebsite: `https://${contoso.domain}/resell`,
          });
          await w.pressCard(contoso.admin.chat, 'enroll.submit', { v: 1 });
          const org = await w.prisma.organization.findUniqueOrThrow({ where: { mpnId: contoso.mpnId } });
          const apps = await w.prisma.enrollmentApplication.findMany({ where: { orgId: org.id, state: 'in_review' } });
          assert.equal(apps.length, 1);
          const card = (
            await w.waitIn(
              ada.chat,
              (a) => !!a.card && actionsOf(a.card).some((x) => x.data.applicationId === apps[0].id),
              'the review card of the added type',
            )
          ).card;
          await w.pressCard(ada.chat, 'review.approve', action(card, 'review.approve').data);
          const after = await w.prisma.organization.findUniqueOrThrow({ where: { mpnId: contoso.mpnId } });
          assert.ok(after.isReseller && after.isDirectBill, 'one organisation, two partner types');
        },
      );

      step(
        'C10',
        'a reseller partnered with a provider cannot become that provider’s customer with the same tenant',
        async () => {
          const draft = await w.pressCard(northwind.admin.chat, 'partnership.invite.create', {
            v: 1,
            reseller: contoso.mpnId,
          });
          // the link exactly as pasted from the provider's message (its token alone works too)
          const [card] = (await w.say(contoso.admin.chat, cmd('authorize', linkIn(draft)))).filter((a) => a.card);
          await w.pressCard(contoso.admin.chat, 'partnership.authorize', {
            ...action(card.card, 'partnership.authorize').data,
            consent: 'true',
          });
          const invite = await w.pressCard(fabrikam.admin.chat, 'customer.invite.create', {
            v: 1,
            toEmail: '',
            providerId: await orgId(northwind),
          });
          const link = linkIn(invite);
          const res = await w.acceptInvitation(await w.openInvitation(link, `admin@${contoso.domain}`), link, {
            name: 'Contoso Buying',
            domain: 'contoso-buying.example',
            country: 'KR',
          });
          assert.equal(res.status, 422, res.text.slice(0, 300));
          assert.match(unhtml(res.text), msg(locale, 'error.RESELLER_IS_PROVIDER_CUSTOMER'));
        },
      );

      // ---- P7 end partnership through the administrator; C6 removal ---------------------------------------

      step('P7', 'the reseller asks to end a partnership; only the program administrator carries it out', async () => {
        const cards = (await w.say(fabrikam.admin.chat, cmd('end partnership'))).filter((a) => a.card);
        const partnership = await w.prisma.partnership.findFirstOrThrow({
          where: { provider: { mpnId: litware.mpnId }, reseller: { mpnId: fabrikam.mpnId } },
        });
        const end = cards
          .flatMap((c) => actionsOf(c.card))
          .find((a) => a.verb === 'partnership.end.request' && JSON.stringify(a.data).includes(partnership.id));
        assert.ok(end, 'an End partnership button on the Litware row');
        const asked = await w.pressCard(fabrikam.admin.chat, 'partnership.end.request', {
          ...end.data,
          [`reason_${partnership.id}`]: 'We buy through Northwind now',
        });
        assert.ok(cardText(asked).length > 0);
        const adminCard = await w.cardWith(ada.chat, 'partnership.end.approve', litware.legalName, 'end request');
        const approve = action(adminCard.card, 'partnership.end.approve');
        await w.pressRefused(litware.admin.chat, 'partnership.end.approve', approve.data);
        const ended = await w.pressCard(ada.chat, 'partnership.end.approve', approve.data);
        assert.ok(cardText(ended).includes(ada.name));
        const providers = await w.sayText(fabrikam.admin.chat, cmd('providers'));
        assert.ok(!providers.includes(litware.legalName) && providers.includes(northwind.legalName), providers);
      });

      step(
        'C6',
        'the reseller removes a customer relationship, attesting; the card says what stays and that no notice is sent',
        async () => {
          const adatum = await w.prisma.customer.findFirstOrThrow({ where: { name: 'Adatum' } });
          const ask = await w.pressCard(fabrikam.admin.chat, 'customer.remove.ask', { v: 1, customerId: adatum.id });
          assert.ok(cardText(ask).includes(tr('customer.removed.delegatedAdminStays')), cardText(ask));
          assert.ok(cardText(ask).includes(tr('customer.removed.noNotice')), cardText(ask));
          const remove = action(ask, 'customer.remove');
          const noAttest = await w.press(fabrikam.admin.chat, 'customer.remove', { ...remove.data, attest: 'false' });
          assert.match(answerText(noAttest), msg(locale, 'error.ATTESTATION_REQUIRED'));
          assert.ok(
            await w.prisma.customerRelationship.findFirst({
              where: { customerId: adatum.id, partner: { mpnId: fabrikam.mpnId }, removedAt: null },
            }),
            'not removed without the attestation',
          );
          await w.pressCard(fabrikam.admin.chat, 'customer.remove', { ...remove.data, attest: 'true' });
          assert.ok(!(await w.sayText(fabrikam.admin.chat, cmd('customers'))).includes('Adatum'));
          assert.ok(
            (await w.sayText(litware.admin.chat, cmd('customers'))).includes('Adatum'),
            'the other partner stays (C11)',
          );
        },
      );

      // ---- every rule ---------------------------------------------------------------------------------

      it('every rule of DOMAIN.md is reached, or listed (with why) as not yet reachable', function () {
        if (broken) this.skip();
        const { source, rules } = domainRules();
        const listed = Object.keys(notYetReachable);
        const both = listed.filter((r) => reached.has(r));
        assert.deepEqual(both, [], 'reached now: take these out of notYetReachable');
        const missing = rules.filter((r) => !reached.has(r) && !listed.includes(r));
        assert.deepEqual(missing, [], `rules of ${source} that no step reached`);
        const unknown = [...reached, ...listed].filter((r) => !rules.includes(r));
        assert.deepEqual(unknown, [], `not rules of ${source}`);
      });
    });
  }
});
