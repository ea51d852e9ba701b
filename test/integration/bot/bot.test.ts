import assert from 'node:assert/strict';
import { t } from '../../../src/i18n/index.js';
import type { CardJson } from '../../support/connector.js';
import { startHarness, type Harness } from '../../support/harness.js';
import type { ChatKind } from '../../support/teams.js';

/** All TextBlock texts of a card, in order. */
function texts(card: CardJson | undefined): string[] {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

describe('bot (through the real server and adapter)', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.close();
  });
  afterEach(async function () {
    // Nothing unexpected left over for the next test; after a failure, start the next one clean.
    if (this.currentTest?.state === 'passed') await h.connector.expectNone(0);
    else h.connector.reset();
  });

  const kinds: ChatKind[] = ['personal', 'groupChat', 'channel'];
  for (const kind of kinds) {
    for (const locale of ['en-US', 'ko-KR'] as const) {
      it(`help in ${kind} (${locale}) answers the help card of that scope`, async () => {
        const chat = h.chat(kind, { locale });
        const r = await chat.say(locale === 'ko-KR' ? '도움말' : 'Help');
        assert.equal(r.status, 200);
        const [reply] = await h.connector.waitFor(1);
        assert.equal(reply.conversationId, chat.conversation.id);
        assert.equal(reply.kind, 'reply', 'a reply to the message (POST .../activities/:replyToId)');
        assert.equal(reply.card?.version, '1.5');
        // what this person can do now (someone of no organisation: enroll, in personal chat), then "All commands"
        const guided = texts(reply.card);
        assert.equal(guided[0], t(locale, 'guide.title'));
        const enroll = locale === 'ko-KR' ? '등록' : 'enroll';
        assert.equal(JSON.stringify(reply.card).includes(`"text":"${enroll}"`), kind === 'personal');
        const all = (reply.card?.actions as { verb: string; data: unknown; title: string }[])[0];
        assert.equal(all.title, t(locale, 'guide.all'));
        const full = await chat.invoke(all.verb, all.data);
        const lines = texts(full.body.value);
        assert.equal(lines[0], t(locale, 'help.title'));
        const [help, cancel] = locale === 'ko-KR' ? ['**도움말**', '**취소**'] : ['**help**', '**cancel**'];
        assert.ok(lines.includes(help) && lines.includes(cancel), lines.join(' | '));
        assert.ok(lines.includes(t(locale, 'command.help.description')));
        const hint = t(locale, 'help.mentionHint', { botName: 'CSP Bot' });
        assert.equal(lines.includes(hint), kind !== 'personal', 'mention hint only outside personal chat');
      });

      it(`welcome card once on install in ${kind} (${locale})`, async () => {
        const chat = h.chat(kind, { locale });
        await chat.install(); // installationUpdate(add) + conversationUpdate(membersAdded: bot)
        const [welcome] = await h.connector.waitFor(1);
        assert.equal(welcome.conversationId, chat.conversation.id);
        const lines = texts(welcome.card);
        assert.equal(lines[0], t(locale, 'welcome.title'));
        const bodyKey =
          kind === 'personal'
            ? 'welcome.body.personal'
            : kind === 'channel'
              ? 'welcome.body.team'
              : 'welcome.body.groupChat';
        assert.equal(lines[1], t(locale, bodyKey));
        await h.connector.expectNone(200); // the second install event did not welcome again
      });
    }
  }

  it('keeps conversation state in the database (PrismaStorage): the welcomed flag is a BotState row', async () => {
    const chat = h.user();
    await chat.install();
    await h.connector.waitFor(1);
    const rows = await h.database!.db.prisma.botState.findMany();
    const row = rows.find((r) => r.id.includes(chat.conversation.id));
    assert.ok(row, `no state row for ${chat.conversation.id} among ${rows.map((r) => r.id).join(', ')}`);
    assert.match(row.data, /"welcomed":true/);
  });

  it('welcomes once when Teams sends installationUpdate and conversationUpdate at the same time', async () => {
    for (const kind of kinds) {
      const chat = h.chat(kind);
      const results = await Promise.all([
        chat.installationUpdate('add'),
        chat.membersAdded(),
        chat.installationUpdate('add'),
      ]);
      assert.deepEqual(
        results.map((r) => r.status),
        [200, 200, 200],
      );
      await h.connector.waitFor(1);
      await h.connector.expectNone(200);
    }
  });

  it('welcomes once when the install events of one conversation reach two bot instances at once', async () => {
    const post = await h.secondInstance();
    const chats = kinds.flatMap((kind) => [h.chat(kind), h.chat(kind)]);
    await Promise.all(
      chats.map(async (chat) => {
        const botId = chat.activity({ type: 'message' }).recipient!.id;
        const results = await Promise.all([
          chat.installationUpdate('add'),
          post(chat.activity({ type: 'conversationUpdate', membersAdded: [{ id: botId, name: '' }] })),
          post(chat.activity({ type: 'installationUpdate', action: 'add' })),
        ]);
        assert.deepEqual(
          results.map((r) => r.status),
          [200, 200, 200],
        );
      }),
    );
    const sent = await h.connector.waitFor(chats.length);
    await h.connector.expectNone(300);
    assert.deepEqual(
      sent.map((a) => a.conversationId).sort(),
      chats.map((c) => c.conversation.id).sort(),
      'one welcome card in each conversation',
    );
  });

  it('gives the welcome back when the card cannot be sent, so the next install event welcomes', async () => {
    const chat = h.user();
    h.connector.failNext(20, 400);
    await chat.installationUpdate('add');
    h.connector.reset();
    await chat.membersAdded();
    const [welcome] = await h.connector.waitFor(1);
    assert.equal(welcome.conversationId, chat.conversation.id);
    assert.ok(welcome.card, 'the welcome card');
  });

  it('welcomes on membersAdded alone, but not when someone else joins', async () => {
    const chat = h.groupChat();
    await chat.membersAdded([{ id: '29:someone-else', name: 'Someone' }]);
    await h.connector.expectNone(200);
    await chat.membersAdded();
    const [welcome] = await h.connector.waitFor(1);
    assert.ok(welcome.card);
  });

  it('welcomes again after the app was removed and added back', async () => {
    const chat = h.user();
    await chat.install();
    await h.connector.waitFor(1);
    assert.equal((await chat.installationUpdate('remove')).status, 200);
    assert.equal((await chat.installationUpdate('add-upgrade')).status, 200);
    await h.connector.expectNone(200);
    await chat.installationUpdate('add');
    await h.connector.waitFor(1);
  });

  it('in a channel the mention is stripped before routing', async () => {
    const chat = h.channel();
    await chat.say('cancel'); // sent as "<at>CSP Bot</at> cancel"
    const [reply] = await h.connector.waitFor(1);
    assert.equal(reply.text, t('en-US', 'bot.nothingToCancel'));
  });

  it('a bare @mention with no text gets the short hint', async () => {
    await h.channel().say('');
    const [reply] = await h.connector.waitFor(1);
    assert.equal(reply.text, t('en-US', 'bot.emptyMessage'));
  });

  it('unknown text gets a short localized hint quoting the text', async () => {
    await h.user().say('what is my MPN id?');
    const [en] = await h.connector.waitFor(1);
    assert.equal(en.text, t('en-US', 'bot.unknownCommand', { text: 'what is my MPN id?' }));
    await h.user({ locale: 'ko-KR' }).say('helpme');
    const [ko] = await h.connector.waitFor(1);
    assert.equal(ko.text, t('ko-KR', 'bot.unknownCommand', { text: 'helpme' }));
  });

  it('unknown text quoted back is inert: a link typed by someone is shown literally, not as a link', async () => {
    await h.user().say('[Re-verify](https://evil.example) **URGENT**');
    const [reply] = await h.connector.waitFor(1);
    assert.ok(reply.text?.includes('\\[Re-verify\\](https://evil.example) \\*\\*URGENT\\*\\*'), reply.text);
    assert.doesNotMatch(reply.text ?? '', /(^|[^\\])\[Re-verify/);
  });

  it('cancel says there is nothing to cancel (Korean alias, Korean locale)', async () => {
    await h.user({ locale: 'ko-KR' }).say('취소');
    const [reply] = await h.connector.waitFor(1);
    assert.equal(reply.text, t('ko-KR', 'bot.nothingToCancel'));
  });

  it('without a locale on the activity, answers in DEFAULT_LOCALE; any other language gets en-US', async () => {
    const k = await startHarness({ env: { DEFAULT_LOCALE: 'ko-KR' }, storage: 'memory' });
    try {
      await k.user({ locale: null }).say('cancel');
      assert.equal((await k.connector.waitFor(1))[0].text, t('ko-KR', 'bot.nothingToCancel'));
      await k.user({ locale: 'fr-FR' }).say('cancel');
      assert.equal((await k.connector.waitFor(1))[0].text, t('en-US', 'bot.nothingToCancel'));
    } finally {
      await k.close();
    }
  });

  describe('card actions (adaptiveCard/action)', () => {
    it('help.show from the welcome card replaces it with the help card', async () => {
      const chat = h.user({ locale: 'ko-KR' });
      await chat.install();
      const [welcome] = await h.connector.waitFor(1);
      const action = (welcome.card?.actions as { verb: string; data: unknown }[])[0];
      const r = await chat.invoke(action.verb, action.data);
      assert.equal(r.status, 200);
      assert.equal(r.body.statusCode, 200);
      assert.equal(r.body.type, 'application/vnd.microsoft.card.adaptive');
      assert.equal(texts(r.body.value as CardJson)[0], t('ko-KR', 'guide.title'));
    });

    it('an unknown verb gets HTTP 200 with a 400 error body in the user language', async () => {
      const r = await h.user({ locale: 'ko-KR' }).invoke('no.such.verb', { v: 1 });
      assert.equal(r.status, 200);
      assert.deepEqual(r.body, {
        statusCode: 400,
        type: 'application/vnd.microsoft.error',
        value: { code: 'BadRequest', message: t('ko-KR', 'action.unknownVerb') },
      });
    });

    it('invalid data for a known verb is refused by its schema', async () => {
      const r = await h.user().invoke('help.show', { v: 'one' });
      assert.equal(r.status, 200);
      assert.equal(r.body.statusCode, 400);
      assert.equal(r.body.type, 'application/vnd.microsoft.error');
      assert.match((r.body.value as { message: string }).message, /^This card sent data the bot could not read: v: /);
    });

    it('a malformed invoke value (not Action.Execute) is a 400 error body too', async () => {
      const r = await h.user().invokeValue({ action: { type: 'Action.Submit', verb: 'help.show' } });
      assert.equal(r.status, 200);
      assert.equal(r.body.statusCode, 400);
    });
  });
});
