import type { enUS } from '../en-US/index.js';
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
import { offers } from './offers.js';
import { identity } from './identity.js';
import { admin } from './admin.js';
import { directory } from './directory.js';
import { guide } from './guide.js';
import { labels } from './labels.js';
import { about } from './about.js';
import { partnerCenter } from './partner-center.js';
import { partnerCenterProfile } from './partner-center-profile.js';
import { gdap } from './gdap.js';
import { gdapWatch } from './gdap-watch.js';

/** The ko-KR catalogue: the compiler insists on exactly the keys of en-US. */
export const koKR: Record<keyof typeof enUS, string> = {
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
  ...offers,
  ...identity,
  ...admin,
  ...directory,
  ...guide,
  ...labels,
  ...about,
  ...partnerCenter,
  ...partnerCenterProfile,
  ...gdap,
  ...gdapWatch,
};
