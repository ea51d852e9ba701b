import { readTurnStart } from './data/actor-facts.js';
import type { TurnStartQuery } from './bot/services.js';
import type { CloudAdapter } from 'botbuilder';
import type { ConversationRefs } from './bot/conversation-refs.js';
import type { AppServices } from './bot/services.js';
import type { Config } from './config.js';
import { resolveDataKey } from './data/data-key.js';
import { createDomainContext } from './data/domain-context.js';
import type { Database } from './data/db.js';
import type { Logger } from './log.js';
import { MailOutbox } from './mail/mail-outbox.js';
import { createMailTransport, type MailTransport } from './mail/transport.js';
import { directoryRenderer } from './bot/directory/notify-render.js';
import { enrollmentRenderer } from './bot/enrollment/notify-render.js';
import { partnershipCardRenderer } from './bot/partnerships/notify-render.js';
import { gdapRenderer } from './bot/gdap/notify-render.js';
import { programAdminViewers } from './bot/viewers.js';
import { cloudAdapterSendPort } from './notify/cloud-adapter-send.js';
import { NotifyWorker } from './notify/worker.js';
import { PartnerCenterSignIn } from './entra/partner-center-sign-in.js';
import { partnerCenterTokens, type LinkedAccountTokens } from './domain/partner-center/partner-center-tokens.js';
import { connectedPartnerCenter } from './partner-center/connected-port.js';
import { createConnectedGdap } from './graph/connected-gdap.js';
import { withProfileReads } from './partner-center/connected-profile.js';
import type { DomainContext } from './domain/shared/context.js';
import { LINK_PATH } from './domain/partner-center/start-link.js';
import { PartnerCenterWarnings } from './notify/partner-center-warnings.js';
import { GdapDigestJob } from './notify/gdap-digest-job.js';
import { gdapDigestRenderer } from './notify/gdap-digest-render.js';
import { webhookVerifierFor } from './partner-center/webhook-trust.js';
import { webhookPartnerCenter } from './partner-center/webhook-subscription.js';

/**
 * The services the bot's server needs beyond Bot Framework: the domain over the open database and
 * the mail outbox (SMTP_URL, or .eml files under MAIL_DIR). Used by src/index.ts and the tests.
 */
export function createAppServices(opts: {
  config: Config;
  db: Pick<Database, 'prisma' | 'kind' | 'hot'>;
  logger: Logger;
  /** Replaces the transport built from configuration (tests). */
  transport?: MailTransport;
  mailPollIntervalMs?: number;
  /**
   * Deliver outbox notifications to Teams (default true). Tests that assert on every activity the
   * connector receives turn it off and run the worker themselves.
   */
  notifications?: boolean;
}): AppServices {
  // DATA_ENCRYPTION_KEY, or the key file beside the embedded SQLite database (refused otherwise)
  const dataKey = resolveDataKey(opts.config, opts.logger);
  const { config, db, logger } = opts;
  const notifier =
    opts.notifications === false
      ? undefined
      : (adapter: CloudAdapter, refs: ConversationRefs) =>
          new NotifyWorker({
            db: db.prisma,
            hot: db.hot,
            logger,
            send: cloudAdapterSendPort(adapter, config.MicrosoftAppId, {
              viaConnectorPipeline: config.outgoingProxy !== undefined,
            }),
            // review cards (E5), partnership decision cards (P7, P10), directory change cards (P10); text for everything
            // else (each refreshing for its deciders by Teams id, item 6)
            // issue 18: the GDAP digest card (item 4), the customer's GDAP approval and a reseller's consent request
            render: gdapDigestRenderer(
              gdapRenderer(
                directoryRenderer(
                  enrollmentRenderer(() => programAdminViewers(domain, refs), partnershipCardRenderer(domain, refs)),
                ),
              ),
            ),
            findPerson: (aad) => refs.home(aad),
            defaultLocale: config.DEFAULT_LOCALE,
            retryForMs: config.NOTIFY_RETRY_HOURS * 3_600_000,
            ...(config.MicrosoftAppTenantId ? { defaultTenantId: config.MicrosoftAppTenantId } : {}),
          });
  const hot = db.hot;
  // issue 17 item 2: Partner Center linking, when the app registration is configured
  const pcId = config.PARTNER_CENTER_CLIENT_ID;
  const pcSecret = config.PARTNER_CENTER_CLIENT_SECRET;
  const signIn =
    pcId && pcSecret
      ? new PartnerCenterSignIn({
          authority: config.PARTNER_CENTER_AUTHORITY,
          clientId: pcId,
          clientSecret: pcSecret,
          redirectUri: `${config.PUBLIC_BASE_URL}${LINK_PATH}/callback`,
        })
      : undefined;
  // issue 17 item 1: with an app registration, organisations that chose connected mode go through Partner Center;
  // the port and the link card share one token provider (one cache, one refresh at a time per organisation); it also
  // answers Graph tokens for connected GDAP (src/graph/connected-gdap.ts, with config.GRAPH_API_URL)
  let tokens: LinkedAccountTokens | undefined;
  const tokensFor = (base: Pick<DomainContext, 'store' | 'cipher' | 'now' | 'log'>, s: PartnerCenterSignIn) =>
    (tokens ??= partnerCenterTokens(base, s));
  const domain = createDomainContext({
    config,
    db,
    log: logger,
    dataKey,
    ...(signIn
      ? {
          partnerCenter: (base: Pick<DomainContext, 'store' | 'cipher' | 'now' | 'log'>) => {
            const pcOptions = { tokens: tokensFor(base, signIn), logger, baseUrl: config.PARTNER_CENTER_API_URL };
            // E-PC1: the organisation's own profile, read for enrollment whatever its mode
            return withProfileReads(connectedPartnerCenter(pcOptions), pcOptions);
          },
          // issue 18 item 5 (G13): connected organisations' GDAP goes through Microsoft Graph, same linked account
          gdap: (base: Pick<DomainContext, 'store' | 'cipher' | 'now' | 'log'>) =>
            createConnectedGdap({ tokens: tokensFor(base, signIn), logger, baseUrl: config.GRAPH_API_URL }),
        }
      : {}),
  });
  const mail = new MailOutbox({
    store: domain.store,
    transport: opts.transport ?? createMailTransport(opts.config, opts.logger),
    logger: opts.logger,
    ...(opts.mailPollIntervalMs ? { pollIntervalMs: opts.mailPollIntervalMs } : {}),
  });
  const pcTokens = tokens;
  return {
    domain,
    mail,
    ...(signIn && pcSecret && pcTokens ? { partnerCenter: { signIn, tokens: pcTokens, cookieSecret: pcSecret } } : {}),
    // issue 17 item 4: Partner Center's webhook events (src/web/partner-center-events.ts)
    partnerCenterWebhooks: {
      verifier: webhookVerifierFor(config),
      publicBaseUrl: config.PUBLIC_BASE_URL,
      ...(pcTokens
        ? {
            partnerCenter: webhookPartnerCenter({
              baseUrl: config.PARTNER_CENTER_API_URL,
              accessTokenFor: (orgId) => pcTokens.accessTokenFor(orgId),
              logger,
            }),
          }
        : {}),
    },
    partnerCenterWarnings: (wake: () => void) => new PartnerCenterWarnings({ domain, logger, wake }),
    gdapDigest: (wake: () => void) => new GdapDigestJob({ domain, logger, wake, hourUtc: config.GDAP_DIGEST_HOUR_UTC }),
    ...(notifier ? { notifier } : {}),
    turnStart: (who: TurnStartQuery) => readTurnStart(hot, who),
  };
}
