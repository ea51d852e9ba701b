import { CardFactory } from 'botbuilder';
import { eventSchemas } from '../../domain/shared/events.js';
import type { Renderer } from '../../notify/render.js';
import { changeCard } from './cards.js';

/**
 * The outbox renderer for the directory (issue 14, P10): `directory.change_requested` reaches each program
 * administrator's personal chat as the change card with Approve / Decline, built from the payload alone
 * (rows written before the payload carried the requested values show what they have). The card refreshes
 * for the administrators known to Teams, so it moves to the decided state wherever it was opened. Every
 * other event goes to `next`.
 */
export function directoryRenderer(next: Renderer): Renderer {
  return (event, locale) => {
    if (event.type !== 'directory.change_requested') return next(event, locale);
    const p = eventSchemas['directory.change_requested'].parse(event.payload);
    const card = changeCard(
      { locale },
      {
        requestId: p.requestId,
        orgId: p.orgId,
        legalName: p.orgName,
        state: 'pending',
        displayName: p.displayName,
        regions: p.regions ?? [],
        services: p.services ?? [],
        summary: p.summary ?? '',
        contactEmail: p.contactEmail ?? null,
        contactPhone: p.contactPhone ?? null,
        website: p.website ?? null,
        requestedByName: p.requestedByName,
        requestedAt: new Date(p.requestedAt),
        decidedByName: null,
        decidedByAad: null,
        decidedAt: null,
        declineReason: null,
      },
      null,
      { viewers: p.viewers ?? [] },
    );
    return { type: 'message', attachments: [CardFactory.adaptiveCard(card)] };
  };
}
