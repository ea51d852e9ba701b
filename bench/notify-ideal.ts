/**
 * The "allowed rate" of bench/notify.ts: the fastest any sender could deliver a workload without
 * breaking Teams' limits, computed by simulating an ideal scheduler that knows every limit and may
 * send any pending event at any millisecond (no network, no database, no processing time).
 *
 * Window semantics are the connector's: a send at time t fits a window (limit L, length W) when fewer
 * than L accepted sends lie in (t - W, t]. The scheduler is greedy: at each instant it sends, while
 * they fit, from the conversations with the most events left, then jumps to the next instant at which
 * some conversation with events left fits again. For identical events this is the earliest-finish
 * schedule for every single limit (tenant-only or conversation-only); together it is a lower bound
 * within a millisecond or so of any real schedule.
 */
export interface Window {
  readonly limit: number;
  readonly ms: number;
}

function waitFor(list: readonly number[], windows: readonly Window[], t: number): number {
  let at = t;
  for (const w of windows) {
    const inWindow = list.filter((x) => x > t - w.ms);
    if (inWindow.length < w.limit) continue;
    at = Math.max(at, (inWindow[inWindow.length - w.limit] ?? t) + w.ms);
  }
  return at;
}

/** events[c] = how many events go to conversation c; tenantOf[c] its tenant. Returns the last send time (ms, first send at 0). */
export function idealMakespanMs(
  events: readonly number[],
  tenantOf: readonly string[],
  conversationWindows: readonly Window[],
  tenantWindows: readonly Window[],
): number {
  const left = [...events];
  const convSends: number[][] = events.map(() => []);
  const tenantSends = new Map<string, number[]>();
  let remaining = left.reduce((a, b) => a + b, 0);
  let t = 0;
  let last = 0;
  while (remaining > 0) {
    const order = left
      .map((n, c) => [n, c] as const)
      .filter(([n]) => n > 0)
      .sort((a, b) => b[0] - a[0]);
    let sent = false;
    for (const [, c] of order) {
      const tenant = tenantOf[c] ?? '';
      const ts = tenantSends.get(tenant) ?? [];
      tenantSends.set(tenant, ts);
      const cs = convSends[c];
      while ((left[c] ?? 0) > 0 && waitFor(cs, conversationWindows, t) === t && waitFor(ts, tenantWindows, t) === t) {
        cs.push(t);
        ts.push(t);
        left[c]--;
        remaining--;
        last = t;
        sent = true;
      }
    }
    if (remaining === 0) break;
    if (sent) continue;
    let next = Number.POSITIVE_INFINITY;
    for (const [, c] of order) {
      const ts = tenantSends.get(tenantOf[c] ?? '') ?? [];
      next = Math.min(next, Math.max(waitFor(convSends[c], conversationWindows, t), waitFor(ts, tenantWindows, t)));
    }
    t = next > t ? next : t + 1;
  }
  return last;
}
