import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { download, FileRefused } from '../../../../src/bot/offers/files.js';

/** Issue 14 item 5: the file download's guards (https only in Teams, size cap, timeout, redirects checked). */
describe('file import download', () => {
  let server: Server;
  let base: string;
  before(async () => {
    server = createServer((req, res) => {
      if (req.url === '/chunked') {
        // no content-length: the cap must hold while reading
        res.writeHead(200);
        for (let i = 0; i < 20; i++) res.write(Buffer.alloc(1000, 0x61));
        res.end();
      } else if (req.url === '/slow') {
        res.writeHead(200);
        res.write('offerId');
        // never ends
      } else if (req.url === '/to-ftp') {
        res.writeHead(302, { location: 'ftp://127.0.0.1/x.csv' });
        res.end();
      } else {
        res.writeHead(200, { 'content-length': '5' });
        res.end('a,b,c');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  const options = { maxBytes: 10_000, timeoutMs: 2_000, allowHttp: true };
  const refusedWith = async (p: Promise<unknown>, key: string) => {
    const e = await p.then(
      () => assert.fail('expected a refusal'),
      (err: unknown) => err,
    );
    assert.ok(e instanceof FileRefused, String(e));
    assert.equal(e.key, key);
  };

  it('reads a small file over http when allowed (a bot without MicrosoftAppId)', async () => {
    assert.equal(await download(`${base}/ok.csv`, options, 'ok.csv'), 'a,b,c');
  });

  it('refuses plain http in Teams (allowHttp false) without fetching', async () => {
    await refusedWith(download(`${base}/ok.csv`, { ...options, allowHttp: false }, 'ok.csv'), 'files.downloadFailed');
  });

  it('stops reading at the size cap even without a content-length', async () => {
    await refusedWith(download(`${base}/chunked`, options, 'big.csv'), 'files.tooLarge');
  });

  it('gives up at the deadline', async () => {
    await refusedWith(download(`${base}/slow`, { ...options, timeoutMs: 300 }, 'slow.csv'), 'files.downloadFailed');
  });

  it('checks every redirect like the first URL', async () => {
    await refusedWith(download(`${base}/to-ftp`, options, 'x.csv'), 'files.downloadFailed');
  });
});
