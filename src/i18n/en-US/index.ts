import { common } from './common.js';
import { notify } from './notify.js';
import { errors } from './errors.js';
import { partnerships } from './partnerships.js';
import { enrollment } from './enrollment.js';
import { invitePage } from './invite-page.js';
import { customers } from './customers.js';
import { dashboard } from './dashboard.js';
import { partnershipCards } from './partnership-cards.js';
import { notifications } from './notifications.js';
import { identity } from './identity.js';
import { admin } from './admin.js';
import { directory } from './directory.js';
import { labels } from './labels.js';
import { about } from './about.js';

/** The en-US catalogue: the reference set of keys. */
export const enUS = {
  ...common,
  ...errors,
  ...partnerships,
  ...enrollment,
  ...invitePage,
  ...customers,
  ...dashboard,
  ...partnershipCards,
  ...notify,
  ...notifications,
  ...identity,
  ...admin,
  ...directory,
  ...labels,
  ...about,
} as const;
