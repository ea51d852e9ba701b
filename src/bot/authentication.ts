import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import {
  AuthenticationConstants,
  AuthenticationError,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorClient,
  type ConnectorFactory,
  type ServiceClientCredentialsFactory,
  type UserTokenClient,
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
  /** connector clients of incoming turns, by app id, service URL and audience (see `reusing`) */
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();
  private readonly userTokenClients = new Map<string, Promise<UserTokenClient>>();

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
    const factory = result.connectorFactory;
    return factory ? { ...result, connectorFactory: this.reusing(factory, appIdOf(result.claimsIdentity)) } : result;
  }

  /**
   * Issue 15: CloudAdapter builds a new ConnectorClient and a new UserTokenClient for every turn, each with its own
   * Azure HTTP pipeline (~0.1 ms of CPU and a heap of short-lived objects per turn). Both are stateless clients whose
   * credentials object caches and renews the bot's token, so one per app id (and service URL and audience) serves
   * every turn, as BotFrameworkAdapter's per-service-URL cache did. Only incoming turns share them: proactive sends
   * (createConnectorFactory) keep their own, since the notification worker changes its clients' retry policy.
   * At most MAX_CACHED entries (service URLs come from activities; with auth off anyone may name one).
   */
  private reusing(inner: ConnectorFactory, appId: string): ConnectorFactory {
    return {
      create: (serviceUrl: string, audience?: string) =>
        remembered(this.connectors, `${appId}\u0000${serviceUrl}\u0000${audience ?? ''}`, () =>
          inner.create(serviceUrl, audience),
        ),
    };
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return remembered(this.userTokenClients, appIdOf(claimsIdentity), () =>
      super.createUserTokenClient(claimsIdentity),
    );
  }
}

const MAX_CACHED = 100;

/** The promise kept under `key`, or a new one (forgotten again if it fails); the oldest goes beyond MAX_CACHED. */
function remembered<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  const known = cache.get(key);
  if (known) return known;
  const made = make();
  made.catch(() => cache.delete(key));
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(key, made);
  return made;
}

/** The bot's app id as botframework-connector reads it from a turn's claims (audience, else appid; '' with auth off). */
function appIdOf(identity: ClaimsIdentity): string {
  return (
    identity.getClaimValue(AuthenticationConstants.AudienceClaim) ??
    identity.getClaimValue(AuthenticationConstants.AppIdClaim) ??
    ''
  );
}

/** An authenticated activity from a channel that ALLOWED_CHANNELS does not list. */
export class ChannelNotAllowedError extends AuthenticationError {
  constructor(readonly channel: string) {
    super(`Unauthorized: channel '${channel.slice(0, 40)}' is not allowed (ALLOWED_CHANNELS)`, 403);
    this.name = 'ChannelNotAllowedError';
  }
}
