import { LocalGraph } from './server.js';

/**
 * Runs the local Graph on its own with a few demo relationships, for trying connected GDAP by hand
 * (`npx tsx test/support/graph/start.ts`). It prints the base URL (GRAPH_API_URL) and a token it accepts; typing
 * `approve <id>`, `settle` or `days <n>` plays the customer and time. Ends on Ctrl+C.
 */
const graph = await LocalGraph.start();
const pending = graph.world.seed('approvalPending', {
  displayName: 'Wingtip Toys helpdesk',
  customer: { tenantId: '4b827261-d21f-4aa9-b7db-7fa1f56fb163', displayName: 'Wingtip Toys' },
});
graph.world.seed('active', {
  displayName: 'Litware security reader',
  customer: { tenantId: '52eaad04-13a2-4a2f-9ce8-93a294fadf36', displayName: 'Litware' },
  roles: ['5d6b6bb7-de71-4623-b4af-96380a352509'],
});
process.stdout.write(
  `${JSON.stringify({ graphApiUrl: graph.baseUrl, token: graph.issueToken(), pendingApproval: pending.id }, null, 2)}\n`,
);

process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  for (const line of chunk
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')) {
    const [verb, arg] = line.split(/\s+/);
    try {
      if (verb === 'approve' && arg) graph.world.customerApproves(arg);
      else if (verb === 'settle') graph.world.settle();
      else if (verb === 'days' && arg) graph.world.timePasses(Number(arg) * 86_400_000);
      else throw new Error('approve <id> | settle | days <n>');
      process.stdout.write('ok\n');
    } catch (error) {
      process.stdout.write(`${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
});

const stop = () => {
  void graph.stop().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
