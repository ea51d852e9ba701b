import type { Config } from '../config.js';
import type { DomainContext } from '../domain/shared/context.js';
import type { ConnectedPartnerCenter } from '../domain/partner-center/port.js';
import type { ConnectedGdap } from '../domain/gdap/port.js';
import type { MpnProfileSource } from '../domain/enrollment/mpn.js';
import { createFieldCipher } from './field-cipher.js';
import { createMpnRegistry } from '../domain/enrollment/mpn-registry.js';
import type { Logger } from '../log.js';
import type { Database } from './db.js';
import { createDomainStore } from './domain-store.js';

/**
 * The composition root's one call to get the domain going: the Store over the open database, the
 * clock, the program administrators and link settings from configuration, the MPN profile source
 * (the registry table unless another source, e.g. Partner Center, is given), and the cipher of
 * sensitive columns under `dataKey` (resolveDataKey in ./data-key.ts).
 */
export function createDomainContext(opts: {
  config: Pick<Config, 'PROGRAM_ADMINS' | 'INVITATION_TTL_DAYS' | 'PUBLIC_BASE_URL'> & Partial<Pick<Config, 'MPA_TEXT_URL'>>;
  db: Pick<Database, 'prisma' | 'kind'>;
  /** 32 bytes: the at-rest encryption key */
  dataKey: Uint8Array;
  log?: Logger;
  mpn?: MpnProfileSource;
  now?: () => Date;
  /**
   * Issue 17: the connected Partner Center, built over the context's own store, cipher and clock (its token
   * provider needs them); absent: every organisation is embedded.
   */
  partnerCenter?: (base: Pick<DomainContext, 'store' | 'cipher' | 'now' | 'log'>) => ConnectedPartnerCenter;
  /** Issue 18: the connected GDAP (Microsoft Graph), over the same linked accounts; absent: every organisation is embedded. */
  gdap?: (base: Pick<DomainContext, 'store' | 'cipher' | 'now' | 'log'>) => ConnectedGdap;
}): DomainContext {
  const store = createDomainStore(opts.db);
  const base: DomainContext = {
    store,
    now: opts.now ?? (() => new Date()),
    programAdmins: Object.freeze([...opts.config.PROGRAM_ADMINS]),
    invitationTtlDays: opts.config.INVITATION_TTL_DAYS,
    publicBaseUrl: opts.config.PUBLIC_BASE_URL.replace(/\/+$/, ''),
    mpn: opts.mpn ?? createMpnRegistry(store),
    cipher: createFieldCipher(opts.dataKey),
    ...(opts.log ? { log: opts.log } : {}),
    ...(opts.config.MPA_TEXT_URL ? { mpaTextUrl: opts.config.MPA_TEXT_URL } : {}),
  };
  return Object.freeze({
    ...base,
    ...(opts.partnerCenter ? { partnerCenter: opts.partnerCenter(base) } : {}),
    ...(opts.gdap ? { gdap: opts.gdap(base) } : {}),
  });
}
