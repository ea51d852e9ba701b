import { isProgramAdmin, requireProgramAdmin } from '../../domain/shared/context.js';
import { programAdminTeamsIds } from '../../domain/shared/program-admins.js';
import { actorOf, trustedIdentityOf } from '../actor.js';
import { viewerId } from '../respond.js';
import { hasServices, servicesOf } from '../services.js';
import type { TurnInfo } from '../turn.js';

/**
 * Where the console may be used: personal chat, and the program's own channel (PROGRAM_CHANNEL_ID). Any other
 * team channel is refused, so what waits for the program is never shown to a partner's team.
 */
export function consoleAllowedHere(turn: TurnInfo): boolean {
  if (turn.scope === 'personal') return true;
  if (turn.scope !== 'team') return false;
  return servicesOf(turn).reviews.isProgramChannel(turn.context.activity.conversation?.id ?? '');
}

/** U3: the console's gate for a text command: the place, then the role (PROGRAM_ADMIN_REQUIRED). */
export async function requireConsole(turn: TurnInfo): Promise<boolean> {
  if (!consoleAllowedHere(turn)) {
    await turn.context.sendActivity(turn.t('admin.channelOnly'));
    return false;
  }
  await requireProgramAdmin(servicesOf(turn).domain, actorOf(turn));
  return true;
}

/**
 * Who gets an approval card (review, end request) refreshed automatically: the Teams user ids (29:...) of every
 * current program administrator the bot has seen, and whoever is looking now.
 */
export async function adminRefreshIds(turn: TurnInfo): Promise<string[]> {
  return [...new Set([viewerId(turn), ...(await programAdminTeamsIds(servicesOf(turn).domain))])];
}

/** Whether the person of this turn holds the program administrator role (help's hook; false without services). */
export async function programAdminHere(turn: TurnInfo): Promise<boolean> {
  if (!trustedIdentityOf(turn.context.activity) || !hasServices(turn)) return false;
  return isProgramAdmin(servicesOf(turn).domain, actorOf(turn));
}
