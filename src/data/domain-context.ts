import type { Config } from '../config.js';
import type { DomainContext } from '../domain/context.js';
import type { MpnProfileSource } from '../domain/mpn.js';
import { createMpnRegistry } from '../domain/mpn-registry.js';
import type { Logger } from '../log.js';
import type { Database } from './db.js';
import { createDomainStore } from './domain-store.js';

/**
 * The composition root's one call to get the domain going: the Store over the open database, the
 * clock, the program administrators and link settings from configuration, and the MPN profile
 * source (the registry table unless another source, e.g. Partner Center, is given).
 */
export function createDomainContext(opts: {
  config: Pick<Config, 'PROGRAM_ADMINS' | 'INVITATION_TTL_DAYS' | 'PUBLIC_BASE_URL'>;
  db: Pick<Database, 'prisma' | 'kind'>;
  log?: Logger;
  mpn?: MpnProfileSource;
  now?: () => Date;
}): DomainContext {
  const store = createDomainStore(opts.db);
  return Object.freeze({
    store,
    now: opts.now ?? (() => new Date()),
    programAdmins: Object.freeze([...opts.config.PROGRAM_ADMINS]),
    invitationTtlDays: opts.config.INVITATION_TTL_DAYS,
    publicBaseUrl: opts.config.PUBLIC_BASE_URL.replace(/\/+$/, ''),
    mpn: opts.mpn ?? createMpnRegistry(store),
    ...(opts.log ? { log: opts.log } : {}),
  });
}
