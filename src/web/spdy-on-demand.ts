import Module, { createRequire } from 'node:module';

/**
 * restify 11 `require`s spdy at the top of lib/server.js although only its `spdy` server option uses it,
 * and spdy loads http-deceiver, whose `process.binding('http_parser')` prints Node's DEP0111 deprecation
 * warning twice at every start (issue 16 item 7). spdy 4.0.2 and http-deceiver 1.2.7 are their last
 * releases and restify 12 needs Node 22, so the fix is here: before restify loads, spdy's entry in the
 * CommonJS module cache (which Node documents as writable) holds a stand-in that loads the real spdy only
 * if a server is ever created with it. This bot never does, so http-deceiver is never loaded.
 * Imported for its effect, before anything imports restify (src/index.ts).
 */
function deferSpdy(): void {
  const require = createRequire(import.meta.url);
  let spdyPath: string;
  try {
    spdyPath = createRequire(require.resolve('restify')).resolve('spdy');
  } catch {
    return; // a restify without spdy: nothing to defer
  }
  if (require.cache[spdyPath]) return; // already loaded (restify came first): too late, and harmless
  const standIn = new Module(spdyPath);
  standIn.filename = spdyPath;
  standIn.loaded = true;
  standIn.exports = {
    createServer(...args: unknown[]): unknown {
      delete require.cache[spdyPath];
      const spdy = require(spdyPath) as { createServer: (...a: unknown[]) => unknown };
      return spdy.createServer(...args);
    },
  };
  require.cache[spdyPath] = standIn;
}

deferSpdy();
