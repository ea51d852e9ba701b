import type restify from 'restify';
import { z } from 'zod';
import { describeError } from '../../domain/shared/describe-error.js';
import { httpStatus, isAppError } from '../../domain/shared/errors.js';
import {
  respondToCustomerInvitation,
  type CustomerSigner,
} from '../../domain/customers/respond-customer-invitation.js';
import {
  viewCustomerInvitation,
  type CustomerInvitationView,
} from '../../domain/customers/view-customer-invitation.js';
import { hashToken, tokenSchema } from '../../domain/shared/tokens.js';
import { AppError } from '../../domain/shared/errors.js';
import { localeFromAcceptLanguage } from '../html.js';
import { decisionFormParser, readDecisionPost, signerOf } from '../customer-sign-in.js';
import { failure, message, send, sendAdminRequired } from './respond.js';
import { COOKIE_PATH, INVITE_PLACE, SESSION_COOKIE, tokenParam, type InvitePagesContext } from './session.js';
import { decisionPage, partnersOf } from './views.js';

const decisionBody = z.object({
  csrf: z.string().min(1).max(200),
  decision: z.enum(['accept', 'decline']),
  consent: z.literal('on').optional(),
  name: z.string().max(200).optional(),
  domain: z.string().max(253).optional(),
  country: z.string().max(2).optional(),
});

export { decisionFormParser };

/**
 * POST /invite/<token>: the customer's decision. The session must be for this link, the post from our
 * own origin and the CSRF token bound to the session; the domain then checks the rules (C2, C3,
 * C7–C11). A refusal the customer can act on shows the form again with the reason.
 */
export function decisionRoute(ctx: InvitePagesContext) {
  const { logger, domain } = ctx;

  /** Names for the result page, read after the decision (the link is used by then). */
  async function describeAfter(
    token: string,
    tenantId: string,
  ): Promise<Pick<CustomerInvitationView, 'resellerName' | 'providerName'> | undefined> {
    const inv = await domain.store.read.invitation.findFirst({
      where: { tokenHash: hashToken(token), acceptedTenantId: tenantId },
      select: { fromOrgId: true, providerId: true },
    });
    if (!inv) return undefined;
    const name = async (id: string) =>
      (await domain.store.read.organization.findUnique({ where: { id }, select: { legalName: true } }))?.legalName ??
      '';
    return {
      resellerName: await name(inv.fromOrgId),
      providerName: inv.providerId ? await name(inv.providerId) : null,
    };
  }

  return async (req: restify.Request, res: restify.Response): Promise<void> => {
    const locale = localeFromAcceptLanguage(req.header('accept-language'));
    const token = tokenSchema.safeParse(tokenParam(req));
    if (!token.success) return failure(res, locale, new AppError('TOKEN_INVALID'), logger);
    if (!ctx.signIn) return message(res, locale, 503, 'invitePage.errorTitle', 'invitePage.signInUnavailable');
    const { cookies } = ctx.signIn;
    const post = await readDecisionPost(req, cookies, INVITE_PLACE, token.data, decisionBody);
    if (!post.accepted) {
      const { session, body, sameOrigin, origin } = post;
      logger.warn(
        { session: Boolean(session), sameOrigin, origin, host: req.header('host'), body: body.success },
        'invite decision refused (CSRF / session)',
      );
      if (
        session &&
        session.token === token.data &&
        sameOrigin &&
        !body.success &&
        body.error.issues.every((i) => i.path[0] !== 'csrf')
      ) {
        return message(res, locale, 400, 'invitePage.errorTitle', 'invitePage.badRequest', {
          details: body.error.issues.map((i) => i.path.join('.')).join(', '),
        });
      }
      return message(res, locale, 403, 'invitePage.errorTitle', 'invitePage.staleForm');
    }
    const { session, form } = post.accepted;
    const actor: CustomerSigner = signerOf(session, locale);
    // declining needs no details (the form still carries the prefilled ones)
    const customer =
      form.decision === 'accept' && (form.name || form.domain || form.country)
        ? { name: form.name ?? '', domain: form.domain ?? '', country: form.country ?? '' }
        : undefined;
    try {
      const outcome = await respondToCustomerInvitation(domain, actor, {
        token: token.data,
        decision: form.decision,
        consent: form.consent === 'on',
        ...(customer ? { customer } : {}),
      });
      const view = await describeAfter(token.data, session.tid).catch(() => undefined);
      logger.info(
        { invitationId: outcome.invitationId, decision: outcome.decision, tenantId: session.tid },
        'customer invitation answered',
      );
      if (outcome.created) await ctx.onAnswered?.(outcome.invitationId);
      const clear = [cookies.clear(SESSION_COOKIE, COOKIE_PATH)];
      if (outcome.decision === 'accepted') {
        return message(
          res,
          locale,
          200,
          'invitePage.acceptedTitle',
          'invitePage.accepted',
          { partners: view ? partnersOf(locale, view) : '' },
          clear,
        );
      }
      return message(
        res,
        locale,
        200,
        'invitePage.declinedTitle',
        'invitePage.declined',
        { reseller: view?.resellerName ?? '' },
        clear,
      );
    } catch (e) {
      if (isAppError(e) && e.code === 'CUSTOMER_ADMIN_REQUIRED') {
        // not the customer's Global Administrator: say what to do; the invitation is still unused
        logger.info(
          { tenantId: session.tid, hasWids: session.wids !== undefined },
          'customer invitation answer refused: not a Global Administrator',
        );
        try {
          const view = await viewCustomerInvitation(domain, { token: token.data, tenantId: session.tid });
          return sendAdminRequired(res, locale, view, session, token.data, cookies);
        } catch (inner) {
          return failure(res, locale, inner, logger);
        }
      }
      if (isAppError(e) && (e.category === 'validation' || e.category === 'rule' || e.category === 'conflict')) {
        // show the form again with the reason (C7–C11, consent, details)
        try {
          const view = await viewCustomerInvitation(domain, { token: token.data, tenantId: session.tid });
          const again = decisionPage(
            locale,
            view,
            session,
            cookies.csrfToken(session.sid),
            token.data,
            describeError(locale, e),
            form,
          );
          return send(res, httpStatus(e.code), again);
        } catch (inner) {
          return failure(res, locale, inner, logger);
        }
      }
      failure(res, locale, e, logger);
    }
  };
}
