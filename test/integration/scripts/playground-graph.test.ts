import assert from 'node:assert/strict';
import { startPlaygroundGraph, gdapTerminalCommand } from '../../../scripts/playground/graph.js';
import { createConnectedGdap } from '../../../src/graph/connected-gdap.js';
import { GDAP_PERMISSION } from '../../support/graph/server.js';

/**
 * Issue 18: `npm run playground -- --partner-center` also runs the local Graph (scripts/playground/graph.ts): the
 * bot's GRAPH_API_URL reaches it over HTTP with the linked account's Graph token, and the terminal's `gdap …` lines
 * play the customer and time.
 */
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
/** the shape of the local OpenID provider's Graph token (the playground's stand-in reads its claims only) */
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const graphToken = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ scp: GDAP_PERMISSION, tid: 'demo' })}.signature`;

describe('playground: the local Graph for connected GDAP (scripts/playground/graph.ts)', () => {
  it('G13/G18: the bot’s GRAPH_API_URL creates a relationship there; "gdap approve", "gdap days" move it; other lines are not Graph’s', async () => {
    const said: string[] = [];
    const graph = await startPlaygroundGraph((line) => said.push(line));
    try {
      assert.equal(graph.env.GRAPH_API_URL, graph.url);
      assert.match(graph.lines.join('\n'), /gdap approve/);
      const port = createConnectedGdap({
        tokens: { graphAccessTokenFor: () => Promise.resolve(graphToken) },
        baseUrl: graph.env.GRAPH_API_URL,
        logger: quiet,
      }).forOrg('demo-org');
      const created = await port.requestRelationship({
        displayName: 'Wingtip helpdesk',
        customerTenantId: '4b827261-d21f-4aa9-b7db-7fa1f56fb163',
        customerName: 'Wingtip Toys',
        roleTemplateIds: ['729827e3-9c14-49f7-bb1b-9608f156bbb8'],
        durationDays: 30,
        autoExtendDays: 0,
      });
      assert.ok(created);
      assert.equal((await port.relationship(created.id))?.status, 'approvalPending');

      assert.deepEqual(gdapTerminalCommand(graph.world, 'partner center'), [], 'not a Graph line');
      assert.match(gdapTerminalCommand(graph.world, 'gdap approve nobody')[0] ?? '', /no relationship named "nobody"/);
      assert.match(gdapTerminalCommand(graph.world, 'gdap approve wingtip HELPDESK')[0] ?? '', /active/);
      assert.equal((await port.relationship(created.id))?.status, 'active');
      gdapTerminalCommand(graph.world, 'gdap days 31');
      assert.equal((await port.relationship(created.id))?.status, 'expired');
      assert.match(gdapTerminalCommand(graph.world, 'gdap days soon')[0] ?? '', /whole number/);
    } finally {
      await graph.close();
    }
  });
});
