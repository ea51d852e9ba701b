import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import * as http from '../http/retrying-fetch.js';
import { GraphError, graphErrorBodySchema } from './errors.js';

export const defaultGraphBaseUrl = 'https://graph.microsoft.com/v1.0';

/** clock, sleep, random, timeoutMs (default 30 s), retry and fetch as in src/http/retrying-fetch.ts. */
export interface GraphTransportOptions extends http.AttemptSettings {
  /** Default https://graph.microsoft.com/v1.0; the local Graph in tests. */
  readonly baseUrl?: string;
  /** A delegated access token for Microsoft Graph (DelegatedAdminRelationship.ReadWrite.All). */
  readonly accessToken: () => Promise<string>;
  readonly logger: http.HttpLogger;
  /** New GUIDs for client-request-id. */
  readonly newGuid?: () => string;
}

/** One logical request. */
export interface GraphRequestSpec<T> {
  /** A stable name for logs and errors, e.g. "relationships.create". */
  readonly operation: string;
  readonly method: http.HttpMethod;
  /** From the base URL, e.g. "/tenantRelationships/delegatedAdminRelationships"; or a nextLink (absolute). */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | undefined>>;
  readonly body?: unknown;
  /** e.g. If-Match */
  readonly headers?: Readonly<Record<string, string>>;
  /** The documented response; an empty body (204) parses as `undefined`. */
  readonly schema: z.ZodType<T>;
}

/** An OData collection page: `value` and, while more remain, `@odata.nextLink` ("Paging Microsoft Graph data"). */
export function odataCollectionOf<Item>(item: z.ZodType<Item>) {
  return z.object({
    '@odata.context': z.string().optional(),
    '@odata.count': z.number().int().nonnegative().optional(),
    '@odata.nextLink': z.string().optional(),
    value: z.array(item),
  });
}

export type OdataCollection<Item> = z.infer<ReturnType<typeof odataCollectionOf<Item>>>;

/** Pages followed at most, so that a service that links a page to itself cannot keep a call running forever. */
const MAX_PAGES = 200;

/**
 * Headers, retries, paging and errors for every Microsoft Graph call:
 * - `Authorization: Bearer`, `Accept: application/json`.
 * - `client-request-id`: a new GUID per logical request, kept on its retries, so Graph's logs tie the attempts
 *   together ("Microsoft Graph REST API request headers": client-request-id); each answer's `request-id` header is
 *   logged with it, and both are on every error.
 * - 429 and 503/504 honour Retry-After ("Microsoft Graph throttling guidance"); other 5xx and timeouts back off.
 * - `@odata.nextLink` pages are followed only on the base URL's own origin and path, so the bearer token never
 *   goes to a host a response names.
 */
export class GraphTransport {
  private readonly baseUrl: string;
  private readonly accessToken: () => Promise<string>;
  private readonly logger: http.HttpLogger;
  private readonly settings: http.ResolvedAttemptSettings;
  private readonly newGuid: () => string;

  constructor(options: GraphTransportOptions) {
    this.baseUrl = (options.baseUrl ?? defaultGraphBaseUrl).replace(/\/+$/, '');
    this.accessToken = options.accessToken;
    this.logger = options.logger;
    this.settings = http.resolveAttemptSettings(options);
    this.newGuid = options.newGuid ?? randomUUID;
  }

  async request<T>(spec: GraphRequestSpec<T>): Promise<T> {
    const clientRequestId = this.newGuid();
    const ids = { operation: spec.operation, clientRequestId };
    const url = this.urlFor(spec, clientRequestId);
    return http.callDocumented(
      this.settings,
      http.bearerJsonRequest({
        method: spec.method,
        url,
        body: spec.body,
        accessToken: this.accessToken,
        headers: { 'client-request-id': clientRequestId, ...spec.headers },
      }),
      spec.schema,
      {
        onRetry: ({ outcome, attempt, durationMs, retryInMs }) => {
          this.logger.warn(
            { ...ids, ...failureOf(outcome).log, attempt, durationMs, retryInMs },
            'microsoft graph call retried',
          );
        },
        succeeded: ({ outcome, attempts, durationMs }) => {
          const requestId = outcome.headers.get('request-id') ?? undefined;
          this.logger.info(
            { ...ids, requestId, status: outcome.status, attempt: attempts, durationMs },
            'microsoft graph call succeeded',
          );
        },
        unexpected: ({ outcome, attempts }, issues) => {
          const requestId = outcome.headers.get('request-id');
          const error = new GraphError({
            ...ids,
            kind: 'unexpected-response',
            status: outcome.status,
            attempts,
            ...(requestId === null ? {} : { requestId }),
          });
          this.logger.error({ ...error.toLogFields(), issues }, 'microsoft graph answer had an unexpected shape');
          return error;
        },
        failed: ({ outcome, attempts, durationMs }) => {
          const waitMs = http.askedWaitMs(outcome, this.settings.clock());
          const error = new GraphError({
            ...ids,
            kind: http.kindForOutcome(outcome),
            attempts,
            ...failureOf(outcome).details,
            ...(waitMs === undefined ? {} : { retryAfterMs: waitMs }),
          });
          this.logger.error({ ...error.toLogFields(), durationMs }, 'microsoft graph call failed');
          return error;
        },
      },
    );
  }

  /** Every item of a collection, following `@odata.nextLink` until the last page. */
  async all<Item>(spec: Omit<GraphRequestSpec<unknown>, 'schema' | 'method'>, item: z.ZodType<Item>): Promise<Item[]> {
    const schema = odataCollectionOf(item);
    const items: Item[] = [];
    let next: GraphRequestSpec<OdataCollection<Item>> | undefined = { ...spec, method: 'GET', schema };
    for (let page = 1; next !== undefined; page += 1) {
      const body: OdataCollection<Item> = await this.request(next);
      items.push(...body.value);
      const link: string | undefined = body['@odata.nextLink'];
      if (link === undefined) break;
      if (page >= MAX_PAGES) throw this.pagingError(spec.operation, 'too many pages');
      // the nextLink carries the query ($filter, $skiptoken) itself: nothing else is added
      next = { operation: spec.operation, method: 'GET', path: link, schema };
    }
    return items;
  }

  private urlFor(spec: GraphRequestSpec<unknown>, clientRequestId: string): URL {
    let url: URL;
    if (/^https?:\/\//i.test(spec.path)) {
      url = new URL(spec.path);
      const base = new URL(this.baseUrl);
      if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) {
        throw this.pagingError(spec.operation, 'a next link on another host', clientRequestId);
      }
    } else {
      url = new URL(this.baseUrl + spec.path);
    }
    for (const [name, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, value);
    }
    return url;
  }

  private pagingError(operation: string, reason: string, clientRequestId = 'none'): GraphError {
    const error = new GraphError({ kind: 'unexpected-response', operation, clientRequestId, attempts: 0 });
    this.logger.error({ ...error.toLogFields(), reason }, 'microsoft graph paging refused');
    return error;
  }
}

/** What a failed attempt says: the status, Graph's code, message and request-id (header first, then the body's). */
function failureOf(outcome: http.AttemptOutcome): {
  details: { status?: number; code?: string; graphMessage?: string; requestId?: string };
  log: Record<string, unknown>;
} {
  if (outcome.type === 'timeout') return { details: {}, log: { failure: 'timeout' } };
  if (outcome.type === 'network') return { details: {}, log: { failure: 'network', reason: outcome.reason } };
  const body = parseErrorBody(outcome.text);
  const requestId = outcome.headers.get('request-id') ?? body?.error.innerError?.['request-id'];
  const details = {
    status: outcome.status,
    ...(body === undefined ? {} : { code: body.error.code }),
    ...(body?.error.message === undefined ? {} : { graphMessage: body.error.message }),
    ...(requestId === undefined ? {} : { requestId }),
  };
  return { details, log: { status: outcome.status, code: body?.error.code, requestId } };
}

function parseErrorBody(text: string): z.infer<typeof graphErrorBodySchema> | undefined {
  try {
    const parsed = graphErrorBodySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
