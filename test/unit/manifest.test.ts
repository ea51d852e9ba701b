import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { commands, type CommandSpec } from '../../src/bot/commands.js';
import { t } from '../../src/i18n/index.js';
import {
  COMMAND_LIMITS,
  MANIFEST_VERSION,
  PackageError,
  ZERO_GUID,
  appPackageDir,
  buildManifest,
  commandListsFor,
  packageApp,
  substitute,
  placeholdersFrom,
} from '../../scripts/package-app.js';

// Both are CommonJS with a `default` export; under nodenext the default import is module.exports.
const Ajv = AjvDraft04.default;
const addFormats = ajvFormats.default;

// Microsoft's own schemas, as shipped in @microsoft/app-manifest (draft-04).
const require = createRequire(import.meta.url);
const schemaDir = path.dirname(
  require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`),
);
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateManifest = ajv.compile(
  JSON.parse(readFileSync(path.join(schemaDir, 'MicrosoftTeams.schema.json'), 'utf8')) as object,
);
const validateLanguage = ajv.compile(
  JSON.parse(readFileSync(path.join(schemaDir, 'MicrosoftTeams.Localization.schema.json'), 'utf8')) as object,
);

function assertValid(validate: ValidateFunction, data: unknown, label: string): void {
  const ok = validate(data);
  assert.ok(ok, `${label} fails the schema: ${JSON.stringify(validate.errors, null, 2)}`);
}

const prodEnv = {
  MicrosoftAppId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
  PUBLIC_BASE_URL: 'https://csp-bot.contoso.com/',
};

const plain = (s: string) =>
  s
    .replace(/\*\*|__|`/g, '')
    .replace(/\s+/g, ' ')
    .trim();

interface BuiltManifest {
  manifestVersion: string;
  id: string;
  bots: {
    botId: string;
    scopes: string[];
    commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[];
  }[];
  validDomains: string[];
  developer: { websiteUrl: string };
  icons: { color: string; outline: string };
  localizationInfo: { defaultLanguageTag: string; additionalLanguages: { languageTag: string; file: string }[] };
}

describe('Teams app package (appPackage/)', function () {
  this.timeout(30000);
  let outDir: string;
  let result: Awaited<ReturnType<typeof packageApp>>;

  before(async () => {
    outDir = mkdtempSync(path.join(tmpdir(), 'app-package-'));
    result = await packageApp({}, outDir);
  });
  after(() => rmSync(outDir, { recursive: true, force: true }));

  it(`built manifest.json validates against Microsoft's v${MANIFEST_VERSION} schema`, () => {
    const manifest = JSON.parse(readFileSync(path.join(outDir, 'manifest.json'), 'utf8')) as BuiltManifest;
    assertValid(validateManifest, manifest, 'built manifest.json');
    assert.equal(manifest.manifestVersion, MANIFEST_VERSION);
    // local defaults
    assert.equal(manifest.bots[0]?.botId, ZERO_GUID);
    assert.deepEqual(manifest.validDomains, ['localhost']);
  });

  it('the committed template validates after substitution with production values', () => {
    const { manifest, languages } = buildManifest(prodEnv);
    const text = JSON.stringify(manifest);
    assert.ok(!text.includes('${{'), 'no placeholder is left');
    assertValid(validateManifest, manifest, 'substituted template');
    const m = manifest as unknown as BuiltManifest;
    assert.equal(m.bots[0]?.botId, prodEnv.MicrosoftAppId);
    assert.equal(m.id, prodEnv.MicrosoftAppId, 'TEAMS_APP_ID defaults to the bot id');
    assert.deepEqual(m.validDomains, ['csp-bot.contoso.com']);
    assert.equal(m.developer.websiteUrl, 'https://csp-bot.contoso.com');
    for (const [file, content] of Object.entries(languages)) assertValid(validateLanguage, content, file);
  });

  it('the schema check can fail: a malformed bot id and an unknown property are rejected', () => {
    const { manifest } = buildManifest(prodEnv);
    const broken = structuredClone(manifest) as unknown as BuiltManifest & Record<string, unknown>;
    broken.bots[0].botId = 'not-a-guid';
    broken.surprise = true;
    assert.equal(validateManifest(broken), false);
    const paths = (validateManifest.errors ?? []).map((e) => e.instancePath);
    assert.ok(paths.includes('/bots/0/botId'), JSON.stringify(validateManifest.errors));
  });

  it('declares the bot in personal, team and groupChat scopes', () => {
    const m = result.built.manifest as unknown as BuiltManifest;
    assert.deepEqual([...(m.bots[0]?.scopes ?? [])].sort(), ['groupChat', 'personal', 'team']);
  });

  it('issue 14: supportsFiles is on, so program administrators can send catalogue and registry files in personal chat', () => {
    const m = result.built.manifest as unknown as { bots: { supportsFiles?: boolean }[] };
    assert.equal(m.bots[0]?.supportsFiles, true);
  });

  it('commandLists match the command table: one list per scope, names[0] and the en-US description', () => {
    const m = result.built.manifest as unknown as BuiltManifest;
    const lists = m.bots[0].commandLists;
    const scopes = (['personal', 'team', 'groupChat'] as const).filter((s) =>
      commands.some((c) => (c.scopes as readonly string[]).includes(s)),
    );
    assert.deepEqual(
      lists.map((l) => l.scopes),
      scopes.map((s) => [s]),
    );
    for (const list of lists) {
      // Only commands whose `menu` names the scope are in Teams' menu; the others stay routable and in help.
      const expected = commands
        .filter((c) => 'menu' in c && (c.menu as readonly string[]).includes(list.scopes[0]))
        .map((c) => ({ title: c.names[0], description: plain(t('en-US', c.descriptionKey)) }));
      assert.deepEqual(list.commands, expected, `commands of scope ${list.scopes[0]}`);
      assert.ok(list.commands.length <= COMMAND_LIMITS.perList);
      for (const c of list.commands) {
        assert.ok(c.title.length <= COMMAND_LIMITS.title, `title "${c.title}" too long`);
        assert.ok(c.description.length <= COMMAND_LIMITS.description, `description of "${c.title}" too long`);
      }
    }
  });

  it("issue 16 item 9: each scope's menu offers what partners use most, and only commands of that scope", () => {
    const m = result.built.manifest as unknown as BuiltManifest;
    const menu = (scope: string) =>
      m.bots[0].commandLists.find((l) => l.scopes[0] === scope)?.commands.map((c) => c.title) ?? [];
    const personal = menu('personal');
    for (const used of ['customers', 'find provider', 'providers', 'resellers', 'requests', 'invite customer'])
      assert.ok(personal.includes(used), `personal menu offers "${used}": ${personal.join(', ')}`);
    for (const rare of ['cancel', 'agreement status', 'roles'])
      assert.ok(!personal.includes(rare), `personal menu leaves "${rare}" to help: ${personal.join(', ')}`);
    assert.equal(personal.length, COMMAND_LIMITS.perList, 'the personal menu uses all its places');
    assert.ok(menu('team').includes('notify here') && menu('team').includes('customers'), menu('team').join(', '));
    for (const c of commands as readonly CommandSpec[]) {
      for (const s of c.menu ?? []) assert.ok(c.scopes.includes(s), `${c.id}: menu scope ${s} is one of its scopes`);
    }
  });

  it('refuses a menu scope the command is not usable in', () => {
    const spec: CommandSpec = {
      id: 'x',
      names: ['x'],
      descriptionKey: commands[0].descriptionKey,
      scopes: ['personal'],
      menu: ['personal', 'team'],
    };
    assert.throws(() => commandListsFor([spec]), /menu scope\(s\) team not among its scopes/);
  });

  it("refuses more commands in a scope than Teams' menu shows", () => {
    const many: CommandSpec[] = Array.from({ length: COMMAND_LIMITS.perList + 1 }, (_, i) => ({
      id: `c${i}`,
      names: [`c${i}`],
      descriptionKey: commands[0].descriptionKey,
      scopes: ['personal'],
      menu: ['personal'],
    }));
    assert.throws(() => commandListsFor(many), PackageError);
    assert.throws(
      () => commandListsFor([{ ...many[0], names: ['x'.repeat(COMMAND_LIMITS.title + 1)] }]),
      /exceeds 32 characters/,
    );
  });

  it('ships a ko-KR language file with Korean strings for every command', () => {
    const m = result.built.manifest as unknown as BuiltManifest;
    assert.deepEqual(m.localizationInfo.additionalLanguages, [{ languageTag: 'ko-kr', file: 'ko-KR.json' }]);
    const ko = JSON.parse(readFileSync(path.join(outDir, 'ko-KR.json'), 'utf8')) as Record<string, string>;
    assertValid(validateLanguage, ko, 'ko-KR.json');
    assert.match(ko['name.short'] ?? '', /[\uac00-\ud7a3]/, 'the Korean app name is Korean');
    m.bots[0].commandLists.forEach((list, i) =>
      list.commands.forEach((cmd, j) => {
        const spec = commands.find((c) => c.names[0] === cmd.title)!;
        assert.equal(
          ko[`bots[0].commandLists[${i}].commands[${j}].description`],
          plain(t('ko-KR', spec.descriptionKey)),
        );
        const koTitle = ko[`bots[0].commandLists[${i}].commands[${j}].title`];
        assert.ok(
          koTitle && (spec.names as readonly string[]).includes(koTitle),
          `ko title of ${spec.id} is one of its names`,
        );
      }),
    );
  });

  it('color.png is 192x192 and opaque colour; outline.png is 32x32, white on transparent', () => {
    const color = PNG.sync.read(readFileSync(path.join(appPackageDir, 'color.png')));
    assert.equal(color.width, 192);
    assert.equal(color.height, 192);
    const center = (96 * 192 + 20) * 4; // inside the tile, left of the glyph
    assert.equal(color.data[center + 3], 255, 'the colour tile is opaque');
    assert.notDeepEqual([...color.data.subarray(center, center + 3)], [255, 255, 255], 'the tile is coloured');

    const outline = PNG.sync.read(readFileSync(path.join(appPackageDir, 'outline.png')));
    assert.equal(outline.width, 32);
    assert.equal(outline.height, 32);
    let transparent = 0;
    let drawn = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = outline.data.subarray(i, i + 4);
      if (a === 0) transparent++;
      else {
        drawn++;
        assert.deepEqual([r, g, b], [255, 255, 255], `pixel ${i / 4} is not white`);
      }
    }
    assert.ok(transparent > 0 && drawn > 0, `outline has ${drawn} white and ${transparent} transparent pixels`);
  });

  it('the zip holds exactly manifest.json, the icons and the language file', async () => {
    const zip = await JSZip.loadAsync(readFileSync(result.zip));
    const names = Object.keys(zip.files).sort();
    assert.deepEqual(names, ['color.png', 'ko-KR.json', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as BuiltManifest;
    assert.deepEqual(manifest, result.built.manifest);
    for (const f of [
      manifest.icons.color,
      manifest.icons.outline,
      ...manifest.localizationInfo.additionalLanguages.map((l) => l.file),
    ]) {
      assert.ok(names.includes(f), `${f} referenced by the manifest is in the zip`);
    }
  });

  it('placeholders: unknown names and malformed ids stop the build', () => {
    const values = placeholdersFrom({});
    assert.throws(() => substitute('${{NOPE}}', values), /unknown placeholder/);
    assert.throws(() => placeholdersFrom({ MicrosoftAppId: 'abc' }), /MicrosoftAppId must be a GUID/);
    assert.throws(() => placeholdersFrom({ PUBLIC_BASE_URL: 'ftp://x' }), /http\(s\)/);
  });
});
