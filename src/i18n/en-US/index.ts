import { common } from './common.js';
import { errors } from './errors.js';
import { partnerships } from './partnerships.js';

/** The en-US catalogue: the reference set of keys. */
export const enUS = { ...common, ...errors, ...partnerships } as const;
