import { common } from './common.js';
import { dashboard } from './dashboard.js';
import { errors } from './errors.js';
import { partnerships } from './partnerships.js';
import { enrollment } from './enrollment.js';
import { partnershipCards } from './partnership-cards.js';

/** The en-US catalogue: the reference set of keys. */
export const enUS = { ...common, ...errors, ...partnerships, ...enrollment, ...partnershipCards, ...dashboard } as const;
