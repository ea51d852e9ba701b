import { common } from './common.js';
import { errors } from './errors.js';

/** The en-US catalogue: the reference set of keys. */
export const enUS = { ...common, ...errors } as const;
