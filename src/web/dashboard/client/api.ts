import { authentication } from '@microsoft/teams-js';
import { withTimeout } from '../../with-timeout.js';
import { s, tab } from './state.js';
import type { ApiError } from './types.js';

/** A refusal of the API, with the bot command that is the way forward when there is one. */
export class ApiFailure extends Error {
  constructor(
    message: string,
    readonly action?: ApiError['action'],
  ) {
    super(message);
  }
}

/**
 * GET `path` with the Teams SSO token and the tab's locale; the parsed body, or an ApiFailure carrying the
 * server's localized message (and its way forward, when it gives one).
 */
export async function api<T>(path: string, params: Record<string, string>): Promise<T> {
  let token: string;
  try {
    token = await withTimeout(authentication.getAuthToken(), 15_000);
  } catch (e) {
    throw new Error(s('dashboard.error.sso', { message: e instanceof Error ? e.message : String(e) }), { cause: e });
  }
  const query = new URLSearchParams({ ...params, locale: tab.locale });
  const res = await fetch(`${path}?${query.toString()}`, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
  });
  const body = (await res.json().catch(() => ({}))) as unknown;
  if (!res.ok) {
    const { message, action } = body as Partial<ApiError>;
    throw new ApiFailure(
      typeof message === 'string' ? message : s('dashboard.error.load', { message: String(res.status) }),
      action,
    );
  }
  return body as T;
}
