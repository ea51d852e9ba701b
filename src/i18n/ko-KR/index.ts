import type { enUS } from '../en-US/index.js';
import { common } from './common.js';
import { dashboard } from './dashboard.js';
import { errors } from './errors.js';
import { partnerships } from './partnerships.js';
import { enrollment } from './enrollment.js';
import { partnershipCards } from './partnership-cards.js';

/** The ko-KR catalogue: the compiler insists on exactly the keys of en-US. */
export const koKR: Record<keyof typeof enUS, string> = { ...common, ...errors, ...partnerships, ...enrollment, ...partnershipCards, ...dashboard };
