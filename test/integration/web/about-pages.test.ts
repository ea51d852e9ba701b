import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startHarness, type Harness } from '../../support/harness.js';
import { pageText, unreadable } from '../../support/readable.js';

/**
 * Issue 14 item 7: GET / says what this is (and that the data is demo data in the playground), and the
 * privacy and terms pages the Teams manifest links to answer 200, in English and Korean.
 */
describe('home, privacy and terms pages (issue 14 item 7)', () => {
  let h: Harness;
  let demo: Harness;
  before(async () => {
    h = await startHarness({ env: { PUBLIC_BASE_URL: 'https://bot.example.test' } });
    demo = await startHarness({ env: { DEMO_MODE: '1' } });
  });
  after(async () => {
    await h.close();
    await demo.close();
  });

  const get = (base: Harness, path: string, lang?: string) =>
    fetch(`${base.url}${path}`, { headers: lang ? { 'accept-language': lang } : {} });

  for (const path of ['/', '/privacy', '/terms']) {
    it(`GET ${path}: 200, a page in en-US and ko-KR (Accept-Language or ?lang=), Korean kept whole (keep-all)`, async () => {
      const en = await get(h, path, 'en-US,en;q=0.9');
      assert.equal(en.status, 200);
      assert.match(en.headers.get('content-type') ?? '', /^text\/html/);
      const enHtml = await en.text();
      assert.match(enHtml, /<html lang="en">/);
      assert.deepEqual(unreadable(pageText(enHtml), { english: true }), []);

      const ko = await get(h, path, 'ko-KR,ko;q=0.9');
      const koHtml = await ko.text();
      assert.equal(ko.status, 200);
      assert.match(koHtml, /<html lang="ko">/);
      assert.match(koHtml, /word-break: keep-all/);
      assert.match(pageText(koHtml), /[가-힣]/);
      assert.deepEqual(unreadable(pageText(koHtml)), []);

      const byQuery = await (await get(h, `${path}?lang=ko`, 'en-US')).text();
      assert.match(byQuery, /<html lang="ko">/);
      // a query that is not a language is ignored, never an error
      assert.equal((await get(h, `${path}?lang=<script>`)).status, 200);
    });
  }

  it('GET / names the bot and its messaging endpoint, links privacy and terms, and says nothing of demo data by default', async () => {
    const html = await (await get(h, '/', 'en-US')).text();
    assert.match(html, /Cloud Solution Provider/);
    assert.match(html, /https:\/\/bot\.example\.test\/api\/messages/);
    assert.match(html, /href="\/privacy\?lang=en"/);
    assert.match(html, /href="\/terms\?lang=en"/);
    assert.doesNotMatch(html, /demo data/i);
  });

  it('with DEMO_MODE on, GET / says the data is demo data, in both languages', async () => {
    assert.match(await (await get(demo, '/', 'en-US')).text(), /made-up demo data/);
    assert.match(await (await get(demo, '/', 'ko-KR')).text(), /데모 데이터/);
  });

  it('the app manifest links exactly these pages', () => {
    const manifest = readFileSync(new URL('../../../appPackage/manifest.json', import.meta.url), 'utf8');
    assert.match(manifest, /"privacyUrl": "\$\{\{PUBLIC_BASE_URL\}\}\/privacy"/);
    assert.match(manifest, /"termsOfUseUrl": "\$\{\{PUBLIC_BASE_URL\}\}\/terms"/);
  });
});
