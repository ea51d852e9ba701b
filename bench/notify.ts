/**
 * Notification delivery benchmark (issue 5, item 8): 2,000 events to 200 channels through the real
 * worker, the real CloudAdapter and HTTP, against a connector that enforces Teams' limits (7/1 s,
 * 8/2 s, 60/30 s, 1800/1 h per conversation; 50/s per tenant) and answers 429 + Retry-After beyond them.
 *
 *   npm run bench:notify                         # SQLite, 200 channels in 1 tenant
 *   npm run bench:notify -- --tenants 4 --latency 40
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:notify -- --pg
 *
 * Prints achieved rate / allowed rate, lost and duplicated (target ≥ 0.9, 0, 0).
 * achieved = events / (last accepted − first accepted), as the connector saw them;
 * allowed  = events / the same span for an ideal scheduler under the same limits (bench/notify-ideal.ts).
 * Events are written channel by channel (all ten of channel 1, then channel 2, …), the order a burst
 * of changes would produce and the hardest for the per-conversation limits.
 */
import { parseArgs } from 'node:util';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { createLogger } from '../src/log.js';
import { cloudAdapterSendPort } from '../src/notify/cloud-adapter-send.js';
import { TEAMS_CONVERSATION_WINDOWS, TEAMS_TENANT_WINDOWS } from '../src/notify/limits.js';
import { NotifyWorker } from '../src/notify/worker.js';
import { freshPostgres, freshSqlite } from '../test/support/db.js';
import { enqueueEvents } from '../test/support/notify-fixtures.js';
import { TeamsLimitsConnector } from '../test/support/teams-limits-connector.js';
import { idealMakespanMs } from './notify-ideal.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '2000' },
    channels: { type: 'string', default: '200' },
    tenants: { type: 'string', default: '1' },
    latency: { type: 'string', default: '20' },
    pg: { type: 'boolean', default: false },
  },
});
const EVENTS = Number(values.events);
const CHANNELS = Number(values.channels);
const TENANTS = Number(values.tenants);
const LATENCY = Number(values.latency);
const perChannel = Math.floor(EVENTS / CHANNELS);
if (perChannel * CHANNELS !== EVENTS) throw new Error('--events must be a multiple of --channels');

const out = (s: string): void => void process.stdout.write(s + '\n');

const connector = await TeamsLimitsConnector.start({
  conversationWindows: TEAMS_CONVERSATION_WINDOWS,
  tenantWindows: TEAMS_TENANT_WINDOWS,
  latencyMs: LATENCY,
});
const t = values.pg ? await freshPostgres() : await freshSqlite();
const { prisma } = t.db;
const tenants = Array.from({ length: TENANTS }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
const tenantOf = Array.from({ length: CHANNELS }, (_, c) => tenants[c % TENANTS]);
const orgs = Array.from({ length: CHANNELS }, (_, c) => {
  const name = `Bench partner ${c}`;
  return {
    id: `org-${c}`, tenantId: `org-tenant-${c}`, mpnId: String(5_000_000 + c), legalName: name, nameSearch: name.toLowerCase(),
    addressLine1: '1 Main St', city: 'Seoul', postalCode: '04524', country: 'KR', region: 'APAC', isProvider: true,
  };
});
await prisma.organization.createMany({ data: orgs });
await prisma.notificationChannel.createMany({
  data: orgs.map((o, c) => ({ id: `channel-${c}`, orgId: o.id, conversationId: `19:bench-${c}@thread.tacv2`, serviceUrl: connector.url, tenantId: tenantOf[c] })),
});
const expected: string[] = [];
// Channel by channel: all events of channel 0, then channel 1, ...
for (let c = 0; c < CHANNELS; c++) {
  expected.push(...(await enqueueEvents(prisma, `org-${c}`, perChannel)).map((k) => `${k}#channel-${c}`));
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '' }));
const worker = new NotifyWorker({ db: prisma, kind: t.kind, send: cloudAdapterSendPort(adapter, ''), logger: createLogger('warn') });
const started = Date.now();
worker.start();
const deadline = started + 15 * 60_000;
while ((await prisma.outboxEvent.count({ where: { status: 'pending' } })) > 0 && Date.now() < deadline) {
  await new Promise((r) => setTimeout(r, 200));
}
const wall = Date.now() - started;
await worker.stop();

const counts = connector.countsByKey();
const lost = expected.filter((k) => !counts.has(k)).length;
const duplicated = [...counts.values()].reduce((a, n) => a + Math.max(0, n - 1), 0);
const unexpected = [...counts.keys()].filter((k) => !expected.includes(k)).length;
const times = connector.accepted.map((a) => a.at);
const span = Math.max(...times) - Math.min(...times);
const ideal = idealMakespanMs(Array.from({ length: CHANNELS }, () => perChannel), tenantOf, TEAMS_CONVERSATION_WINDOWS, TEAMS_TENANT_WINDOWS);
const achievedRate = (EVENTS / span) * 1000;
const allowedRate = (EVENTS / ideal) * 1000;
const statuses = await prisma.outboxEvent.groupBy({ by: ['status'], _count: true });

out(`notify bench: ${EVENTS} events to ${CHANNELS} channels (${perChannel} each) in ${TENANTS} tenant(s), ${t.kind}, connector latency ${LATENCY} ms`);
out(`limits: per conversation ${TEAMS_CONVERSATION_WINDOWS.map((w) => `${w.limit}/${w.ms / 1000}s`).join(', ')}; per tenant ${TEAMS_TENANT_WINDOWS.map((w) => `${w.limit}/${w.ms / 1000}s`).join(', ')}`);
out(`allowed: an ideal scheduler under these limits sends the last event ${ideal} ms after the first -> ${allowedRate.toFixed(1)} events/s`);
out(`  (per tenant: ${EVENTS / TENANTS} events at 50 per sliding second; per conversation: ${perChannel} events under 7/1s, 8/2s)`);
out(`achieved: first to last accepted ${span} ms -> ${achievedRate.toFixed(1)} events/s (wall time to all done ${wall} ms)`);
out(`achieved rate / allowed rate = ${(achievedRate / allowedRate).toFixed(3)}`);
out(`lost = ${lost}, duplicated = ${duplicated}, unexpected = ${unexpected}`);
out(`connector answers: ${[...connector.statusCounts].map(([s, n]) => `${s}×${n}`).join(', ')} (429 from limits: ${connector.throttled})`);
out(`outbox: ${statuses.map((s) => `${s.status}=${s._count}`).join(', ')}`);

if (process.env.NOTIFY_BENCH_TIMELINE) {
  const t0 = Math.min(...times);
  const buckets = new Map<number, number>();
  for (const x of times) buckets.set(Math.floor((x - t0) / 1000), (buckets.get(Math.floor((x - t0) / 1000)) ?? 0) + 1);
  out(`per second: ${[...buckets].map(([s, n]) => `${s}:${n}`).join(' ')}`);
}
await t.cleanup();
await connector.close();
process.exitCode = lost === 0 && duplicated === 0 && unexpected === 0 ? 0 : 1;
