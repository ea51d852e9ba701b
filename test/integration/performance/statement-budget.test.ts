/**
 * Issue 15, item 2: a statement budget per turn. Each turn goes through the real server and the real
 * database (SQLite file, PostgreSQL schema); every SQL statement the bot sends to the driver is counted
 * (src/data/statement-trace.ts; transaction control is counted apart). A turn may send at most:
 * help 2, a dialog step 3, a list invoke 4, `customers` 5. The first turn of a person after a restart
 * warms the in-process caches and is not what is budgeted: each case measures a repeated turn.
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../support/db.js';
import { startHarness, type Chat, type Harness, type InvokeResult } from '../../support/harness.js';
import { makeWorld, type EnrolledOrg, type World } from '../../support/fixtures.js';
import { partner, provider, reseller, seedOffers } from '../../support/partners.js';
import type { Middleware } from 'botbuilder';
import { traceStatements, type StatementTally } from '../../../src/data/statement-trace.js';
import { partnershipVerbs as pv } from '../../../src/bot/partnerships/verbs.js';
import { userVerbs as uv } from '../../../src/bot/users/verbs.js';

/**
 * What the turns posted by `run` sent to the database: the harness's middleware tallies each turn (everything
 * the bot does between receiving the activity and answering it, state load and save included).
 */
const turns: StatementTally[] = [];
const tallyTurns: Middleware = { onTurn: (_context, next) => traceStatements(pushTally(), next) };
function pushTally(): StatementTally {
  const tally: StatementTally = { statements: 0, transactions: 0, sql: [] };
  turns.push(tally);
  return tally;
}
async function statementsOf(run: () => Promise<unknown>): Promise<string[]> {
  turns.length = 0;
  await run();
  assert.equal(turns.length, 1, 'one turn');
  return (turns[0]?.sql ?? []).map((sql) => sql.replace(/\s+/g, ' ').slice(0, 160));
}

function withinBudget(what: string, seen: readonly string[], budget: number): void {
  assert.ok(seen.length <= budget, `${what}: ${seen.length} statements (budget ${budget}):\n  ${seen.join('\n  ')}`);
}

forEachDatabase('statement budget per turn (issue 15)', (db) => {
  let h: Harness;
  let w: World;
  let p: EnrolledOrg;
  let r: EnrolledOrg;
  let pChat: Chat;

  let wakes = 0;

  beforeEach(async () => {
    wakes = 0;
    h = await startHarness({ storage: db.kind, middleware: [tallyTurns], onNotifyWake: () => wakes++ });
    w = makeWorld(h.database!, { now: () => new Date(), publicBaseUrl: h.config.PUBLIC_BASE_URL });
    await seedOffers(w);
    p = await provider(w);
    for (let i = 0; i < 3; i++) {
      r = await reseller(w);
      await partner(w, p, r);
    }
    pChat = h.user({ aadObjectId: p.admin.aadObjectId, tenantId: p.tenantId, name: p.admin.name });
  });
  afterEach(async () => {
    await h.close();
  });

  it('help: at most 2', async () => {
    await pChat.say('help');
    const seen = await statementsOf(() => pChat.say('help'));
    process.stdout.write(`      help: ${seen.length}\n`);
    withinBudget('help', seen, 2);
  });

  it('a dialog step (enroll, cancel): at most 3 each', async () => {
    const stranger = h.user({ name: 'New Person' });
    await stranger.say('help');
    const start = await statementsOf(() => stranger.say('enroll'));
    const cancel = await statementsOf(() => stranger.say('cancel'));
    process.stdout.write(`      enroll: ${start.length}, cancel: ${cancel.length}\n`);
    withinBudget('enroll', start, 3);
    withinBudget('cancel', cancel, 3);
  });

  it('a list invoke (the next page of resellers): at most 4', async () => {
    await pChat.say('resellers');
    let answer: InvokeResult | undefined;
    const seen = await statementsOf(async () => {
      answer = await pChat.invoke(pv.partnershipListPage, { v: 1, list: 'resellers', cursor: '', back: '' });
    });
    assert.equal(answer?.body.statusCode, 200, JSON.stringify(answer?.body).slice(0, 300));
    assert.match(JSON.stringify(answer?.body.value), new RegExp(r.legalName), 'the page lists the resellers');
    process.stdout.write(`      list invoke: ${seen.length}\n`);
    withinBudget('list invoke', seen, 4);
  });

  it('customers: at most 5', async () => {
    await pChat.say('help');
    const seen = await statementsOf(() => pChat.say('customers'));
    process.stdout.write(`      customers: ${seen.length}\n`);
    withinBudget('customers', seen, 5);
  });

  it('the notification worker is woken after a turn that wrote notices, never by a turn that wrote none', async () => {
    await pChat.say('help');
    await pChat.say('customers');
    await pChat.invoke(pv.partnershipListPage, { v: 1, list: 'resellers', cursor: '', back: '' });
    assert.equal(wakes, 0, 'turns that wrote no notice do not wake the worker');
    const added = await pChat.invoke(uv.userAdd, {
      v: 1,
      name: 'Kim Min-ji',
      email: 'minji@contoso.example',
      roles: 'sales_agent',
    });
    assert.equal(added.body.statusCode, 200, JSON.stringify(added.body).slice(0, 300));
    const notices = await h.database!.db.prisma.outboxEvent.count({ where: { type: { startsWith: 'user.' } } });
    assert.ok(notices > 0, 'adding a user wrote a notice');
    assert.equal(wakes, 1, 'the turn that wrote it woke the worker once');
  });
});
