import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import {
  AuthenticationError,
  type AuthenticateRequestResult,
  type ServiceClientCredentialsFactory,
} from 'botframework-connector';
import type { Activity, ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { StatusCodes } from 'botbuilder';

/** Errors of the jsonwebtoken library, which botframework-connector lets escape unwrapped. */
const tokenErrorNames = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/**
 * ConfigurationBotFrameworkAuthentication, with two additions:
 *
 * - a token with a bad signature (or one jsonwebtoken refuses for another reason) is a 401 like every
 *   other bad token. botframework-connector 4.23 throws jsonwebtoken's error as is, which CloudAdapter
 *   turns into a 500: a forged token would look like a server fault and be retried;
 * - only activities from the allowed channels (ALLOWED_CHANNELS, default `msteams`) get past it.
 *   A Web Chat or Direct Line activity is validly signed by the Bot Framework once that channel is
 *   enabled on the registration, but its `from` is whatever the page says: nothing in it is an Entra
 *   identity. It is refused after the token check (so an unsigned request learns nothing) and before
 *   any turn runs: no state, no reply, no identity link. CloudAdapter answers every
 *   AuthenticationError with 401, so the refusal is a 401 whose message names the channel.
 *   The check holds with an empty app id too (local mode).
 */
export class BotAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly allowedChannels: ReadonlySet<string>;

  constructor(
    options: ConfigurationBotFrameworkAuthenticationOptions,
    credentialsFactory: ServiceClientCredentialsFactory | undefined,
    allowedChannels: readonly string[],
    /** Told of each refused channel (the server logs it; CloudAdapter's own report goes to the console). */
    private readonly onChannelRefused: (channel: string) => void = () => undefined,
  ) {
    super(options, credentialsFactory);
    this.allowedChannels = new Set(allowedChannels.map((c) => c.toLowerCase()));
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    let result: AuthenticateRequestResult;
    try {
      result = await super.authenticateRequest(activity, authHeader);
    } catch (e) {
      if (e instanceof Error && tokenErrorNames.has(e.name)) {
        throw new AuthenticationError(`Unauthorized: ${e.message}`, StatusCodes.UNAUTHORIZED);
      }
      throw e;
    }
    const channel = typeof activity.channelId === 'string' ? activity.channelId.toLowerCase() : '';
    if (!this.allowedChannels.has(channel)) {
      this.onChannelRefused(channel);
      throw new ChannelNotAllowedError(channel);
    }
    return result;
  }
}

/** An authenticated activity from a channel that ALLOWED_CHANNELS does not list. */
export class ChannelNotAllowedError extends AuthenticationError {
  constructor(readonly channel: string) {
    super(`Unauthorized: channel '${channel.slice(0, 40)}' is not allowed (ALLOWED_CHANNELS)`, 403);
    this.name = 'ChannelNotAllowedError';
  }
}
