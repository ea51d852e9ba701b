/**
 * The product as bench/turns.ts runs it: exactly `npm start` (scripts/start.ts applies the migrations, then
 * imports src/index.ts), plus one thing only a benchmark adds: an IPC handler. The parent spawns this file
 * with `--expose-gc` and an IPC channel, and asks `{ mem: n }`; the answer is process.memoryUsage() before
 * and after a forced full GC. Nothing here is reachable over HTTP.
 */
interface MemRequest {
  readonly mem: number;
}

function isMemRequest(m: unknown): m is MemRequest {
  return typeof m === 'object' && m !== null && typeof (m as { mem?: unknown }).mem === 'number';
}

process.on('message', (m: unknown) => {
  if (!isMemRequest(m) || !process.send) return;
  const before = process.memoryUsage();
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    // two passes: the first may only queue finalizers that free more on the second
    gc();
    gc();
  }
  process.send({ mem: m.mem, gc: gc !== undefined, before, after: process.memoryUsage() });
});
// the parent going away ends the bench: stop like a SIGTERM would (graceful, closes the database)
process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));

await import('../../scripts/start.js');
