/**
 * The pieces of `npm run bench:turns` (bench/turns.ts): a local stand-in for the Bot Connector that both
 * bots reply to, Teams-shaped activities, a closed-loop load generator (N virtual clients, each with its own
 * personal conversation, each sending its next turn when the last one was answered and checked), and the
 * CPU time of a bot process read from /proc.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

// ---------------------------------------------------------------------------------------------------
// The connector stand-in

interface ConversationTally {
  activities: number;
  cards: number;
}

/**
 * Answers what a bot sends through its serviceUrl: POST /v3/conversations/:id/activities (send) and
 * .../activities/:activityId (reply) with 200 {id}; PUT .../activities/:id (update) likewise; GET
 * .../members/:id with the member as Teams would. It keeps only a tally per conversation (activities and
 * Adaptive Card attachments) so that a long run does not grow it; anything else is answered 404 and counted.
 */
export class TurnConnector {
  private readonly tally = new Map<string, ConversationTally>();
  /** Calls the stand-in did not know (by "METHOD path-shape"). */
  readonly unknown = new Map<string, number>();
  /** Member lookups answered. */
  memberLookups = 0;
  private seq = 0;
  url = '';

  private constructor(private readonly server: http.Server) {}

  static async start(): Promise<TurnConnector> {
    const server = http.createServer();
    server.keepAliveTimeout = 60_000;
    const c = new TurnConnector(server);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => c.handle(req, res));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    c.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return c;
  }

  /** What the conversation has received so far (a copy). */
  seen(conversationId: string): ConversationTally {
    const t = this.tally.get(conversationId);
    return { activities: t?.activities ?? 0, cards: t?.cards ?? 0 };
  }

  forget(conversationId: string): void {
    this.tally.delete(conversationId);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0];
      const method = req.method ?? 'GET';
      const m = /^\/v3\/conversations\/([^/]+)\/(activities|members)(?:\/([^/]+))?$/.exec(path);
      const send = (status: number, body: unknown): void => {
        const text = JSON.stringify(body);
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      };
      if (m && m[2] === 'activities' && (method === 'POST' || method === 'PUT')) {
        const conversationId = decodeURIComponent(m[1]);
        let activity: { attachments?: { contentType?: string }[] };
        try {
          activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof activity;
        } catch {
          send(400, { error: { code: 'BadArgument', message: 'not JSON' } });
          return;
        }
        const cards = (activity.attachments ?? []).filter(
          (a) => a.contentType === 'application/vnd.microsoft.card.adaptive',
        ).length;
        const t = this.tally.get(conversationId) ?? { activities: 0, cards: 0 };
        t.activities++;
        t.cards += cards;
        this.tally.set(conversationId, t);
        send(200, { id: method === 'PUT' && m[3] ? decodeURIComponent(m[3]) : `bench-${++this.seq}` });
        return;
      }
      if (m && m[2] === 'members' && method === 'GET' && m[3]) {
        this.memberLookups++;
        const id = decodeURIComponent(m[3]);
        const aad = id.startsWith('29:') ? id.slice(3) : id;
        send(200, {
          id,
          name: 'Bench User',
          aadObjectId: aad,
          email: `user-${aad.slice(0, 8)}@bench.example`,
          userPrincipalName: `user-${aad.slice(0, 8)}@bench.example`,
        });
        return;
      }
      const shape = `${method} ${path.replace(/\/v3\/conversations\/[^/]+/, '/v3/conversations/:id')}`;
      this.unknown.set(shape, (this.unknown.get(shape) ?? 0) + 1);
      send(404, { error: { code: 'NotFound', message: 'the bench connector does not know this route' } });
    });
  }
}

// ---------------------------------------------------------------------------------------------------
// Teams-shaped activities

export interface BenchUser {
  /** Entra object id */
  readonly aadObjectId: string;
  readonly tenantId: string;
  readonly name: string;
}

export interface VirtualClient {
  readonly user: BenchUser;
  readonly conversationId: string;
}

export const BOT_ACCOUNT = { id: '28:bench-bot', name: 'CSP Bot' };

/** An activity as Teams posts it to a bot, in `client`'s personal chat. */
export function teamsActivity(
  serviceUrl: string,
  client: VirtualClient,
  fields: Record<string, unknown>,
): Record<string, unknown> {
  const { user, conversationId } = client;
  const now = new Date();
  return {
    id: `f:${randomUUID()}`,
    channelId: 'msteams',
    serviceUrl,
    timestamp: now.toISOString(),
    localTimestamp: now.toISOString(),
    from: { id: `29:${user.aadObjectId}`, aadObjectId: user.aadObjectId, name: user.name },
    recipient: BOT_ACCOUNT,
    conversation: { id: conversationId, conversationType: 'personal', tenantId: user.tenantId },
    channelData: { tenant: { id: user.tenantId } },
    locale: 'en-US',
    entities: [{ type: 'clientInfo', locale: 'en-US', timezone: 'Asia/Seoul', country: 'KR', platform: 'Web' }],
    ...fields,
  };
}

export function messageFields(text: string): Record<string, unknown> {
  return { type: 'message', text, textFormat: 'plain' };
}

export function invokeFields(verb: string, data: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: `bench-card-${randomUUID()}`,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

// ---------------------------------------------------------------------------------------------------
// Steps, scenarios and the load loop

/** One turn of a scenario: what to send and what makes its answer right. */
export interface Step {
  readonly label: string;
  readonly fields: Record<string, unknown>;
  /** message turns: the least activities (and Adaptive Cards) the bot must have posted to the connector */
  readonly minActivities?: number;
  readonly minCards?: number;
  /** invoke turns: the body must be an Adaptive Card invoke response whose JSON contains this (if given) */
  readonly invokeCard?: { readonly contains?: string };
}

export interface PhaseResult {
  turns: number;
  errors: number;
  /** latency of every turn, ms */
  samples: number[];
  elapsedMs: number;
  /** bot process CPU (user + system) over the phase, ms; NaN where /proc is unavailable */
  cpuMs: number;
  /** this process's CPU over the phase (load generator + connector stand-in), ms */
  genCpuMs: number;
  firstErrors: string[];
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function post(url: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.setTimeout(30_000, () => req.destroy(new Error('no answer within 30 s')));
    req.end(body);
  });
}

/** Sends one step and checks the answer; returns an error message, or undefined when it was right. */
async function runStep(
  messagesUrl: string,
  connector: TurnConnector,
  client: VirtualClient,
  step: Step,
): Promise<string | undefined> {
  const before = connector.seen(client.conversationId);
  const activity = teamsActivity(connector.url, client, step.fields);
  let res: { status: number; text: string };
  try {
    res = await post(messagesUrl, JSON.stringify(activity));
  } catch (e) {
    return `${step.label}: ${e instanceof Error ? e.message : String(e)}`;
  }
  if (res.status !== 200) return `${step.label}: HTTP ${res.status} ${res.text.slice(0, 200)}`;
  if (step.invokeCard) {
    // CloudAdapter writes the invoke response's body (the AdaptiveCardInvokeResponse) as the HTTP body
    let r: { statusCode?: number; type?: string; value?: { type?: string } };
    try {
      r = JSON.parse(res.text) as typeof r;
    } catch {
      return `${step.label}: invoke answer is not JSON: ${res.text.slice(0, 200)}`;
    }
    if (
      r.statusCode !== 200 ||
      r.type !== 'application/vnd.microsoft.card.adaptive' ||
      r.value?.type !== 'AdaptiveCard'
    )
      return `${step.label}: invoke answer is not a card: ${res.text.slice(0, 300)}`;
    if (step.invokeCard.contains && !res.text.includes(step.invokeCard.contains))
      return `${step.label}: the card does not show "${step.invokeCard.contains}": ${res.text.slice(0, 300)}`;
  }
  const after = connector.seen(client.conversationId);
  if (step.minActivities && after.activities - before.activities < step.minActivities)
    return `${step.label}: ${after.activities - before.activities} activities posted, expected ≥ ${step.minActivities}`;
  if (step.minCards && after.cards - before.cards < step.minCards)
    return `${step.label}: ${after.cards - before.cards} cards posted, expected ≥ ${step.minCards}`;
  return undefined;
}

/** CPU time (user + system) of a process so far, in ms, from /proc/<pid>/stat; NaN off Linux. */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): utime is field 14, stime field 15
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / clockTicks();
  } catch {
    return NaN;
  }
}

let clkTck: number | undefined;
function clockTicks(): number {
  if (clkTck === undefined) {
    try {
      clkTck = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clkTck = 100;
    }
  }
  return clkTck;
}

export interface LoadOptions {
  readonly messagesUrl: string;
  readonly connector: TurnConnector;
  readonly clients: readonly VirtualClient[];
  /** each client runs these in order, again and again; a started cycle is always finished */
  readonly steps: readonly Step[];
  /** stop starting new cycles after this long */
  readonly seconds: number;
  /** or after this many turns in all (whichever comes first) */
  readonly maxTurns?: number;
  /** the bot's pid, for its CPU time */
  readonly pid: number;
}

/**
 * Closed-loop load: every client sends its next step as soon as the last was answered and checked. A
 * cycle (e.g. `enroll` then `cancel`) is finished even past the deadline, so dialog state is left clean;
 * the elapsed time runs to the last answer.
 */
export async function runLoad(o: LoadOptions): Promise<PhaseResult> {
  const r = emptyPhase();
  const cpu0 = processCpuMs(o.pid);
  const gen0 = process.cpuUsage();
  const t0 = performance.now();
  const deadline = t0 + o.seconds * 1000;
  const more = () => performance.now() < deadline && (o.maxTurns === undefined || r.turns < o.maxTurns);
  await Promise.all(
    o.clients.map(async (client) => {
      while (more()) {
        for (const step of o.steps) {
          const s = performance.now();
          const error = await runStep(o.messagesUrl, o.connector, client, step);
          r.samples.push(performance.now() - s);
          r.turns++;
          if (error) {
            r.errors++;
            if (r.firstErrors.length < 5) r.firstErrors.push(error);
          }
        }
      }
    }),
  );
  r.elapsedMs = performance.now() - t0;
  r.cpuMs = processCpuMs(o.pid) - cpu0;
  const gen = process.cpuUsage(gen0);
  r.genCpuMs = (gen.user + gen.system) / 1000;
  return r;
}

/** Adds `b` into `a` (for totals over rounds). */
export function addPhase(a: PhaseResult, b: PhaseResult): void {
  a.turns += b.turns;
  a.errors += b.errors;
  for (const x of b.samples) a.samples.push(x);
  a.elapsedMs += b.elapsedMs;
  a.cpuMs += b.cpuMs;
  a.genCpuMs += b.genCpuMs;
  for (const e of b.firstErrors) if (a.firstErrors.length < 5) a.firstErrors.push(e);
}

export function emptyPhase(): PhaseResult {
  return { turns: 0, errors: 0, samples: [], elapsedMs: 0, cpuMs: 0, genCpuMs: 0, firstErrors: [] };
}
