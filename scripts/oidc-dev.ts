/**
 * `npm run oidc:dev`: a local OpenID provider for the customer-invitation acceptance page.
 * Prints the settings to give the bot (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET).
 *
 *   OIDC_PORT=4010 PUBLIC_BASE_URL=http://localhost:3978 npm run oidc:dev
 */
import { startLocalOidc } from './oidc/local-provider.js';

const port = Number(process.env.OIDC_PORT ?? 4010);
const base = (process.env.PUBLIC_BASE_URL ?? 'http://localhost:3978').replace(/\/+$/, '');
const clientId = process.env.OIDC_CLIENT_ID ?? 'csp-bot-local';
const clientSecret = process.env.OIDC_CLIENT_SECRET ?? 'csp-bot-local-secret-change-me';

const oidc = await startLocalOidc({
  port,
  clientId,
  clientSecret,
  redirectUris: [`${base}/invite/callback`, `${base}/gdap/callback`],
  // issue 17 item 2: the Partner Center app registration's stand-in (refresh tokens, amr; nomfa…@ signs in without MFA)
  partnerCenter: {
    clientId: `${clientId}-partner-center`,
    clientSecret,
    redirectUris: [`${base}/partner-center/link/callback`],
  },
});
process.stdout.write(
  `[oidc] local OpenID provider at ${oidc.issuer} (any login name signs in; the tenant follows its domain;\n` +
    `[oidc]   admin…@<domain> is the tenant's Global Administrator (wids), noroles…@ gets no wids claim, others are members)\n` +
    `[oidc] OIDC_ISSUER=${oidc.issuer} OIDC_CLIENT_ID=${clientId} OIDC_CLIENT_SECRET=${clientSecret}\n` +
    `[oidc] PARTNER_CENTER_AUTHORITY=${oidc.issuer}/organizations PARTNER_CENTER_CLIENT_ID=${clientId}-partner-center PARTNER_CENTER_CLIENT_SECRET=${clientSecret}\n`,
);
const stop = () => void oidc.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
