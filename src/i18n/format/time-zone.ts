import { z } from 'zod';

/**
 * An IANA time zone name as Teams sends it in the activity's clientInfo entity
 * (`{ type: 'clientInfo', locale, country, platform, timezone: 'Asia/Seoul' }`), accepted only when
 * it looks like a zone name ('UTC', 'Asia/Seoul', 'America/Argentina/Buenos_Aires') and the runtime's
 * ICU data knows it; the result is the zone's canonical spelling ('asia/seoul' → 'Asia/Seoul').
 * Anything else (offsets, free text, unknown zones) is not a zone: the reader is then shown UTC, said so.
 */
export const timeZoneSchema = z
  .string()
  .max(64)
  .regex(/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/)
  .transform((zone, ctx) => {
    const canonical = canonicalZone(zone);
    if (canonical === undefined) {
      ctx.addIssue({ code: 'custom', message: 'not a time zone this runtime knows' });
      return z.NEVER;
    }
    return canonical;
  });

/** Names already checked; a client cannot grow it without bound (it is cleared past a size no real use reaches). */
const checked = new Map<string, string>();
const MAX_CHECKED = 2000;

function canonicalZone(zone: string): string | undefined {
  const hit = checked.get(zone);
  if (hit !== undefined) return hit;
  let canonical: string;
  try {
    canonical = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
  if (checked.size >= MAX_CHECKED) checked.clear();
  checked.set(zone, canonical);
  return canonical;
}

/** The zone when `raw` is a valid IANA zone name (canonical spelling), else undefined (the reader sees UTC). */
export function parseTimeZone(raw: unknown): string | undefined {
  const r = timeZoneSchema.safeParse(raw);
  return r.success ? r.data : undefined;
}
