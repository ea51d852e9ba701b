/** The organisation's enrollment (E8, PT1/PT3/M1 checklists) and its Microsoft Partner Agreement (M1–M3). */
import { el, table } from './dom.js';
import { date, s, yesNo } from './state.js';
import type { DashboardData } from './types.js';
import { actionLink, failed, sectionEl } from './widgets.js';

/** E8 (reseller), PT1/PT3/M1 (provider, direct-bill): one checklist per type held or applied for. */
function renderReadiness(r: DashboardData['enrollment']['readiness'][number]): HTMLElement[] {
  const headingId = `checklist-${r.partnerType}-h`;
  const steps = r.steps.map(({ step, done }) =>
    el('li', { className: done ? 'done' : 'open', 'data-mark': done ? '✓' : '○' }, [
      `${s(step === 'enrolled' ? `dashboard.enrollment.step.enrolled.${r.partnerType}` : `dashboard.enrollment.step.${step}`)} — `,
      el('strong', {}, [s(done ? 'dashboard.enrollment.done' : 'dashboard.enrollment.open')]),
    ]),
  );
  const open = r.steps.filter((x) => !x.done).length;
  return [
    el('h3', { id: headingId }, [s(`dashboard.enrollment.checklist.${r.partnerType}`)]),
    el('p', {}, [
      r.readyToTransact ? s('dashboard.enrollment.ready') : s('dashboard.enrollment.openSteps', { count: open }),
    ]),
    el('ul', { className: 'steps', 'aria-labelledby': headingId, 'data-type': r.partnerType }, steps),
  ];
}

export function renderEnrollment(d: DashboardData): HTMLElement {
  const e = d.enrollment;
  return sectionEl('enrollment', s('dashboard.enrollment.heading'), [
    el('p', {}, [s('dashboard.enrollment.org', { legalName: e.legalName, mpnId: e.mpnId, country: e.countryName })]),
    el('p', {}, [
      e.partnerTypes.length
        ? s('dashboard.enrollment.types', {
            types: e.partnerTypes.map((t) => s(`dashboard.partnerType.${t}`)).join(', '),
          })
        : s('dashboard.enrollment.noTypes'),
    ]),
    el('p', {}, [s('dashboard.enrollment.contactVerified', { value: yesNo(e.primaryContactVerified) })]),
    ...e.readiness.flatMap(renderReadiness),
    table(
      s('dashboard.enrollment.applications'),
      [s('dashboard.enrollment.col.type'), s('dashboard.enrollment.col.state'), s('dashboard.enrollment.col.decided')],
      e.applications.map((a) => [
        s(`dashboard.partnerType.${a.partnerType}`),
        s(`dashboard.state.${a.state}`),
        a.decidedAt ? date(a.decidedAt) : '—',
      ]),
      s,
    ),
    el('div', { className: 'actions' }, [actionLink(d.actions.status)]),
  ]);
}

export function renderMpa(d: DashboardData): HTMLElement {
  const children: (Node | string)[] = [];
  const bad = failed(d.mpa);
  if (bad) children.push(bad);
  else if (d.mpa.ok) {
    const m = d.mpa.data;
    children.push(
      el('p', {}, [
        m.latest
          ? s('dashboard.mpa.signed', {
              version: m.latest.version,
              name: m.latest.signerName,
              email: m.latest.signerEmail ?? s('dashboard.identity.emailUnknown'),
              date: date(m.latest.signedAt),
            })
          : s('dashboard.mpa.notSigned'),
      ]),
      el('p', { className: 'muted' }, [s('dashboard.mpa.current', { version: m.currentVersion })]),
    );
    if (m.signed && !m.signedCurrent) children.push(el('p', {}, [s('dashboard.mpa.outdated')]));
    children.push(
      el('div', { className: 'actions' }, [
        actionLink(m.signedCurrent ? d.actions.agreementStatus : d.actions.signAgreement),
      ]),
    );
  }
  return sectionEl('mpa', s('dashboard.mpa.heading'), children);
}
