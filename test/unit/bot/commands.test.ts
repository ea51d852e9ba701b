import assert from 'node:assert/strict';
import { commandHandlers } from '../../../src/bot/command-handlers.js';
import { commands, commandsInScope, matchCommand } from '../../../src/bot/commands.js';
import { localeOf, scopeOf } from '../../../src/bot/turn.js';
import { allVerbs } from '../../../src/bot/verbs.js';
import { cardActions } from '../../../src/bot/card-actions.js';
import { catalogue } from '../../../src/i18n/index.js';

describe('command table', () => {
  const cases: [string, string | undefined, string?][] = [
    ['help', 'help', ''],
    ['HELP', 'help', ''],
    ['  Help  ', 'help', ''],
    ['help me please', 'help', 'me please'],
    ['help\u00a0now', 'help', 'now'],
    ['도움말', 'help', ''],
    ['cancel', 'cancel', ''],
    ['취소', 'cancel', ''],
    ['helpme', undefined],
    ['please help', undefined],
    ['canceled', undefined],
    ['', undefined],
  ];
  for (const [text, id, args] of cases) {
    it(`${JSON.stringify(text)} → ${id ?? 'no command'}`, () => {
      const m = matchCommand(text);
      assert.equal(m?.command.id, id);
      if (id) assert.equal(m?.args, args);
    });
  }

  it('ids and names are unique; names are lowercase single words without spaces', () => {
    const ids = commands.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length);
    const names = commands.flatMap((c) => [...c.names]);
    assert.equal(new Set(names).size, names.length);
    for (const n of names) assert.equal(n, n.toLowerCase().trim());
  });

  it('every command has a Korean alias, a description in both locales and a manifest-sized title', () => {
    for (const c of commands) {
      assert.ok(
        c.names.some((n) => /[\uac00-\ud7a3]/.test(n)),
        `${c.id} has no Korean alias`,
      );
      assert.ok(c.names[0].length <= 32);
      for (const locale of ['en-US', 'ko-KR'] as const) {
        const d = catalogue(locale)[c.descriptionKey];
        assert.ok(d && d.length <= 128, `${c.id} ${locale}`);
      }
      assert.ok(c.scopes.length > 0);
    }
  });

  it('has a handler for every command and every verb', () => {
    assert.deepEqual(Object.keys(commandHandlers).sort(), commands.map((c) => c.id).sort());
    assert.deepEqual(Object.keys(cardActions).sort(), [...allVerbs].sort());
  });

  it('filters by scope', () => {
    assert.deepEqual(
      commandsInScope('personal').map((c) => c.id),
      [
        'help',
        'cancel',
        'enroll',
        'status',
        'resendVerification',
        'users',
        'addUser',
        'roles',
        'signAgreement',
        'agreementStatus',
        'inviteReseller',
        'authorize',
        'requests',
        'findProvider',
        'providers',
        'resellers',
        'endPartnership',
        'inviteCustomer',
        'invitations',
        'addCustomer',
        'customers',
        'failedNotices',
        'offers',
        'adminConsole',
        'adminReviews',
        'adminPeople',
        'adminEndRequests',
        'adminMpn',
        'listings',
        'listing',
        'profile',
        'partnerCenter',
        'gdap',
        'requestGdap',
      ],
    );
    assert.deepEqual(
      commandsInScope('team').map((c) => c.id),
      [
        'help',
        'cancel',
        'status',
        'agreementStatus',
        'providers',
        'resellers',
        'notifyHere',
        'customers',
        'failedNotices',
        'offers',
        'adminConsole',
        'adminReviews',
        'adminPeople',
        'adminEndRequests',
        'adminMpn',
        'listings',
        'gdap',
      ],
    );
  });

  it('reads scope and locale from an activity', () => {
    assert.equal(scopeOf({ conversation: { conversationType: 'channel' } as never }), 'team');
    assert.equal(scopeOf({ conversation: { conversationType: 'groupChat' } as never }), 'groupChat');
    assert.equal(scopeOf({ conversation: { conversationType: 'personal' } as never }), 'personal');
    assert.equal(localeOf({ locale: 'ko' }, { DEFAULT_LOCALE: 'en-US' }), 'ko-KR');
    assert.equal(localeOf({ locale: 'fr-FR' }, { DEFAULT_LOCALE: 'ko-KR' }), 'en-US');
    assert.equal(localeOf({}, { DEFAULT_LOCALE: 'ko-KR' }), 'ko-KR');
    assert.equal(
      localeOf({ entities: [{ type: 'clientInfo', locale: 'ko-KR' }] }, { DEFAULT_LOCALE: 'en-US' }),
      'ko-KR',
    );
  });
});
