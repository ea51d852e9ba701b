import type { Storage, StoreItems } from 'botbuilder';

/** Where the eTag a turn read is kept inside the state object (BotState overwrites `eTag` itself). */
const READ_ETAG = '__readEtag';
/**
 * The eTag a first write carries: no stored item has it, so the storage writes only while nothing is stored yet
 * (PrismaStorage: an insert that fails on the primary key; MemoryStorage: the same).
 */
export const FIRST_WRITE_ETAG = 'first-write';

/**
 * botbuilder's BotState.saveChanges sets `eTag = '*'` on every state it writes (botbuilder-core 4.23
 * lib/botState.js), so the storage's compare-and-set never ran for conversation and user state: of two turns of
 * one conversation on two instances, the last save won and the other's answer was lost without a word (found by
 * the three-instance test, test/integration/scale-out). This keeps the eTag the turn read beside the state and
 * writes with it, so the later save fails with EtagConflictError and the user is told to send it again
 * (turn-error.ts). State that did not exist when read is written only if it still does not exist.
 */
export function compareAndSetState(storage: Storage): Storage {
  return {
    async read(keys) {
      const items = await storage.read(keys);
      for (const item of Object.values(items) as Record<string, unknown>[]) {
        if (item && typeof item.eTag === 'string') item[READ_ETAG] = item.eTag;
      }
      return items;
    },
    async write(changes) {
      const out: StoreItems = {};
      for (const [key, item] of Object.entries(changes) as [string, Record<string, unknown>][]) {
        const { [READ_ETAG]: read, ...rest } = item;
        const expected = typeof read === 'string' ? read : FIRST_WRITE_ETAG;
        out[key] = rest.eTag === '*' || rest.eTag === undefined ? { ...rest, eTag: expected } : rest;
      }
      await storage.write(out);
      for (const [key, item] of Object.entries(changes) as [string, Record<string, unknown>][]) {
        item.eTag = (out[key] as { eTag?: string }).eTag;
        item[READ_ETAG] = item.eTag;
      }
    },
    delete: (keys) => storage.delete(keys),
  };
}
