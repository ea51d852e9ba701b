import type { MpnProfile, MpnProfileSource } from './mpn.js';
import type { Store } from '../shared/store.js';

/**
 * The default MPN profile source (issue item 2): the registry the program administrators keep
 * in the MpnProfile table (import-mpn-profiles.ts). A Partner Center lookup can replace it
 * through the same interface.
 */
export function createMpnRegistry(store: Pick<Store, 'read'>): MpnProfileSource {
  return {
    async find(mpnId: string): Promise<MpnProfile | null> {
      const row = await store.read.mpnProfile.findUnique({ where: { mpnId: mpnId.trim() } });
      return row ? { mpnId: row.mpnId, orgName: row.orgName, country: row.country, active: row.active } : null;
    },
  };
}
