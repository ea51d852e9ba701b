import { programAdminsOf, type DomainContext } from '../domain/shared/context.js';
import { requestDeciderIds } from '../domain/partnerships/partnership-views.js';
import type { ConversationRefs } from './conversation-refs.js';

/*
 * Item 6: who an approval card refreshes for. Teams' `refresh.userIds` takes Teams user ids (29:...), never Entra
 * object ids (STACK.md); the bot learns a person's Teams id from the personal chat it stores for them
 * (conversation-refs.ts: the reference's user.id), so a person who never talked to the bot cannot be listed yet
 * (they see the card as sent, and the decided state once someone's click updates that message).
 */

/** Teams allows automatic refresh for at most 60 users. */
const MAX = 60;

/** The Teams user ids of these people (Entra object ids), where the bot knows them, in order, without repeats. */
export async function teamsUserIds(refs: ConversationRefs, aadObjectIds: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const aad of new Set(aadObjectIds)) {
    if (out.length >= MAX) break;
    const id = (await refs.get(aad))?.reference.user?.id;
    if (id && !out.includes(id)) out.push(id);
  }
  return out;
}

/** `first` (the person looking now) and then `others`, at most 60, without repeats. */
export function viewersWith(first: string, others: readonly string[]): string[] {
  return [...new Set([first, ...others].filter((id) => id !== ''))].slice(0, MAX);
}

/**
 * Everyone who holds the program administrator role now (E5 review cards, P7 end-decision cards), by Teams id:
 * the id stored with a granted role, else the one of their personal chat.
 */
export async function programAdminViewers(domain: DomainContext, refs: ConversationRefs): Promise<string[]> {
  const admins = await programAdminsOf(domain, domain.store.read);
  const known = admins.flatMap((a) => (a.teamsUserId ? [a.teamsUserId] : []));
  const looked = await teamsUserIds(
    refs,
    admins.filter((a) => !a.teamsUserId).map((a) => a.aadObjectId),
  );
  return [...new Set([...known, ...looked])].slice(0, MAX);
}

/** The provider's people who may decide a directory request (P10), by Teams id. */
export async function requestDeciderViewers(
  domain: DomainContext,
  refs: ConversationRefs,
  providerId: string,
): Promise<string[]> {
  return teamsUserIds(refs, await requestDeciderIds(domain, providerId));
}
