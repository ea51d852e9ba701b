import type { AdaptiveCardJson } from '../../cards/render.js';
import type { CustomerInvitationDraft } from '../../domain/customers/invite-customer.js';
import type { InvitationRow } from '../../domain/shared/pending-invitations.js';
import type { ProviderRow } from '../../domain/partnerships/partner-lists.js';
import type { Page } from '../../domain/shared/paging.js';
import { t, type Locale, type MessageKey } from '../../i18n/index.js';
import { customerVerbs as cv } from './verbs.js';

import { action, button, card, type Notice } from './cards.js';
import { formatDate } from '../../i18n/format/index.js';

/** C2/C3: email (optional) and one of the reseller's providers (or none). */
export function inviteAskCard(
  locale: Locale,
  providers: readonly ProviderRow[],
  notices: Notice[] = [],
): AdaptiveCardJson {
  return card({
    title: t(locale, 'cinvite.ask.title'),
    notices,
    texts: [{ text: t(locale, 'cinvite.ask.intro') }],
    inputs: [
      {
        id: 'toEmail',
        label: t(locale, 'cinvite.ask.email'),
        value: '',
        placeholder: 'it@fabrikam.com',
        multiline: false,
        required: false,
        errorMessage: '',
        maxLength: 320,
      },
    ],
    choiceSets: providers.length
      ? [
          {
            id: 'providerId',
            label: t(locale, 'cinvite.ask.provider'),
            value: '',
            required: false,
            errorMessage: '',
            choices: [
              { title: t(locale, 'cinvite.ask.noProvider'), value: '' },
              ...providers.map((p) => ({ title: p.name, value: p.providerId })),
            ],
          },
        ]
      : [],
    actions: [action(t(locale, 'cinvite.ask.create'), cv.customerInviteCreate, {}, 'positive')],
  });
}

/** C2: the editable draft with its link (the link is shown; only its hash is stored). */
export function inviteDraftCard(
  locale: Locale,
  draft: Pick<CustomerInvitationDraft, 'invitationId' | 'link' | 'message' | 'expiresAt'>,
  provider: string | null,
  notices: Notice[] = [],
): AdaptiveCardJson {
  return card({
    title: t(locale, 'cinvite.draft.title'),
    notices,
    texts: [
      { text: t(locale, 'cinvite.draft.intro', { expiresAt: formatDate(draft.expiresAt, locale) }) },
      ...(provider ? [{ text: t(locale, 'cinvite.draft.withProvider', { provider }) }] : []),
    ],
    facts: [{ title: t(locale, 'cinvite.draft.link'), value: draft.link }],
    inputs: [
      {
        id: 'message',
        label: t(locale, 'cinvite.draft.label'),
        value: draft.message,
        placeholder: '',
        multiline: true,
        required: true,
        errorMessage: t(locale, 'cadd.required'),
        maxLength: 8000,
      },
    ],
    actions: [
      action(
        t(locale, 'cinvite.draft.save'),
        cv.customerInviteSave,
        {
          invitationId: draft.invitationId,
          link: draft.link,
          expiresAt: draft.expiresAt.toISOString(),
          provider: provider ?? '',
        },
        'positive',
      ),
    ],
  });
}

export function invitationsCard(locale: Locale, page: Page<InvitationRow>, notices: Notice[] = []): AdaptiveCardJson {
  return card({
    title: t(locale, 'cinvites.title'),
    notices,
    texts: page.items.length ? [] : [{ text: t(locale, 'cinvites.empty') }],
    rows: page.items.map((i) => ({
      heading: t(
        locale,
        `cinvites.kind.${i.kind === 'customer' || i.kind === 'customer_with_provider' ? i.kind : 'partnership'}` satisfies MessageKey,
      ),
      detail: [
        t(locale, 'cinvites.row', {
          kind: '',
          sent: formatDate(i.createdAt, locale),
          expires: formatDate(i.expiresAt, locale),
        }).replace(/^ · /, ''),
        ...(i.toEmail || i.toMpnId
          ? [
              t(locale, 'cinvites.to', {
                to: i.toEmail ?? (i.toName ? `${i.toName} (MPN ID ${i.toMpnId ?? ''})` : (i.toMpnId ?? '')),
              }),
            ]
          : []),
      ].join(' · '),
      buttons: [button(t(locale, 'cinvites.revoke'), cv.invitationRevoke, { invitationId: i.invitationId })],
    })),
    actions: page.nextCursor
      ? [action(t(locale, 'clist.next'), cv.invitationsPage, { cursor: page.nextCursor }, 'default', 'none')]
      : [],
  });
}
