import { infoCard } from '../../cards/enrollment-cards.js';
import { renderCard } from '../../cards/render.js';
import type { Fact } from '../../cards/enrollment-types.js';
import { agreementStatus } from '../../domain/agreement/agreement-status.js';
import { mpaSignerRoles, roles, userManagerRoles } from '../../domain/shared/context.js';
import type { PartnerType } from '../../domain/enrollment/enrollment-rules.js';
import { enrollmentStatus, type EnrollmentStatus } from '../../domain/enrollment/enrollment-status.js';
import { listUsers, requireAccess } from '../../domain/users/list-users.js';
import { CURRENT_MPA_VERSION } from '../../domain/agreement/sign-mpa.js';
import { t, type Locale, type MessageKey } from '../../i18n/index.js';
import { formatDateTime, partnerTypeLabel, roleLabel, roleLabels } from '../../i18n/format/index.js';
import { actorOf } from '../actor.js';
import type { CommandHandler } from '../command-handlers.js';
import { servicesOf } from '../services.js';
import { beginEnrollment, cancelEnrollment } from './dialog.js';
import { guardedCommand, sendCard } from '../respond.js';

export function roleChoices(locale: Locale): { title: string; value: string }[] {
  return roles.map((r) => ({ title: roleLabel(locale, r), value: r }));
}

/** Per partner type: the checklist's heading, its "enrolled as" line, and the line when nothing is left. */
const typeKeys = {
  indirect_reseller: { heading: 'status.checklist', enrolled: 'status.check.reseller', ready: 'status.next.ready' },
  indirect_provider: {
    heading: 'status.checklistProvider',
    enrolled: 'status.check.provider',
    ready: 'status.next.readyProvider',
  },
  direct_bill: {
    heading: 'status.checklistDirect',
    enrolled: 'status.check.directBill',
    ready: 'status.next.readyDirect',
  },
} as const satisfies Record<PartnerType, { heading: MessageKey; enrolled: MessageKey; ready: MessageKey }>;

/** E5/E8 (PT1/PT3/M1 for the other types): next steps still open, from the application states and the checklists. */
function nextSteps(locale: Locale, s: EnrollmentStatus): string[] {
  const steps: string[] = [];
  const latest = s.applications[s.applications.length - 1];
  if (latest?.state === 'awaiting_verification' || latest?.state === 'submitted')
    steps.push(t(locale, 'status.next.verify'));
  if (latest?.state === 'in_review') steps.push(t(locale, 'status.next.review'));
  if (latest?.state === 'rejected' && !s.checklist.onboarded) steps.push(t(locale, 'status.next.rejected'));
  if (s.checklist.onboarded && !s.checklist.mpaSigned) steps.push(t(locale, 'status.next.signMpa'));
  for (const r of s.readiness) if (r.readyToTransact) steps.push(t(locale, typeKeys[r.partnerType].ready));
  // E6: an organisation onboarded as another type may add the reseller type: its choice, not a step it owes.
  const resellerPending = s.readiness.some((r) => r.partnerType === 'indirect_reseller');
  if (
    s.checklist.onboarded &&
    !s.checklist.enrolledAsIndirectReseller &&
    !resellerPending &&
    latest?.state !== 'in_review'
  ) {
    steps.push(t(locale, 'status.next.addReseller'));
  }
  return steps;
}

export function statusCard(locale: Locale, s: EnrollmentStatus) {
  const yes = (b: boolean) => t(locale, b ? 'status.yes' : 'status.no');
  const facts: Fact[] = [
    { title: t(locale, 'status.org'), value: `${s.legalName} (MPN ID ${s.mpnId}, ${s.country})` },
    {
      title: t(locale, 'status.partnerTypes'),
      value: s.partnerTypes.map((p) => partnerTypeLabel(locale, p)).join(', ') || t(locale, 'status.none'),
    },
    ...s.applications.map((a) => ({
      title: t(locale, 'status.applications'),
      value: t(locale, 'status.application', {
        partnerType: partnerTypeLabel(locale, a.partnerType),
        state: t(locale, `enroll.state.${a.state}` satisfies MessageKey),
      }),
    })),
    { title: t(locale, 'status.primaryVerified'), value: yes(s.primaryContactVerified) },
    { title: t(locale, 'status.mpa'), value: yes(s.checklist.mpaSigned) },
  ];
  const stepKey = (type: PartnerType, step: 'onboarded' | 'enrolled' | 'mpaSigned'): MessageKey =>
    step === 'onboarded'
      ? 'status.check.onboarded'
      : step === 'mpaSigned'
        ? 'status.check.mpa'
        : typeKeys[type].enrolled;
  // One checklist per type held or applied for: E8 is the reseller's; a direct-bill partner or a provider does not owe it.
  const checklists = s.readiness.map((r) => ({
    heading: t(locale, typeKeys[r.partnerType].heading),
    lines: r.steps.map((x) => ({
      text: t(locale, x.done ? 'status.done' : 'status.open', { item: t(locale, stepKey(r.partnerType, x.step)) }),
    })),
  }));
  return infoCard({
    title: t(locale, 'status.title'),
    facts,
    sections: [
      ...checklists,
      { heading: t(locale, 'status.next'), lines: nextSteps(locale, s).map((text) => ({ text })) },
    ],
  });
}

/** The issue-4 commands; command-handlers.ts maps their ids. Each refusal names the roles (U3). */
export const enrollmentCommands = {
  enroll: guardedCommand(beginEnrollment),
  status: guardedCommand(async (turn) => {
    const s = await enrollmentStatus(servicesOf(turn).domain, actorOf(turn));
    await sendCard(turn, statusCard(turn.locale, s));
  }),
  users: guardedCommand(async (turn) => {
    const list = await listUsers(servicesOf(turn).domain, actorOf(turn));
    await sendCard(
      turn,
      infoCard({
        title: turn.t('users.title', { org: list.orgName }),
        facts: list.users.map((u) => ({
          title: u.name,
          value: `${u.email}: ${roleLabels(turn.locale, u.roles)}${u.signedIn ? '' : ' ' + turn.t('users.notSignedIn')}`,
        })),
      }),
    );
  }),
  addUser: guardedCommand(async (turn) => {
    await requireAccess(servicesOf(turn).domain, actorOf(turn), userManagerRoles);
    await sendCard(turn, renderCard('user-form', userForm(turn.locale, 'add', [])));
  }),
  roles: guardedCommand(async (turn) => {
    const list = await listUsers(servicesOf(turn).domain, actorOf(turn));
    const users = list.users.map((u) => ({ title: `${u.name} (${u.email})`, value: u.userId }));
    await sendCard(turn, renderCard('user-form', userForm(turn.locale, 'roles', users)));
  }),
  signAgreement: guardedCommand(async (turn) => {
    await requireAccess(servicesOf(turn).domain, actorOf(turn), mpaSignerRoles);
    await sendCard(
      turn,
      renderCard('mpa', {
        title: turn.t('mpa.title'),
        version: turn.t('mpa.version', { version: CURRENT_MPA_VERSION }),
        versionId: CURRENT_MPA_VERSION,
        summary: turn.t('mpa.summary'),
        acceptLabel: turn.t('mpa.acceptLabel'),
        signLabel: turn.t('mpa.sign'),
      }),
    );
  }),
  agreementStatus: guardedCommand(async (turn) => {
    const s = await agreementStatus(servicesOf(turn).domain, actorOf(turn));
    const lines: { text: string }[] = [{ text: turn.t('agreement.current', { version: s.currentVersion }) }];
    if (s.latest && !s.signedCurrent) lines.push({ text: turn.t('agreement.outdated', { version: s.currentVersion }) });
    await sendCard(
      turn,
      infoCard({
        title: turn.t('agreement.title'),
        text: s.latest
          ? turn.t('mpa.signed', {
              version: s.latest.version,
              name: s.latest.signerName,
              email: s.latest.signerEmail,
              at: formatDateTime(s.latest.signedAt, turn),
            })
          : turn.t('agreement.notSigned'),
        sections: [{ heading: turn.t('mpa.title'), lines }],
      }),
    );
  }),
} satisfies Record<string, CommandHandler>;

/** `cancel`: leaves the enrollment dialog when one runs. */
export async function cancelDialogs(turn: Parameters<CommandHandler>[0]): Promise<boolean> {
  return cancelEnrollment(turn);
}

export function userForm(locale: Locale, mode: 'add' | 'roles', users: { title: string; value: string }[]) {
  return {
    mode,
    title: t(locale, mode === 'add' ? 'addUser.title' : 'roles.title'),
    nameLabel: t(locale, 'addUser.name'),
    emailLabel: t(locale, 'addUser.email'),
    userLabel: t(locale, 'roles.user'),
    rolesLabel: t(locale, mode === 'add' ? 'addUser.roles' : 'roles.roles'),
    submitLabel: t(locale, mode === 'add' ? 'addUser.submit' : 'roles.submit'),
    users,
    roles: roleChoices(locale),
  };
}
