import http from 'node:http';
import https from 'node:https';
import type { Activity } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { SendResult } from './send-port.js';

/** What classify.ts reads from a failed call: the shape of botframework-connector's RestError. */
export class SendHttpError extends Error {
  readonly response: { readonly headers: { get(name: string): string | undefined }; readonly bodyAsText: string };

  constructor(
    readonly statusCode: number,
    headers: http.IncomingHttpHeaders,
    bodyAsText: string,
  ) {
    super(`HTTP ${statusCode}`);
    this.name = 'SendHttpError';
    this.response = {
      headers: {
        get: (name) => {
          const v = headers[name.toLowerCase()];
          return Array.isArray(v) ? v.join(', ') : v;
        },
      },
      bodyAsText,
    };
  }
}

/**
 * What the credentials' signRequest gets instead of the pipeline's WebResource: the request's method
 * and URL, and headers they `set` (MicrosoftAppCredentials sets `Authorization: Bearer <token>`;
 * credentials for a bot without an app id set nothing). Names are kept lower-case, as HTTP/1.1
 * compares them, so a credential setting a header we set already replaces it instead of doubling it.
 */
interface SignableRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: { set(name: string, value: string): void; get(name: string): string | undefined };
}

function signable(method: string, url: URL, headers: Record<string, string>): SignableRequest {
  return {
    method,
    url: url.toString(),
    headers: {
      set: (name, value) => void (headers[name.toLowerCase()] = value),
      get: (name) => headers[name.toLowerCase()],
    },
  };
}

/**
 * Keep-alive, as the connector's own HTTP client does. An idle socket is closed after 4 s (Node's
 * own global agent uses 5 s), before a server with Node's default keepAliveTimeout (5 s) closes it
 * under a request just written to it (ECONNRESET, a retry for nothing).
 */
const agents = {
  http: new http.Agent({ keepAlive: true, timeout: 4_000 }),
  https: new https.Agent({ keepAlive: true, timeout: 4_000 }),
};

/**
 * The path of the connector's sendToConversation (operation path "v3/conversations/{conversationId}/activities"
 * appended to the service URL's path; replyToActivity's adds "/{activityId}"), the conversation id encoded with encodeURIComponent as
 * @azure/core-client does for a path parameter: Teams ids such as "19:abc@thread.tacv2;messageid=123"
 * keep ':' '@' ';' '=' escaped, so the id is one path segment.
 */
function activitiesUrl(serviceUrl: string, conversationId: string, replyToId?: string): URL {
  const base = new URL(serviceUrl);
  const dir = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  const reply = replyToId ? `/${encodeURIComponent(replyToId)}` : '';
  base.pathname = `${dir}v3/conversations/${encodeURIComponent(conversationId)}/activities${reply}`;
  return base;
}

/**
 * POST {serviceUrl}v3/conversations/{id}/activities, signed by the connector client's credentials (the
 * bot's token, cached and renewed by them; nothing for a bot without an app id), as the connector's
 * sendToConversation does, without its request pipeline: that pipeline's serializer, tracing and
 * policies cost ~0.3 ms of CPU per call, a third of the worker's whole cost per notification.
 *
 * `timeoutMs` bounds the whole call (connecting, sending, waiting for and reading the answer), not
 * only the socket's idle time: a connector that trickles its answer, or a connect that hangs, is
 * given up on too (ETIMEDOUT).
 */
export async function postActivity(
  connector: ConnectorClient,
  serviceUrl: string,
  conversationId: string,
  activity: Partial<Activity>,
  timeoutMs: number,
  /** replyToActivity's path, .../activities/{replyToId}, instead of sendToConversation's */
  replyToId?: string,
): Promise<SendResult> {
  const url = activitiesUrl(serviceUrl, conversationId, replyToId);
  const body = JSON.stringify(activity);
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    accept: 'application/json',
  };
  await connector.credentials.signRequest(
    signable('POST', url, headers) as unknown as Parameters<ConnectorClient['credentials']['signRequest']>[0],
  );
  headers['content-length'] = String(Buffer.byteLength(body, 'utf8'));
  const secure = url.protocol === 'https:';
  return new Promise<SendResult>((resolve, reject) => {
    // Handlers below run only after `timer` is set (every event of the request is asynchronous).
    const fail = (err: unknown): void => {
      clearTimeout(timer);
      reject(err instanceof Error ? err : new Error(String(err)));
    };
    const req = (secure ? https : http).request(
      url,
      { method: 'POST', headers, agent: secure ? agents.https : agents.http },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', fail);
        res.on('end', () => {
          clearTimeout(timer);
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          if (status < 200 || status >= 300) {
            reject(new SendHttpError(status, res.headers, text));
            return;
          }
          let id: unknown;
          try {
            id = text ? (JSON.parse(text) as { id?: unknown }).id : undefined;
          } catch {
            id = undefined;
          }
          resolve(typeof id === 'string' && id ? { activityId: id } : {});
        });
      },
    );
    const timer = setTimeout(() => {
      req.destroy(Object.assign(new Error(`no answer from ${url.host} within ${timeoutMs} ms`), { code: 'ETIMEDOUT' }));
    }, timeoutMs);
    req.on('error', fail);
    req.end(body);
  });
}
