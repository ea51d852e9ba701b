import { z } from 'zod';
import type { ListingFormValues } from '../../cards/directory-types.js';
import {
  decideChangeRequest,
  getChangeRequest,
  getListing,
  listingFieldsInput,
  listListings,
  readChangeRequest,
  readListing,
  saveListing,
  setListingListed,
  type ChangeRequestView,
} from '../../domain/directory/listings.js';
import { requestListingChange, viewOwnListing } from '../../domain/directory/own-listing.js';
import { programAdminsOf, type DomainContext } from '../../domain/shared/context.js';
import { isAppError } from '../../domain/shared/errors.js';
import {
  updateBusinessProfile,
  updateBusinessProfileInput,
  viewBusinessProfile,
} from '../../domain/users/update-business-profile.js';
import { t, type Locale, type MessageKey } from '../../i18n/index.js';
import { actorOf } from '../actor.js';
import { cardResponse, defineAction, type CardAction } from '../card-action-kit.js';
import { updateClickedCard, viewerId } from '../respond.js';
import { servicesOf } from '../services.js';
import type { TurnInfo } from '../turn.js';
import { businessProfileCard, changeCard, listingFormCard, listingsCard, ownListingCard } from './cards.js';
import { directoryVerbs as dv } from './verbs.js';

/** Listings shown per page of the administrator's card. */
export const LISTINGS_PAGE = 10;

const v1 = z.object({ v: z.literal(1) });
const orgId = z.string().min(1).max(100);
const requestId = z.string().min(1).max(100);
/** Card inputs arrive as strings (absent when left empty in some clients). */
const field = (max: number) => z.string().max(max).optional();
/** A number bound into Action.Execute data may arrive as a number or its text. */
const offset = z.coerce.number().int().min(0).max(100_000).default(0);

const formData = v1.extend({
  displayName: field(400),
  regions: field(1000),
  services: field(2000),
  summary: field(4000),
  contactEmail: field(400),
  contactPhone: field(100),
  website: field(1000),
});
type FormData = z.output<typeof formData>;

const list = (s: string | undefined): string[] =>
  (s ?? '')
    .split(/[,\s]+/)
    .map((x) => x.trim())
    .filter((x) => x !== '');
const orNull = (s: string | undefined): string | null => (s && s.trim() !== '' ? s.trim() : null);

function formValues(d: FormData): ListingFormValues {
  return {
    displayName: d.displayName ?? '',
    regions: d.regions ?? '',
    services: d.services ?? '',
    summary: d.summary ?? '',
    contactEmail: d.contactEmail ?? '',
    contactPhone: d.contactPhone ?? '',
    website: d.website ?? '',
  };
}

/**
 * The listing form's answers checked with the domain's own schema (P10), so that a mistake is shown
 * on the form, by the fields' names in the reader's language, with every answer kept.
 */
function parseListingForm(
  locale: Locale,
  d: FormData,
): { ok: true; fields: z.output<typeof listingFieldsInput> } | { ok: false; message: string } {
  const parsed = listingFieldsInput.safeParse({
    displayName: d.displayName ?? '',
    regions: list(d.regions),
    services: list(d.services),
    summary: d.summary ?? '',
    contactEmail: orNull(d.contactEmail),
    contactPhone: orNull(d.contactPhone),
    website: orNull(d.website),
  });
  if (parsed.success) return { ok: true, fields: parsed.data };
  const names = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? 'displayName')))].map((k) =>
    t(locale, `listingForm.field.${k}` as MessageKey),
  );
  return { ok: false, message: t(locale, 'listingForm.invalid', { details: names.join(', ') }) };
}

async function listingsResponse(turn: TurnInfo, from: number, text?: string, good = true) {
  const page = await listListings(servicesOf(turn).domain, actorOf(turn), { offset: from, limit: LISTINGS_PAGE });
  return cardResponse(listingsCard(turn, page, LISTINGS_PAGE, text ? { text, good } : undefined));
}

/** Teams user ids of everyone who should see a change card move to its decided state. */
async function changeViewers(turn: TurnInfo, domain: DomainContext): Promise<string[]> {
  const { refs } = servicesOf(turn);
  const admins = await programAdminsOf(domain, domain.store.read);
  const ids = [viewerId(turn)];
  for (const a of admins) {
    // a bootstrap administrator (PROGRAM_ADMINS) has no stored Teams id: its personal chat knows it
    const id = a.teamsUserId ?? (await refs.get(a.aadObjectId))?.reference.user?.id;
    if (id) ids.push(id);
  }
  return ids;
}

async function changeResponse(turn: TurnInfo, req: ChangeRequestView, notice?: string) {
  const { domain } = servicesOf(turn);
  const current = await domain.store.read.directoryProfile.findUnique({ where: { orgId: req.orgId } });
  const listing = current ? await readListing(domain.store.read, req.orgId) : null;
  return changeCard(turn, req, listing, {
    viewerAad: actorOf(turn).aadObjectId,
    viewers: await changeViewers(turn, domain),
    ...(notice ? { notice } : {}),
  });
}

/**
 * P10: after a change request was written, its card also goes into the program channel (when one is
 * configured), as review cards do (the administrators' personal copies are outbox rows).
 */
async function postToProgramChannel(turn: TurnInfo, id: string): Promise<void> {
  const { domain, reviews } = servicesOf(turn);
  const req = await readChangeRequest(domain.store.read, id);
  if (!req) return;
  const current = (await domain.store.read.directoryProfile.findUnique({ where: { orgId: req.orgId } }))
    ? await readListing(domain.store.read, req.orgId)
    : null;
  const viewers = await changeViewers(turn, domain);
  await reviews.postCardToProgramChannel((locale) => changeCard({ locale }, req, current, { viewers }), id);
}

async function decide(turn: TurnInfo, id: string, decision: 'approve' | 'decline', reason: string | undefined) {
  const { domain } = servicesOf(turn);
  const actor = actorOf(turn);
  try {
    const r = await decideChangeRequest(domain, actor, {
      requestId: id,
      decision,
      ...(reason && reason.trim() !== '' ? { reason } : {}),
    });
    const card = await changeResponse(turn, r);
    await updateClickedCard(turn, card);
    return cardResponse(card);
  } catch (e) {
    // someone else decided first: show the card as it now is, saying who and when
    if (!isAppError(e) || e.code !== 'ALREADY_DECIDED') throw e;
    const now = await getChangeRequest(domain, actor, { requestId: id });
    return cardResponse(await changeResponse(turn, now, t(turn.locale, 'listingChange.alreadyDecided')));
  }
}

export const directoryActions = {
  [dv.listingsPage]: defineAction(v1.extend({ offset }), (turn, d) => listingsResponse(turn, d.offset)),

  [dv.listingNew]: defineAction(v1.extend({ orgId }), async (turn, d) => {
    const listing = await getListing(servicesOf(turn).domain, actorOf(turn), { orgId: d.orgId });
    return cardResponse(listingFormCard(turn.locale, listing));
  }),

  [dv.listingEdit]: defineAction(v1.extend({ orgId }), async (turn, d) => {
    const listing = await getListing(servicesOf(turn).domain, actorOf(turn), { orgId: d.orgId });
    return cardResponse(listingFormCard(turn.locale, listing));
  }),

  [dv.listingSave]: defineAction(formData.extend({ orgId }), async (turn, d) => {
    const { domain } = servicesOf(turn);
    const actor = actorOf(turn);
    const listing = await getListing(domain, actor, { orgId: d.orgId });
    const form = parseListingForm(turn.locale, d);
    if (!form.ok) {
      return cardResponse(listingFormCard(turn.locale, listing, { text: form.message, good: false }, formValues(d)));
    }
    const r = await saveListing(domain, actor, { orgId: d.orgId, ...form.fields });
    const text = t(turn.locale, r.created ? 'listings.created' : 'listings.saved', { name: form.fields.displayName });
    return listingsResponse(turn, 0, text);
  }),

  [dv.listingWithdraw]: defineAction(v1.extend({ orgId, offset }), async (turn, d) => {
    const { domain } = servicesOf(turn);
    const r = await setListingListed(domain, actorOf(turn), { orgId: d.orgId, listed: false });
    const name = (await readListing(domain.store.read, d.orgId)).displayName;
    return listingsResponse(
      turn,
      d.offset,
      t(turn.locale, r.changed ? 'listings.withdrawnDone' : 'listings.unchanged', { name }),
    );
  }),

  [dv.listingRestore]: defineAction(v1.extend({ orgId, offset }), async (turn, d) => {
    const { domain } = servicesOf(turn);
    const r = await setListingListed(domain, actorOf(turn), { orgId: d.orgId, listed: true });
    const name = (await readListing(domain.store.read, d.orgId)).displayName;
    return listingsResponse(
      turn,
      d.offset,
      t(turn.locale, r.changed ? 'listings.restoredDone' : 'listings.unchanged', { name }),
    );
  }),

  [dv.listingChangeShow]: defineAction(v1.extend({ requestId }), async (turn, d) => {
    const req = await getChangeRequest(servicesOf(turn).domain, actorOf(turn), { requestId: d.requestId });
    return cardResponse(await changeResponse(turn, req));
  }),

  [dv.listingChangeRefresh]: defineAction(v1.extend({ requestId }), async (turn, d) => {
    const req = await getChangeRequest(servicesOf(turn).domain, actorOf(turn), { requestId: d.requestId });
    return cardResponse(await changeResponse(turn, req));
  }),

  [dv.listingChangeApprove]: defineAction(v1.extend({ requestId }), (turn, d) =>
    decide(turn, d.requestId, 'approve', undefined),
  ),

  [dv.listingChangeDecline]: defineAction(v1.extend({ requestId, reason: field(2000) }), (turn, d) =>
    decide(turn, d.requestId, 'decline', d.reason),
  ),

  [dv.listingRequest]: defineAction(formData, async (turn, d) => {
    const { domain } = servicesOf(turn);
    const actor = actorOf(turn);
    const form = parseListingForm(turn.locale, d);
    if (!form.ok) {
      const own = await viewOwnListing(domain, actor);
      return cardResponse(ownListingCard(turn, own, { text: form.message, good: false }, formValues(d)));
    }
    const r = await requestListingChange(domain, actor, form.fields);
    await postToProgramChannel(turn, r.requestId);
    const own = await viewOwnListing(domain, actor);
    const text = t(turn.locale, r.replaced ? 'listingForm.replaced' : 'listingForm.sent');
    return cardResponse(ownListingCard(turn, own, { text }));
  }),

  [dv.profileSave]: defineAction(
    v1.extend({
      line1: field(400),
      line2: field(400),
      city: field(200),
      state: field(200),
      postalCode: field(40),
      supportEmail: field(400),
      supportPhone: field(100),
      supportWebsite: field(1000),
      toDirectory: z.enum(['true', 'false']).optional(),
    }),
    async (turn, d) => {
      const { domain } = servicesOf(turn);
      const actor = actorOf(turn);
      const view = await viewBusinessProfile(domain, actor);
      const input = {
        address: {
          line1: d.line1 ?? '',
          ...(orNull(d.line2) ? { line2: d.line2 } : {}),
          city: d.city ?? '',
          ...(orNull(d.state) ? { state: d.state } : {}),
          postalCode: d.postalCode ?? '',
        },
        ...(orNull(d.supportEmail) || orNull(d.supportPhone) || orNull(d.supportWebsite)
          ? {
              supportContact: {
                email: (d.supportEmail ?? '').trim(),
                phone: (d.supportPhone ?? '').trim(),
                website: (d.supportWebsite ?? '').trim(),
              },
            }
          : {}),
        toDirectory: d.toDirectory === 'true',
      };
      const parsed = updateBusinessProfileInput.safeParse(input);
      if (!parsed.success) {
        const names = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? 'address')))].map((k) =>
          t(turn.locale, k === 'supportContact' ? 'bprofile.field.supportContact' : 'bprofile.field.address'),
        );
        const text = t(turn.locale, 'bprofile.invalid', { details: names.join(', ') });
        return cardResponse(businessProfileCard(turn.locale, view, { text, good: false }));
      }
      const r = await updateBusinessProfile(domain, actor, input);
      if (r.directoryRequestId) await postToProgramChannel(turn, r.directoryRequestId);
      const text =
        t(turn.locale, r.changed ? 'bprofile.saved' : 'bprofile.unchanged') +
        (r.directoryRequestId ? t(turn.locale, 'bprofile.sentToDirectory') : '');
      return cardResponse(businessProfileCard(turn.locale, r, { text }));
    },
  ),
} satisfies Record<string, CardAction>;
