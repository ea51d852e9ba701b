import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';
import type { Activity } from 'botbuilder';
import { StatusCodes } from 'botbuilder';

/** Errors of the jsonwebtoken library, which botframework-connector lets escape unwrapped. */
const tokenErrorNames = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/**
 * ConfigurationBotFrameworkAuthentication, except that a token with a bad signature (or one
 * jsonwebtoken refuses for another reason) is a 401 like every other bad token. botframework-connector
 * 4.23 throws jsonwebtoken's error as is, which CloudAdapter turns into a 500: a forged token would
 * look like a server fault and be retried.
 */
export class BotAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (e) {
      if (e instanceof Error && tokenErrorNames.has(e.name)) {
        throw new AuthenticationError(`Unauthorized: ${e.message}`, StatusCodes.UNAUTHORIZED);
      }
      throw e;
    }
  }
}
