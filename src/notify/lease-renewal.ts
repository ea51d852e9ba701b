import type { OutboxStore } from './outbox-store.js';
import type { EventState } from './plan.js';

/**
 * Renews the leases of the events a worker holds (issue 13 item 2: short leases, renewed while held, so that
 * after a crash another worker resumes within seconds). An event whose lease was not renewed (finished meanwhile,
 * or taken over) and runs out before the next renewal is marked lost: nothing more is sent for it. Returns how
 * many were lost. A failed renewal throws; the leases keep their old end and sends stop starting once less than
 * the send budget of it is left.
 */
export async function renewLeases(args: {
  readonly store: Pick<OutboxStore, 'renew'>;
  readonly owner: string;
  readonly events: ReadonlyMap<string, EventState>;
  readonly now: number;
  readonly leaseMs: number;
  readonly renewMs: number;
}): Promise<number> {
  const held = [...args.events.keys()];
  const until = args.now + args.leaseMs;
  const renewed = await args.store.renew(args.owner, held, new Date(until));
  let lost = 0;
  for (const id of held) {
    const ev = args.events.get(id);
    if (!ev) continue;
    if (renewed.has(id)) {
      ev.row.leaseUntil = new Date(until);
    } else if (ev.row.leaseUntil && ev.row.leaseUntil.getTime() <= args.now + args.renewMs) {
      ev.row.leaseUntil = new Date(0);
      lost++;
    }
  }
  return lost;
}
