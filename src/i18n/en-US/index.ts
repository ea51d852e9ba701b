import { common } from './common.js';
import { errors } from './errors.js';
import { partnerships } from './partnerships.js';
import { enrollment } from './enrollment.js';

/** The en-US catalogue: the reference set of keys. */
export const enUS = { ...common, ...errors, ...partnerships, ...enrollment } as const;
