import assert from 'node:assert/strict';
import { MessageFactory, type ConversationParameters } from 'botbuilder';
import { TurnAdapter } from '../../src/bot/turn-adapter.js';
import { startHarness, type Harness } from '../support/harness.js';

/**
 * The harness itself, and what the bot does with connector failures when it replies (src/bot/turn-adapter.ts posts
 * replies directly and retries as the SDK's pipeline did): later features (notifications, proactive sends) rely on
 * both.
 */
describe('test harness', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ storage: 'memory' });
  });
  after(async () => {
    await h.close();
  });
  afterEach(() => h.connector.reset());

  it('replies are recorded with their conversation, replyToId and the posted activity', async () => {
    const chat = h.channel({ locale: 'ko-KR', tenantId: 'tenant-1', aadObjectId: 'aad-1' });
    const r = await chat.say('cancel');
    assert.equal(r.activity?.from?.aadObjectId, 'aad-1');
    assert.equal((r.activity?.channelData as { tenant: { id: string } }).tenant.id, 'tenant-1');
    assert.equal(r.activity?.conversation?.conversationType, 'channel');
    const [reply] = await h.waitForReplies(1);
    assert.equal(reply.kind, 'reply');
    assert.equal(reply.replyToId, r.activity?.id);
    assert.equal(reply.conversationId, chat.conversation.id);
    assert.equal(reply.activity.locale, 'ko-KR');
  });

  it('waitFor fails with what did arrive when too little arrives', async () => {
    await h.user().say('cancel');
    await assert.rejects(
      h.connector.waitFor(2, { timeoutMs: 300 }),
      /expected 2 more activities.*got 1.*nothing to cancel/,
    );
  });

  it('a 429 with Retry-After is retried after the delay; the reply arrives once', async () => {
    h.connector.failNext(1, 429, { retryAfter: 1 });
    const started = Date.now();
    await h.user().say('cancel');
    const [reply] = await h.waitForReplies(1);
    assert.match(reply.text ?? '', /nothing to cancel/);
    assert.deepEqual(
      h.connector.calls.map((c) => c.status),
      [429, 200],
    );
    assert.ok(Date.now() - started >= 900, 'Retry-After was honoured');
  });

  it('a 500 is retried too (exponential back-off)', async () => {
    h.connector.failNext(1, 500);
    await h.user().say('cancel');
    await h.waitForReplies(1);
    assert.deepEqual(
      h.connector.calls.map((c) => c.status),
      [500, 200],
    );
  });

  it('a 503 that outlasts the attempts fails the turn after four posts, and nothing is posted twice', async () => {
    const chat = h.user();
    h.connector.failNext(4, 503, { retryAfter: 0, conversationId: chat.conversation.id });
    const r = await chat.say('cancel');
    assert.equal(r.status, 200, "Teams gets its answer; the failure is the turn error handler's");
    const replies = h.connector.calls.filter((c) => c.conversationId === chat.conversation.id);
    // four attempts at the reply, then the turn error handler's apology, which gets through
    assert.deepEqual(
      replies.map((c) => c.status),
      [503, 503, 503, 503, 200],
    );
    assert.equal(h.connector.activities.filter((a) => /nothing to cancel/.test(a.text ?? '')).length, 0);
  });

  it('a 400 is not tried again', async () => {
    const chat = h.user();
    h.connector.failNext(1, 400, { conversationId: chat.conversation.id });
    await chat.say('cancel');
    const statuses = h.connector.calls.filter((c) => c.conversationId === chat.conversation.id).map((c) => c.status);
    assert.equal(statuses[0], 400);
    assert.equal(statuses.filter((s) => s === 400).length, 1);
  });

  it('a reply goes to the reply route with the activity as the SDK would post it', async () => {
    const chat = h.user({ locale: 'en-US' });
    const r = await chat.say('cancel');
    const [call] = h.connector.calls;
    assert.equal(call?.kind, 'reply');
    assert.equal(call?.activityId, r.activity?.id);
    assert.equal(call?.method, 'POST');
    assert.match(String(call?.headers['content-type']), /^application\/json/);
    const body = call?.body as Record<string, unknown>;
    assert.equal(body.type, 'message');
    assert.equal(body.replyToId, r.activity?.id);
    assert.deepEqual((body.conversation as { id: string }).id, chat.conversation.id);
    assert.equal(body.id, undefined, 'the outgoing activity carries no id of its own');
  });

  it("replies go through the SDK's own pipeline when an outgoing proxy is configured (only it honours one)", async () => {
    assert.ok(h.server.adapter instanceof TurnAdapter, 'without a proxy, replies are posted directly');
    const proxied = await startHarness({ storage: 'memory', env: { HTTPS_PROXY: 'http://127.0.0.1:9' } });
    try {
      assert.equal(proxied.server.adapter instanceof TurnAdapter, false);
    } finally {
      await proxied.close();
    }
  });

  it('proactive: continueConversationAsync with a stored reference sends into the conversation', async () => {
    const chat = h.groupChat();
    await h.server.adapter.continueConversationAsync(h.config.MicrosoftAppId, h.reference(chat), async (context) => {
      await context.sendActivity(MessageFactory.text('proactive hello'));
    });
    const [sent] = await h.waitForReplies(1);
    // botbuilder gives the continuation activity a random id and replies to it (POST .../activities/:id);
    // Teams accepts that as a new message. Use connector.calls to see the exact route.
    assert.equal(sent.kind, 'reply');
    assert.equal(sent.conversationId, chat.conversation.id);
    assert.equal(sent.text, 'proactive hello');
  });

  it('proactive: createConversationAsync posts /v3/conversations and the first activity is recorded', async () => {
    const chat = h.user();
    const parameters = {
      isGroup: false,
      bot: chat.activity({}).recipient,
      members: [{ id: chat.user.id, name: chat.user.name }],
      tenantId: chat.conversation.tenantId,
      channelData: { tenant: { id: chat.conversation.tenantId } },
    } as ConversationParameters;
    let createdId = '';
    await h.server.adapter.createConversationAsync(
      h.config.MicrosoftAppId,
      'msteams',
      `${h.connector.url}/`,
      'https://api.botframework.com',
      parameters,
      async (context) => {
        createdId = context.activity.conversation.id;
        await context.sendActivity('first message in a new chat');
      },
    );
    assert.match(createdId, /^a:created-/);
    const calls = h.connector.calls.map((c) => c.kind);
    // The SDK addresses the first send as a reply to the conversation's creation activity.
    assert.deepEqual(calls, ['createConversation', 'reply']);
    const [sent] = await h.waitForReplies(1);
    assert.equal(sent.conversationId, createdId);
  });

  it('GET members answers the harness users (TeamsInfo.getMember works)', async () => {
    const chat = h.user({ aadObjectId: 'aad-42', name: 'Kim' });
    const res = await fetch(
      `${h.connector.url}/v3/conversations/${encodeURIComponent(chat.conversation.id)}/members/${encodeURIComponent(chat.user.id)}`,
    );
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { aadObjectId: string }).aadObjectId, 'aad-42');
  });

  it("GET members/{userId} answers in the REST reference shape (TeamsChannelAccount), only for the conversation's members", async () => {
    const chat = h.user({ aadObjectId: 'aad-43', name: 'Lee', tenantId: 'tenant-43', email: 'lee@contoso.example' });
    const other = h.user({ aadObjectId: 'aad-44', name: 'Park', tenantId: 'tenant-43' });
    const member = (conversationId: string, userId: string) =>
      fetch(
        `${h.connector.url}/v3/conversations/${encodeURIComponent(conversationId)}/members/${encodeURIComponent(userId)}`,
      );
    const res = await member(chat.conversation.id, chat.user.id);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), {
      id: chat.user.id,
      name: 'Lee',
      aadObjectId: 'aad-43',
      email: 'lee@contoso.example',
      userPrincipalName: 'lee@contoso.example',
      tenantId: 'tenant-43',
      userRole: 'user',
    });
    const byAad = await member(chat.conversation.id, 'aad-43');
    assert.equal(((await byAad.json()) as { id: string }).id, chat.user.id, 'by Entra object id too');
    // a user without a mailbox address: no email, a user principal name all the same
    const park = (await (await member(other.conversation.id, other.user.id)).json()) as Record<string, unknown>;
    assert.equal(park.email, undefined);
    assert.match(String(park.userPrincipalName), /@/);
    // someone who is not in this conversation is not found there
    const outsider = await member(chat.conversation.id, other.user.id);
    assert.equal(outsider.status, 404);
    assert.equal(((await outsider.json()) as { error: { code: string } }).error.code, 'MemberNotFoundInConversation');
    // another person in the same conversation has their own entry, not the first user's email
    const guest = chat.as({ aadObjectId: 'aad-45', name: 'Choi' });
    const choi = (await (await member(chat.conversation.id, guest.user.id)).json()) as Record<string, unknown>;
    assert.deepEqual([choi.aadObjectId, choi.email], ['aad-45', undefined]);
  });
});
