import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ConversationRefs } from '../../../../src/bot/conversation-refs.js';
import { ReviewNotifier } from '../../../../src/bot/enrollment/review-notifier.js';
import { createDomainContext } from '../../../../src/data/domain-context.js';
import { createLogger } from '../../../../src/log.js';
import { testDataKey } from '../../../support/fixtures.js';
import type { Harness } from '../../../support/harness.js';
import { cardText } from '../../../support/cards.js';
import { forEachDatabase } from '../../../support/db.js';
import { registeredMpnId } from '../../../support/fixtures.js';
import { startSmtp, tokenFrom } from '../../../support/smtp.js';
import { ADMIN_AAD, beginEnroll, startEnrollmentHarness, validForm, verifyByPage } from './support.js';

forEachDatabase('E5: review cards in the program channel (PROGRAM_CHANNEL_ID + PROGRAM_CHANNEL_SERVICE_URL)', (db) => {
  let h: Harness;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  before(async () => {
    smtp = await startSmtp();
    h = await startEnrollmentHarness(smtp.url, { database: db.kind });
  });
  after(async () => {
    await h.close();
    await smtp.close();
  });

  it("E5: posts the review card into the configured channel (the administrators' own cards are outbox rows, see review-users-mpa)", async () => {
    const mpn = await registeredMpnId(h.database!, 'US');
    const chat = h.user({ tenantId: randomUUID() });
    await beginEnroll(h, chat);
    const form = validForm(mpn);
    await chat.invoke('enroll.form', { v: 1, ...form });
    await chat.invoke('enroll.submit', { v: 1 });
    const token = tokenFrom(await smtp.waitFor((m) => m.to.includes(form.primaryEmail)));
    // Without a program channel (and with the outbox worker off) the page confirms and only the applicant hears of it.
    assert.equal((await verifyByPage(h, token)).status, 200);
    const [notice] = await h.connector.waitFor(1);
    assert.equal(notice.conversationId, chat.conversation.id, 'only the applicant hears of it');
    const app = await h.database!.db.prisma.enrollmentApplication.findFirstOrThrow({
      where: { org: { mpnId: mpn } },
    });

    const channelId = `19:program-${randomUUID()}@thread.tacv2`;
    const config = { ...h.config, PROGRAM_CHANNEL_ID: channelId, PROGRAM_CHANNEL_SERVICE_URL: `${h.connector.url}/` };
    const domain = createDomainContext({ config, db: h.database!.db, dataKey: testDataKey() });
    const notifier = new ReviewNotifier(
      h.server.adapter,
      config,
      domain,
      new ConversationRefs(h.storage),
      createLogger('silent'),
    );
    // an administrator who talked to the bot is known by its Teams user id (29:...), which refresh.userIds take
    await h.user({ aadObjectId: ADMIN_AAD, tenantId: randomUUID() }).say('help');
    await h.connector.waitFor(1);
    h.connector.reset();
    await notifier.postToProgramChannel(app.id);
    const [posted] = await h.connector.waitFor(1);
    assert.equal(posted.conversationId, channelId);
    assert.ok(cardText(posted.card).includes(form.legalName));
    assert.deepEqual(posted.card!.refresh.userIds, [`29:${ADMIN_AAD}`]);
    assert.ok(h.config.PROGRAM_ADMINS.includes(ADMIN_AAD));
  });
});
