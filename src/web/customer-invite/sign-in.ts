import { signInCallback as customerSignInCallback } from '../customer-sign-in.js';
import { INVITE_PLACE, type InvitePagesContext } from './session.js';

/**
 * GET /invite/callback: the identity provider's answer (code + state), as ../customer-sign-in.ts redeems it; the
 * invitation page also logs the refused callback's query keys and a token without `wids`.
 */
export function signInCallback(ctx: InvitePagesContext) {
  return customerSignInCallback(INVITE_PLACE, ctx.signIn, ctx.logger, { detailedLogs: true });
}
