import type { IncomingHttpHeaders } from 'node:http';
import type { PartnerCenterWorld } from './world.js';

/** A request as the routes see it: JSON bodies with their keys camel-cased (Partner Center's binder ignores case). */
export interface StubRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

export interface StubAnswer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface StubRouteContext {
  readonly world: PartnerCenterWorld;
  /** Sends a signed event to the registered webhook (the validation event route uses it). */
  readonly emit: (eventName: string, resourceUri: string, resourceName: string) => Promise<void>;
}

export interface StubRoute {
  readonly method: string;
  readonly pattern: RegExp;
  /** The reference's prerequisites say "App+User credentials only". */
  readonly appUserOnly: boolean;
  readonly handle: (
    request: StubRequest,
    match: RegExpExecArray,
    context: StubRouteContext,
  ) => StubAnswer | Promise<StubAnswer>;
}

/** Partner Center's error body (partner-center/developer/error-codes): code, description, data, source. */
export function pcError(status: number, code: number | string, description: string): StubAnswer {
  return { status, body: { code, description, data: [], source: 'PartnerFD' } };
}

export const link = (uri: string, headers: { key: string; value: string }[] = []) => ({ uri, method: 'GET', headers });
export const collection = (items: unknown[], extra: Record<string, unknown> = {}) => ({
  totalCount: items.length,
  items,
  ...extra,
  attributes: { objectType: 'Collection' },
});

/** The object behind a JSON value, or an empty one (request bodies are untrusted input). */
export const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : {};
export const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
export const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
