import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { offerVerbs as ov } from '../../../../src/bot/offers/verbs.js';
import { FILE_DOWNLOAD_INFO } from '../../../../src/bot/offers/files.js';
import { actionsOf } from '../../../support/cards.js';
import { card, not, play, press, refused, says, type Answer } from '../../../support/conversation.js';
import { forEachDatabase } from '../../../support/db.js';
import { snapshot } from '../../../support/domain-assert.js';
import { startHarness, type Chat, type Harness } from '../../../support/harness.js';
import { createDomainStore } from '../../../../src/data/domain-store.js';

/**
 * Issue 14 item 4 and 5, through the real server: `offers` (제품 카탈로그) for program administrators,
 * its Retire / Restore / Add offer cards, and CSV files sent in personal chat, downloaded from a local
 * HTTP server started here (Teams' file.download.info attachment, pre-authorized downloadUrl).
 */
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const ADMIN = '0c0c0c0c-1111-4222-8333-444444444444';
const ADMIN_KO = '0d0d0d0d-1111-4222-8333-444444444444';

interface FileServer {
  readonly url: string;
  /** paths the bot fetched */
  readonly hits: string[];
  files: Map<string, string | Buffer>;
  close(): Promise<void>;
}

async function startFileServer(): Promise<FileServer> {
  const files = new Map<string, string | Buffer>();
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const body = files.get(req.url ?? '');
    if (req.url === '/redirect') {
      res.writeHead(302, { location: '/offers.csv' });
      res.end();
      return;
    }
    if (body === undefined) {
      res.writeHead(404);
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    files,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const sample = (name: string) => readFileSync(path.join(root, 'samples', name), 'utf8');

/** What Teams posts when someone sends a file in personal chat. */
function fileMessage(name: string, downloadUrl: string, fileType = name.split('.').pop() ?? '') {
  return {
    type: 'message',
    text: '',
    attachments: [
      {
        contentType: FILE_DOWNLOAD_INFO,
        contentUrl: `https://contoso-my.sharepoint.com/personal/files/${name}`,
        name,
        content: { downloadUrl, uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C9D', fileType },
      },
    ],
  };
}

/** Sends a file and returns the bot's one reply. */
async function sendFile(h: Harness, chat: Chat, name: string, downloadUrl: string, fileType?: string): Promise<Answer> {
  const r = await chat.send(fileMessage(name, downloadUrl, fileType));
  assert.ok(r.status < 300, `HTTP ${r.status}`);
  const [reply] = await h.connector.waitFor(1);
  assert.ok(reply);
  return { text: reply.card ? JSON.stringify(reply.card) : (reply.text ?? ''), card: reply.card, activity: reply };
}

/** The data of the button titled `title` in the row whose heading is `heading`. */
function rowButton(heading: string, title: string) {
  return (a: Answer) => {
    const body = (a.card?.body ?? []) as { type: string; items?: Record<string, unknown>[] }[];
    const row = body.find(
      (b) => b.type === 'Container' && JSON.stringify(b.items ?? []).includes(`"text":"${heading}"`),
    );
    assert.ok(row, `a row for ${heading}`);
    const button = actionsOf({ type: 'AdaptiveCard', body: row.items }).find((x) => x.title === title);
    assert.ok(button, `a ${title} button for ${heading}`);
    return button.data;
  };
}

describe('the offer catalog in chat (issue 14)', function () {
  this.timeout(60_000);
  forEachDatabase('offers command and file imports', (db) => {
    let h: Harness;
    let files: FileServer;
    beforeEach(async () => {
      files = await startFileServer();
      h = await startHarness({ env: { PROGRAM_ADMINS: `${ADMIN},${ADMIN_KO}`, LOG_LEVEL: 'warn' }, storage: db.kind });
    });
    afterEach(async () => {
      await h.close();
      await files.close();
    });
    const prisma = () => h.database!.db.prisma;
    const unchanged = async (act: () => Promise<unknown>) => {
      const store = createDomainStore(h.database!.db);
      const before = await snapshot(store);
      await act();
      assert.deepEqual(await snapshot(store), before, 'the database changed');
    };

    it('S1/S4: an administrator imports samples/offers.csv by sending it, then retires, restores and adds offers from the card', async () => {
      files.files.set('/offers.csv', sample('offers.csv'));
      const admin = h.user({ aadObjectId: ADMIN, name: 'Pat Admin' });
      await play(h, admin, [
        { user: 'offers', bot: card('Offer catalog', 'The catalog is empty', /send a CSV file to this chat/) },
      ]);
      const summary = await sendFile(h, admin, 'offers.csv', `${files.url}/offers.csv`);
      card('Offer catalog imported', 'offers.csv', 'Added', '9').check(summary, 'summary');
      assert.equal(await prisma().offer.count(), 9);

      await play(h, admin, [
        {
          user: 'offers',
          bot: card(
            'Offer catalog',
            'Microsoft 365 E3',
            'Office 365 E1 (retired)',
            '1–10000 licenses · can be ordered · no subscriptions',
            not('CFQ7TTC0LFLX'),
            { json: [ov.offerRetire, ov.offerRestore, ov.offerAddForm] },
          ),
        },
        {
          user: press(ov.offerRetire, rowButton('Microsoft 365 E3', 'Retire')),
          bot: card('Microsoft 365 E3 is retired: it can no longer be ordered', 'Microsoft 365 E3 (retired)'),
          why: 'S1/S4: retired offers stay listed, marked retired',
        },
        {
          user: press(ov.offerRetire, { v: 1, offerId: 'CFQ7TTC0LFLX:0001' }),
          bot: card('Microsoft 365 E3 was already retired: nothing changed'),
        },
        {
          user: press(ov.offerRestore, { v: 1, offerId: 'CFQ7TTC0LFLX:0001' }),
          bot: card('Microsoft 365 E3 can be ordered again'),
        },
        {
          user: press(ov.offerAddForm, { v: 1 }),
          bot: card('Add an offer', { inputs: ['offerId', 'nameEn', 'nameKo', 'minQuantity', 'maxQuantity'] }),
        },
        {
          user: press(ov.offerAdd, {
            v: 1,
            offerId: 'CFQ7TTC0LDPB:0002',
            nameEn: 'Microsoft 365 E5 (no Teams)',
            nameKo: 'Microsoft 365 E5 (Teams 제외)',
            minQuantity: '50',
            maxQuantity: '10',
          }),
          bot: card(
            'Add an offer',
            'Microsoft 365 E5 (no Teams)',
            'Most licenses per order: is less than the fewest licenses per order.',
          ),
          why: 'a bad range: the form again, answers kept, nothing added',
        },
        {
          user: press(ov.offerAdd, {
            v: 1,
            offerId: 'CFQ7TTC0LH18:0001',
            nameEn: 'Duplicate',
            nameKo: '중복',
            minQuantity: '1',
            maxQuantity: '10',
          }),
          bot: card('Add an offer', 'The catalog already has an offer with the ID CFQ7TTC0LH18:0001'),
        },
        {
          user: press(ov.offerAdd, {
            v: 1,
            offerId: 'CFQ7TTC0LDPB:0002',
            nameEn: 'Microsoft 365 E5 (no Teams)',
            nameKo: 'Microsoft 365 E5 (Teams 제외)',
            minQuantity: '10',
            maxQuantity: '5000',
          }),
          bot: card('Microsoft 365 E5 (no Teams) was added to the catalog'),
        },
      ]);
      assert.equal(await prisma().offer.count(), 10);
      const e3 = await prisma().offer.findUniqueOrThrow({ where: { id: 'CFQ7TTC0LFLX:0001' } });
      assert.equal(e3.active, true);
      const actions = (await prisma().auditEvent.findMany({ where: { entity: 'Offer' }, orderBy: { at: 'asc' } })).map(
        (a) => a.action,
      );
      assert.deepEqual([...actions].sort(), ['offer.added', 'offer.restored', 'offer.retired', 'offers.imported']);
    });

    it('S1/S4: the catalog pages in Korean with the Korean names; someone else is refused the command, the buttons and the import', async () => {
      const rows = Array.from(
        { length: 12 },
        (_, i) => `offer-${String(i).padStart(2, '0')},Offer ${i},제품 ${i},1,10`,
      );
      files.files.set('/many.csv', ['offerId,nameEn,nameKo,minQuantity,maxQuantity', ...rows].join('\n'));
      const ko = h.user({ aadObjectId: ADMIN_KO, locale: 'ko-KR' });
      const imported = await sendFile(h, ko, 'many.csv', `${files.url}/many.csv`);
      card('제품 카탈로그를 가져왔습니다', '추가됨').check(imported, 'summary');
      await play(h, ko, [
        {
          user: '제품 카탈로그',
          bot: card('제품 카탈로그', '제품 0', '1페이지', '라이선스 1–10개 · 주문 가능 · 구독 없음'),
        },
        {
          user: press(ov.offersPage, (a) => {
            const next = actionsOf(a.card).find((x) => x.title === '다음');
            assert.ok(next, 'a next button');
            return next.data;
          }),
          bot: card('2페이지', '제품 10', '제품 11', not('제품 9')),
        },
      ]);

      // a partner's team channel is not the program's: the catalog is not shown there (U3)
      await play(h, h.channel({ aadObjectId: ADMIN }), [
        { user: 'offers', bot: says(/program/i, not('Offer catalog')) },
      ]);
      const someone = h.user({ name: 'Not Admin' });
      await play(h, someone, [
        { user: 'offers', bot: says('Only a program administrator can do this.') },
        { user: press(ov.offerRetire, { v: 1, offerId: 'offer-00' }), bot: refused('Only a program administrator') },
        { user: press(ov.offerAddForm, { v: 1 }), bot: refused('Only a program administrator') },
      ]);
      files.hits.length = 0;
      await unchanged(async () => {
        const r = await sendFile(h, someone, 'many.csv', `${files.url}/many.csv`);
        says('Only a program administrator can do this.').check(r, 'file from a non-admin');
      });
      assert.deepEqual(files.hits, [], 'nothing was downloaded for a non-admin');
      assert.equal((await prisma().offer.findUniqueOrThrow({ where: { id: 'offer-00' } })).active, true);
    });

    it('E2: an MPN registry file is recognized by its header and imported; an offers file with bad rows lists them and changes nothing', async () => {
      files.files.set('/mpn.csv', sample('mpn-registry.csv'));
      files.files.set(
        '/bad.csv',
        'offerId,nameEn,nameKo,minQuantity,maxQuantity,active\nok-1,Fine,좋음,1,10,true\nbad-1,Bad,나쁨,10,1,true\nbad-2,,이름,1,10,maybe\n',
      );
      const admin = h.user({ aadObjectId: ADMIN });
      const mpn = await sendFile(h, admin, 'mpn-registry.csv', `${files.url}/mpn.csv`);
      card('MPN registry imported', 'Added', '6').check(mpn, 'mpn summary');
      assert.equal(await prisma().mpnProfile.count(), 6);

      await unchanged(async () => {
        const bad = await sendFile(h, admin, 'bad.csv', `${files.url}/bad.csv`);
        card(
          'Nothing was imported',
          'Line 3, maxQuantity: is less than minQuantity',
          'Line 4, nameEn: is empty',
          'Line 4, active: must be true or false',
          not('Line 2'),
        ).check(bad, 'problems');
      });
      const ko = h.user({ aadObjectId: ADMIN_KO, locale: 'ko-KR' });
      const badKo = await sendFile(h, ko, 'bad.csv', `${files.url}/bad.csv`);
      card('아무것도 가져오지 않았습니다', '3행, maxQuantity: minQuantity보다 작습니다').check(
        badKo,
        'problems in Korean',
      );
      assert.equal(await prisma().offer.count(), 0);
    });

    it('S1/S4: a file that is not CSV, has an unknown header, is too large, cannot be downloaded or is malformed gets a clear message and changes nothing', async () => {
      files.files.set('/offers.csv', sample('offers.csv'));
      files.files.set('/unknown.csv', 'name,email\nPat,pat@contoso.example\n');
      files.files.set('/big.csv', Buffer.alloc(1024 * 1024 + 10, 0x61));
      files.files.set(
        '/latin1.csv',
        Buffer.from('offerId,nameEn,nameKo,minQuantity,maxQuantity\nx,Caf\xe9,x,1,2\n', 'latin1'),
      );
      const admin = h.user({ aadObjectId: ADMIN });
      // the administrator's first turn records their Teams identity (ProgramAdmin); the files come after
      await play(h, admin, [{ user: 'offers', bot: card('Offer catalog') }]);
      await unchanged(async () => {
        const cases: [string, string, string | undefined, RegExp][] = [
          ['prices.xlsx', `${files.url}/offers.csv`, 'xlsx', /I can only import CSV files/],
          ['unknown.csv', `${files.url}/unknown.csv`, undefined, /I do not recognize unknown\.csv/],
          ['big.csv', `${files.url}/big.csv`, undefined, /larger than 1024 KB/],
          ['gone.csv', `${files.url}/gone.csv`, undefined, /could not download gone\.csv/],
          ['latin1.csv', `${files.url}/latin1.csv`, undefined, /is not UTF-8 text/],
          ['ftp.csv', 'ftp://127.0.0.1/offers.csv', undefined, /Teams sent a file I cannot read/],
        ];
        for (const [name, url, type, expected] of cases) {
          const r = await sendFile(h, admin, name, url, type);
          says(expected, /Nothing was imported/).check(r, name);
        }
      });
      assert.ok(!files.hits.includes('/offers.csv'), 'a file that is not CSV is not downloaded');
      // a redirect is followed (to the same server, checked the same way)
      const r = await sendFile(h, admin, 'offers.csv', `${files.url}/redirect`);
      card('Offer catalog imported').check(r, 'redirected');
    });
  });
});
