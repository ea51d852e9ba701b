import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { PrismaClient } from '../../../src/data/db.js';
import { cloudAdapterSendPort, type CloudAdapterSendOptions } from '../../../src/notify/cloud-adapter-send.js';
import { enqueueEvents, seedChannel, seedOrg } from '../../support/notify-fixtures.js';
import type { TeamsLimitsConnector } from '../../support/teams-limits-connector.js';

/** The real send port of a bot without an app id (nothing signed), over botbuilder's CloudAdapter. */
export function realSend(options: CloudAdapterSendOptions = {}) {
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '' }),
  );
  return cloudAdapterSendPort(adapter, '', options);
}

/**
 * `orgs` organisations, each with one channel at the connector (all in one Teams tenant) and `perOrg` notices:
 * returns every delivery owed, as the connector sees it ("<idempotencyKey>#<channel id>").
 */
export async function seedFanOut(
  prisma: PrismaClient,
  serviceUrl: string,
  orgs: number,
  perOrg: number,
): Promise<string[]> {
  const tenantId = '11111111-2222-3333-4444-555555555555';
  const owed: string[] = [];
  for (let i = 0; i < orgs; i++) {
    const org = await seedOrg(prisma);
    const channel = await seedChannel(prisma, org, serviceUrl, { tenantId });
    const keys = await enqueueEvents(prisma, org.id, perOrg);
    owed.push(...keys.map((k) => `${k}#${channel.id}`));
  }
  return owed;
}

/** Delivered (at least once), lost (never accepted) and duplicates (accepted more than once) of `owed`. */
export function tally(connector: TeamsLimitsConnector, owed: readonly string[]) {
  const counts = connector.countsByKey();
  const lost = owed.filter((k) => !counts.has(k));
  const duplicates = [...counts.values()].reduce((a, n) => a + Math.max(0, n - 1), 0);
  return { delivered: owed.length - lost.length, lost, duplicates };
}

export async function until(cond: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
