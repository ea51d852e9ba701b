import { enrollmentStatus } from '../../domain/enrollment/enrollment-status.js';
import { resendVerification } from '../../domain/enrollment/start-email-verification.js';
import { escapeMarkdown } from '../../i18n/format/index.js';
import { actorOf } from '../actor.js';
import type { CommandHandler } from '../command-kit.js';
import { sendCard } from '../respond.js';
import { servicesOf } from '../services.js';
import { statusCard } from './cards.js';
import type { enrollmentCommandSpecs } from './command-specs.js';
import { beginEnrollment } from './dialog.js';
import { stepButtons } from '../core/guide.js';
import { guideOfTurn } from '../core/guide-turn.js';
import { comparisonSection, storedComparison } from '../partner-center/profile-comparison.js';

/** Issue 4: enrolling (E1/E6) and where the organisation stands (E5/E8). */
export const enrollmentCommands = {
  enroll: beginEnrollment,
  status: async (turn) => {
    const s = await enrollmentStatus(servicesOf(turn).domain, actorOf(turn));
    // its next steps as buttons (sign agreement, invite reseller, find provider, ...), judged by the guide
    const guide = await guideOfTurn(turn);
    const steps = (guide?.steps ?? []).filter((step) => step !== 'status' && step !== 'adminConsole');
    // E-PC5: how what was entered compares with the Partner Center profile, when it was read
    const pc = await storedComparison(turn);
    const more = pc ? [comparisonSection(turn, pc)] : [];
    await sendCard(turn, statusCard(turn.locale, s, stepButtons(turn.locale, turn.scope, steps), more));
  },
  /** E4: a new link to the primary contact (the earlier one stops working); U3: user-managing roles. */
  resendVerification: async (turn) => {
    const { domain, wakeMail } = servicesOf(turn);
    const r = await resendVerification(domain, actorOf(turn));
    const email = escapeMarkdown(r.email);
    if (!r.sent) {
      await turn.context.sendActivity(turn.t('resend.alreadyVerified', { email }));
      return;
    }
    wakeMail();
    await turn.context.sendActivity(turn.t('resend.sent', { email }));
  },
} satisfies Record<(typeof enrollmentCommandSpecs)[number]['id'], CommandHandler>;
