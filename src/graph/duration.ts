/**
 * Graph's `duration` and `autoExtendDuration` are ISO 8601 durations ("P730D", "PT0S", "P180D"; the reference's
 * limits are "P1D" to "P2Y" inclusive). The product speaks in days: P{n}D both ways; on reading, years and months
 * count as 365 and 30 days (Graph answers in days, as it was sent), and a time part (PT0S) is zero days.
 */
export function isoDays(days: number): string {
  return days === 0 ? 'PT0S' : `P${days}D`;
}

const pattern = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Whole days of an ISO 8601 duration, or undefined when it is not one. */
export function daysOf(iso: string): number | undefined {
  const match = pattern.exec(iso);
  if (match === null || iso === 'P' || iso.endsWith('T')) return undefined;
  const [, years, months, weeks, days, hours, minutes, seconds] = match.map((part) => Number(part ?? 0));
  const totalSeconds =
    ((years ?? 0) * 365 + (months ?? 0) * 30 + (weeks ?? 0) * 7 + (days ?? 0)) * 86_400 +
    (hours ?? 0) * 3_600 +
    (minutes ?? 0) * 60 +
    (seconds ?? 0);
  return Math.floor(totalSeconds / 86_400);
}
