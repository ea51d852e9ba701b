import { createInterface } from 'node:readline';
import { decodeJwt } from 'jose';
import { LocalGraph } from '../../test/support/graph/server.js';
import type { GraphWorld, StubRelationship } from '../../test/support/graph/world.js';

/**
 * `npm run playground -- --partner-center` (issue 18): the local Microsoft Graph (test/support/graph) runs in the
 * playground's process beside the local Partner Center, so a connected organisation can try GDAP (G13, G18) without
 * a real tenant. The bot is pointed at it (GRAPH_API_URL); the stand-in accepts the Graph access tokens the local
 * OpenID provider issues for the linked account (demo only: it reads their claims without checking a signature, as
 * nothing else can reach it).
 *
 * Typing in the playground's terminal plays the customer and time:
 *   gdap approve <name or id>   the customer's Global Administrator approves (Graph then makes it active)
 *   gdap terminate <name or id> the customer ends it in the Microsoft 365 admin center
 *   gdap days <n>               n days pass in Graph (ends, auto-extends, lapsed requests)
 *   gdap list                   what Graph holds
 */
export interface PlaygroundGraph {
  /** What the bot child needs in its environment. */
  readonly env: Record<string, string>;
  readonly url: string;
  /** the stand-in's state (what the terminal commands move) */
  readonly world: GraphWorld;
  readonly lines: readonly string[];
  close(): Promise<void>;
}

export async function startPlaygroundGraph(say: (line: string) => void): Promise<PlaygroundGraph> {
  const graph = await LocalGraph.start();
  graph.acceptJwts((token) => Promise.resolve(decodeJwt(token)));

  const input = createInterface({ input: process.stdin });
  input.on('line', (line) => {
    for (const out of gdapTerminalCommand(graph.world, line)) say(`local Graph: ${out}`);
  });

  return {
    url: graph.baseUrl,
    world: graph.world,
    env: { GRAPH_API_URL: graph.baseUrl },
    lines: [
      `graph:      local Microsoft Graph at ${graph.baseUrl} (GDAP for the connected organization)`,
      'gdap:       once connected, type "request gdap"; then here "gdap approve <relationship name>" (the customer',
      '            approves), "gdap terminate <name>", "gdap days 30"; type "gdap" in the chat to see it read back',
    ],
    async close() {
      input.close();
      await graph.stop();
    },
  };
}

/**
 * One line typed in the playground's terminal: `gdap approve|terminate <name or id>`, `gdap days <n>`, `gdap list`.
 * Answers what to print (Graph's relationships after the move, or why not); any other line is not for Graph ([]).
 */
export function gdapTerminalCommand(world: GraphWorld, raw: string): string[] {
  const m = /^gdap\s+(approve|terminate|days|list)\s*(.*)$/i.exec(raw.trim());
  if (!m) return [];
  const verb = m[1]?.toLowerCase();
  const arg = (m[2] ?? '').trim();
  const find = (): StubRelationship => {
    const k = arg.toLowerCase();
    const r = world.relationships.find((x) => x.id.toLowerCase() === k || x.displayName.toLowerCase() === k);
    if (r === undefined) throw new Error(`no relationship named "${arg}" (type "gdap list")`);
    return r;
  };
  try {
    if (verb === 'approve') {
      world.customerApproves(find().id);
      world.settle();
    } else if (verb === 'terminate') {
      world.request(find(), 'terminate');
      world.settle();
      world.settle();
    } else if (verb === 'days') {
      const days = Number(arg);
      if (!Number.isInteger(days) || days < 1) throw new Error('gdap days <whole number of days>');
      world.timePasses(days * 86_400_000);
      world.settle();
    }
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
  if (world.relationships.length === 0) return ['no GDAP relationship yet'];
  return world.relationships.map((r) => `"${r.displayName}" ${r.status} (${r.id})`);
}
