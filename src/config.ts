import { z } from 'zod';
import { parseDataKey } from './data/field-cipher.js';

/**
 * The whole environment of the bot, validated once at start-up.
 * Names of the Bot Framework settings follow the Bot Framework SDK's own
 * (`MicrosoftAppId`, ...) so that existing Azure Bot deployments carry over.
 */
const locale = z.enum(['en-US', 'ko-KR']);

const csv = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  );

const optionalUrl = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()))
  .pipe(z.url().optional());

export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  MicrosoftAppId: z.string().trim().default(''),
  MicrosoftAppPassword: z.string().default(''),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: z.string().trim().default(''),
  /** Only for tests and sovereign clouds: where channel tokens' signing keys are published. */
  ToBotFromChannelOpenIdMetadataUrl: optionalUrl,
  ToBotFromChannelTokenIssuer: z.string().trim().optional(),
  DATABASE_URL: z
    .string()
    .trim()
    .default('file:./data/csp-bot.db')
    .refine((v) => /^(file:|postgres(ql)?:\/\/)/.test(v), {
      message: 'must start with file: (SQLite) or postgres:// / postgresql:// (PostgreSQL)',
    }),
  /**
   * The key that encrypts sensitive columns at rest (the direct-bill bank details): base64 of 32
   * random bytes (`openssl rand -base64 32`). Unset with the embedded SQLite: a key file is created
   * beside the database on first start (src/data/data-key.ts); production sets this instead.
   * Required with PostgreSQL.
   */
  DATA_ENCRYPTION_KEY: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()))
    .pipe(
      z
        .string()
        .refine(
          (v) => parseDataKey(v) !== null,
          'must be the base64 encoding of exactly 32 bytes (e.g. `openssl rand -base64 32`)',
        )
        .optional(),
    ),
  PUBLIC_BASE_URL: z
    .url()
    .default('http://localhost:3978')
    .transform((v) => v.replace(/\/+$/, '')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEFAULT_LOCALE: locale.default('en-US'),
  /** AAD object ids of the program administrators (comma separated). */
  PROGRAM_ADMINS: csv,
  /** M1: where the MPA card links to the agreement text it asks the signer to have read. */
  MPA_TEXT_URL: z.url().default('https://learn.microsoft.com/partner-center/enroll/microsoft-partner-agreement'),
  /**
   * Marks a demonstration deployment (`npm run playground` sets it): the home page and the start-up
   * log say the data is demo data. 1/true or 0/false; default off.
   */
  DEMO_MODE: z
    .enum(['', '0', '1', 'true', 'false'])
    .default('')
    .transform((v) => v === '1' || v === 'true'),
  /**
   * Days a bot-state row (a conversation's or a user's state, with any dialog left in it) is kept after its last
   * write; older rows are purged every hour (src/data/prisma-storage.ts). Dialogs themselves expire after 24 h.
   */
  BOT_STATE_TTL_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Days an invitation link stays valid. */
  INVITATION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /**
   * Outgoing mail (E4 verification links, E5 state changes), one URL: smtp://user:pass@host:587 or
   * smtps://host:465. Unset (local runs): each message is written as an .eml file under MAIL_DIR
   * and the log names the file (never its links).
   */
  SMTP_URL: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()))
    .pipe(
      z
        .string()
        .regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL')
        .optional(),
    ),
  /** The From header of outgoing mail. */
  MAIL_FROM: z.string().trim().min(3).default('CSP Partner Bot <no-reply@csp-bot.invalid>'),
  /** Where .eml files go when SMTP_URL is unset. */
  MAIL_DIR: z.string().trim().min(1).default('./data/mail'),
  /**
   * The program's Teams channel, where program administrators also get review cards (E5): its
   * conversation id (19:...@thread.tacv2) and the service URL Teams posts it from. Unset: review
   * cards go to the administrators' personal chats only.
   */
  PROGRAM_CHANNEL_ID: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined)),
  PROGRAM_CHANNEL_SERVICE_URL: optionalUrl,
  /**
   * OpenID Connect sign-in of the customer-invitation page (C2/C3): the issuer (Entra ID:
   * https://login.microsoftonline.com/organizations/v2.0; locally `npm run oidc:dev`), and the web
   * app's client id and secret. The redirect URI to register is `${PUBLIC_BASE_URL}/invite/callback`.
   * Unset: the page says signing in is not available.
   */
  OIDC_ISSUER: optionalUrl,
  OIDC_CLIENT_ID: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined)),
  OIDC_CLIENT_SECRET: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined)),
  /**
   * Issue 17 item 2 (docs/partner-center.md): the multi-tenant Entra app registration through which an admin links
   * the organisation's Partner Center account (Secure Application Model): its client id and secret, and the
   * authority (Entra ID's `organizations` endpoint; a local provider in tests). The redirect URI to register is
   * `${PUBLIC_BASE_URL}/partner-center/link/callback`. Unset id or secret: the card says linking is not set up.
   */
  PARTNER_CENTER_CLIENT_ID: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined)),
  PARTNER_CENTER_CLIENT_SECRET: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined)),
  PARTNER_CENTER_AUTHORITY: z
    .url()
    .default('https://login.microsoftonline.com/organizations')
    .transform((v) => v.replace(/\/+$/, '')),
  /**
   * Issue 17 item 4 (docs/partner-center.md, W1–W6): Partner Center's REST base URL (the local Partner Center in
   * tests and the playground) and what the webhook verifier trusts. Production leaves all of these unset: Microsoft's
   * host and certificate over https, Node's root CAs, issuer "Microsoft Corporation". Tests and the playground point
   * them at the stand-in's emitter (test/support/partner-center/webhook-emitter.ts verifierOptions()).
   */
  PARTNER_CENTER_API_URL: z
    .url()
    .default('https://api.partnercenter.microsoft.com')
    .transform((v) => v.replace(/\/+$/, '')),
  /**
   * Issue 18 item 5 (docs/gdap-connected.md): Microsoft Graph's v1.0 base URL for connected GDAP (the local Graph,
   * test/support/graph, in tests). Production leaves it unset.
   */
  GRAPH_API_URL: z
    .url()
    .default('https://graph.microsoft.com/v1.0')
    .transform((v) => v.replace(/\/+$/, '')),
  /** Hosts X-MS-Certificate-Url may name, comma-separated ("*.example.com" for subdomains). */
  PARTNER_CENTER_WEBHOOK_CERT_HOSTS: z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(',')
            .map((h) => h.trim())
            .filter((h) => h !== '')
        : undefined,
    ),
  /** Lets the certificate be fetched over plain http: only for the loopback stand-in. 1/true or 0/false. */
  PARTNER_CENTER_WEBHOOK_ALLOW_HTTP: z
    .enum(['', '0', '1', 'true', 'false'])
    .default('')
    .transform((v) => v === '1' || v === 'true'),
  /** A PEM file of the trust anchors for the signing certificate (default: Node's root CAs). */
  PARTNER_CENTER_WEBHOOK_TRUST_ROOTS_FILE: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined)),
  /** A PEM file of the CA certificates between Microsoft's signing certificate and a root. */
  PARTNER_CENTER_WEBHOOK_INTERMEDIATES_FILE: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined)),
  /** The O= the signing certificate's issuer must name (default "Microsoft Corporation"). */
  PARTNER_CENTER_WEBHOOK_ISSUER_ORG: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined)),
  /**
   * An outgoing HTTP proxy, in either spelling. With one, notifications are posted through
   * botframework-connector's own HTTP pipeline, which honours it (src/notify/cloud-adapter-send.ts).
   */
  HTTPS_PROXY: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined)),
  HTTP_PROXY: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined)),
  https_proxy: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined)),
  http_proxy: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined)),
  /**
   * Bot Framework channels whose activities the bot processes (comma separated, lower case). Teams only
   * by default: a Web Chat or Direct Line activity carries no Entra identity the bot can trust, so one
   * enabled on the bot registration must not reach the bot unless listed here.
   */
  ALLOWED_CHANNELS: z
    .string()
    .optional()
    .transform((v) =>
      (v === undefined || v.trim() === '' ? 'msteams' : v)
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter((s) => s.length > 0),
    )
    .pipe(z.array(z.string().regex(/^[a-z0-9_-]+$/, 'must be channel ids such as msteams')).min(1)),
  /**
   * How long a notification that Teams keeps refusing (5xx, 429, network) is retried before it is
   * dead-lettered (status 'dead' with its last error, for the organisation's admins to retry).
   */
  NOTIFY_RETRY_HOURS: z.coerce.number().min(1).max(720).default(24),
  /** Largest request body accepted, in bytes. */
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(10 * 1024 * 1024)
    .default(1024 * 1024),
  /**
   * The dashboard tab's Teams SSO token (src/web/dashboard/sso.ts). Audience: the app registration's
   * Application ID URI; unset = api://<host of PUBLIC_BASE_URL>/<MicrosoftAppId> (what the manifest's
   * webApplicationInfo.resource says). Issuer: a template where {tid} is the token's tenant (Entra ID
   * v2 tokens: set accessTokenAcceptedVersion 2 in the app registration). JWKS: Entra ID's signing keys.
   * Tests point both at a local issuer.
   */
  TAB_SSO_AUDIENCE: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined)),
  TAB_SSO_ISSUER: z.string().trim().default('https://login.microsoftonline.com/{tid}/v2.0'),
  TAB_SSO_JWKS_URL: z.url().default('https://login.microsoftonline.com/common/discovery/v2.0/keys'),
  /**
   * Metrics and traces (src/telemetry, README "Metrics and traces"). METRICS_ENABLED=1 serves Prometheus' text
   * format at GET /metrics; off by default, when /metrics answers 404. With METRICS_TOKEN set, a scrape must send
   * `Authorization: Bearer <token>` (401 otherwise): set it whenever the bot's port is reachable from outside the
   * cluster or App Service, since the figures name commands, verbs and volumes.
   */
  METRICS_ENABLED: z
    .enum(['', '0', '1', 'true', 'false'])
    .default('')
    .transform((v) => v === '1' || v === 'true'),
  METRICS_TOKEN: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()))
    .pipe(z.string().min(16, 'must be at least 16 characters (e.g. `openssl rand -hex 24`)').optional()),
  /**
   * Application Insights: with its connection string (Azure portal → the resource → Overview), the same metrics
   * and the turn spans go to Azure Monitor through @azure/monitor-opentelemetry, loaded only then. Unset: nothing
   * leaves the process.
   */
  APPLICATIONINSIGHTS_CONNECTION_STRING: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()))
    .pipe(
      z
        .string()
        .regex(
          /(^|;)\s*InstrumentationKey\s*=/i,
          'must be an Application Insights connection string (InstrumentationKey=...;IngestionEndpoint=...)',
        )
        .optional(),
    ),
  /**
   * Issue 18 item 4 (docs/gdap.md G14): the hour (UTC, 0–23) of the daily GDAP digest to each organization's
   * notification channel. 23 is 08:00 in Korea.
   */
  GDAP_DIGEST_HOUR_UTC: z.coerce.number().int().min(0).max(23).default(23),
});

export type Config = Readonly<z.infer<typeof configSchema>> & {
  readonly databaseKind: 'sqlite' | 'postgres';
  /** The outgoing proxy from HTTPS_PROXY / HTTP_PROXY (upper case first), if any. */
  readonly outgoingProxy: string | undefined;
};

export class ConfigError extends Error {
  constructor(readonly issues: readonly { variable: string; message: string }[]) {
    super('Invalid configuration:\n' + issues.map((i) => `  ${i.variable}: ${i.message}`).join('\n'));
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws ConfigError naming every invalid variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => ({ variable: String(i.path[0] ?? '?'), message: i.message })));
  }
  const data = parsed.data;
  if (data.MicrosoftAppType === 'SingleTenant' && data.MicrosoftAppId && !data.MicrosoftAppTenantId) {
    throw new ConfigError([
      { variable: 'MicrosoftAppTenantId', message: 'is required when MicrosoftAppType is SingleTenant' },
    ]);
  }
  if (data.MicrosoftAppId && !data.MicrosoftAppPassword && data.MicrosoftAppType !== 'UserAssignedMSI') {
    throw new ConfigError([{ variable: 'MicrosoftAppPassword', message: 'is required when MicrosoftAppId is set' }]);
  }
  return Object.freeze({
    ...data,
    PROGRAM_ADMINS: Object.freeze([...data.PROGRAM_ADMINS]) as unknown as string[],
    databaseKind: data.DATABASE_URL.startsWith('file:') ? 'sqlite' : 'postgres',
    outgoingProxy: data.HTTPS_PROXY ?? data.https_proxy ?? data.HTTP_PROXY ?? data.http_proxy,
  } as const);
}
