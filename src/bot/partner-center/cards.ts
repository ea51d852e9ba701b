import type { AdaptiveCardJson } from '../../cards/render.js';
import type { PartnerCenterLinkView } from '../../domain/partner-center/link-status.js';
import { START_LINK_MINUTES, type LinkMode } from '../../domain/partner-center/link-rules.js';
import type { StartedLink } from '../../domain/partner-center/start-link.js';
import type { WebhookView } from '../../domain/partner-center/webhook-registration.js';
import { formatDate, type Reader } from '../../i18n/format/index.js';
import { t, type Locale } from '../../i18n/index.js';
import { renderCard } from '../card-render.js';

export function modeName(locale: Locale, mode: LinkMode): string {
  return t(locale, mode === 'connected' ? 'pc.mode.connected' : 'pc.mode.embedded');
}

/**
 * L1–L8, W6, E-PC5: the organisation's Partner Center link as its admins see it. Not linked: the start link (when the
 * deployment can sign in). Linked: who linked it and when, the account, the sign-in's state, the mode as a choice,
 * Unlink behind a confirmation; a link that needs a new sign-in offers one.
 */
export function partnerCenterCard(
  reader: Reader & { locale: Locale },
  view: PartnerCenterLinkView,
  start: StartedLink | null,
  configured: boolean,
  notice = '',
  events: { readonly view: WebhookView; readonly canRegister: boolean } = {
    view: { registered: false },
    canRegister: false,
  },
  /** E-PC1, E-PC5, E-PC6: the Partner Center profile's comparison (profile-comparison.ts) and its button */
  profile: { readonly lines: readonly string[]; readonly offerCheck: boolean } = { lines: [], offerCheck: false },
): AdaptiveCardJson {
  const { locale } = reader;
  const orgName = view.orgName;
  const intro = !view.linked
    ? t(locale, 'pc.intro.unlinked', { orgName })
    : view.status === 'needs_sign_in'
      ? t(locale, 'pc.intro.needsSignIn', { orgName })
      : t(locale, 'pc.intro.linked', { orgName });
  const facts = view.linked
    ? [
        {
          title: t(locale, 'pc.fact.linkedBy'),
          value: t(locale, 'pc.fact.linkedByValue', {
            name: view.linkedByName,
            date: formatDate(view.linkedAt, reader),
          }),
        },
        ...(view.accountName ? [{ title: t(locale, 'pc.fact.account'), value: view.accountName }] : []),
        { title: t(locale, 'pc.fact.mode'), value: modeName(locale, view.mode) },
        {
          title: t(locale, 'pc.fact.signIn'),
          value:
            view.status === 'active'
              ? t(locale, 'pc.signIn.active', { date: formatDate(view.expiresAt, reader) })
              : t(locale, 'pc.signIn.needed'),
        },
        // W6: whether Partner Center's events reach the channel
        {
          title: t(locale, 'pc.fact.events'),
          value: events.view.registered
            ? t(locale, 'pc.events.registered', { date: formatDate(events.view.since, reader) })
            : t(locale, 'pc.events.notRegistered'),
        },
      ]
    : [];
  // W6: offered to a linked organisation whose sign-in works, on a deployment that can reach Partner Center
  const offerEvents = view.linked && view.status === 'active' && events.canRegister;
  const linkHint = !configured
    ? t(locale, 'pc.notConfigured')
    : start
      ? t(locale, 'pc.linkHint', { minutes: START_LINK_MINUTES })
      : '';
  return renderCard('partner-center', {
    title: t(locale, 'pc.title'),
    intro,
    notice,
    facts,
    linkUrl: start?.link ?? '',
    linkLabel: t(locale, view.linked ? 'pc.relink' : 'pc.link'),
    linkHint,
    hasLink: start !== null,
    linked: view.linked,
    modeLabel: t(locale, 'pc.mode.label'),
    mode: view.linked ? view.mode : 'embedded',
    modeChoices: [
      { title: t(locale, 'pc.mode.embeddedChoice'), value: 'embedded' },
      { title: t(locale, 'pc.mode.connectedChoice'), value: 'connected' },
    ],
    saveModeLabel: t(locale, 'pc.saveMode'),
    offerEvents,
    eventsLabel: t(locale, events.view.registered ? 'pc.events.reregister' : 'pc.events.register'),
    unlinkLabel: t(locale, 'pc.unlink'),
    unlinkConfirmText: t(locale, 'pc.unlinkConfirm', { orgName }),
    unlinkConfirmLabel: t(locale, 'pc.unlinkNow'),
    profileHeading: t(locale, 'pcProfile.heading'),
    profileLines: profile.lines.map((text) => ({ text })),
    offerProfileCheck: profile.offerCheck,
    profileCheckLabel: t(locale, 'pcProfile.check'),
  });
}
