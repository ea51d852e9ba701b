/**
 * Builds the Teams app package: appPackage/build/appPackage.zip (manifest.json, color.png,
 * outline.png, ko-KR.json) plus the substituted files beside it.
 *
 *   npm run package:app                      # local: zero-GUID bot id, http://localhost:3978
 *   MicrosoftAppId=<guid> PUBLIC_BASE_URL=https://bot.example.com npm run package:app
 *
 * Placeholders in appPackage/manifest.json (and ko-KR.json), written `${{NAME}}`:
 *   MicrosoftAppId   the Azure Bot's app id (bots[0].botId)      env MicrosoftAppId, default zero GUID
 *   TEAMS_APP_ID     the Teams app id (manifest id)             env TEAMS_APP_ID, default MicrosoftAppId
 *   PUBLIC_BASE_URL  where the bot's web pages are served        env PUBLIC_BASE_URL, default http://localhost:3978
 *   PUBLIC_HOST      host name of PUBLIC_BASE_URL (validDomains) derived
 *   APP_VERSION      package.json version                       derived
 * The bot's commandLists (and their ko-KR strings) are regenerated from src/bot/commands.ts on
 * every build, then the manifest and the language file are validated against Microsoft's JSON
 * schemas shipped in @microsoft/app-manifest. Any error stops the build.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import JSZip from 'jszip';
import { commands, type CommandSpec, type Scope } from '../src/bot/commands.js';
import { t, type Locale } from '../src/i18n/index.js';

// Both are CommonJS with a `default` export; under nodenext the default import is module.exports.
const Ajv = AjvDraft04.default;
const addFormats = ajvFormats.default;

export const root = fileURLToPath(new URL('..', import.meta.url));
export const appPackageDir = path.join(root, 'appPackage');
export const buildDir = path.join(appPackageDir, 'build');

/** Manifest schema version used by the template; the schema comes from @microsoft/app-manifest. */
export const MANIFEST_VERSION = '1.30';
export const ZERO_GUID = '00000000-0000-0000-0000-000000000000';
/** Language files shipped in the package, keyed by the catalogue locale that fills them. */
export const LANGUAGE_FILES: Readonly<Record<string, Locale>> = { 'ko-KR.json': 'ko-KR' };
export const ICON_FILES = ['color.png', 'outline.png'] as const;

/**
 * Teams' published limits for bot command menus (stricter than the JSON schema, which allows
 * 12 commands and 128-character titles): at most 10 commands per list, a title of at most 32
 * characters and a description of at most 128.
 */
export const COMMAND_LIMITS = { perList: 10, title: 32, description: 128 } as const;

/** One command list per scope, as the schema recommends; the order Teams shows them in. */
const SCOPE_ORDER: readonly Scope[] = ['personal', 'team', 'groupChat'];

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

export type Placeholders = Readonly<
  Record<'MicrosoftAppId' | 'TEAMS_APP_ID' | 'PUBLIC_BASE_URL' | 'PUBLIC_HOST' | 'APP_VERSION', string>
>;

export class PackageError extends Error {
  override name = 'PackageError';
}

/** Values for the `${{NAME}}` placeholders, from the environment with local-friendly defaults. */
export function placeholdersFrom(env: NodeJS.ProcessEnv): Placeholders {
  const botId = (env.MicrosoftAppId ?? '').trim() || ZERO_GUID;
  const appId = (env.TEAMS_APP_ID ?? '').trim() || botId;
  for (const [name, value] of [
    ['MicrosoftAppId', botId],
    ['TEAMS_APP_ID', appId],
  ] as const) {
    if (!GUID.test(value)) throw new PackageError(`${name} must be a GUID, got "${value}"`);
  }
  const rawBase = (env.PUBLIC_BASE_URL ?? '').trim() || 'http://localhost:3978';
  let base: URL;
  try {
    base = new URL(rawBase);
  } catch {
    throw new PackageError(`PUBLIC_BASE_URL is not a URL: "${rawBase}"`);
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new PackageError(`PUBLIC_BASE_URL must be http(s), got "${rawBase}"`);
  }
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  return {
    MicrosoftAppId: botId,
    TEAMS_APP_ID: appId,
    PUBLIC_BASE_URL: base.href.replace(/\/+$/, ''),
    PUBLIC_HOST: base.hostname,
    APP_VERSION: pkg.version,
  };
}

/** Replaces every `${{NAME}}`; an unknown name is an error, so no placeholder ships unfilled. */
export function substitute(text: string, values: Placeholders): string {
  return text.replace(/\$\{\{\s*(\w+)\s*\}\}/g, (_whole, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(values, name)) {
      throw new PackageError(`unknown placeholder \${{${name}}} (known: ${Object.keys(values).join(', ')})`);
    }
    return values[name as keyof Placeholders];
  });
}

/** Catalogue text is chat markdown; the command menu shows plain text. */
function plain(text: string): string {
  return text
    .replace(/\*\*|__|`/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface ManifestCommand {
  title: string;
  description: string;
}
export interface CommandList {
  scopes: Scope[];
  commands: ManifestCommand[];
}

/** Command title shown to a locale: the first alias written in Hangul for Korean, else names[0]. */
export function commandTitle(spec: CommandSpec, locale: Locale): string {
  if (locale === 'ko-KR') {
    const korean = spec.names.find((n) => /[\uac00-\ud7a3]/.test(n));
    if (korean) return korean;
  }
  return spec.names[0] ?? spec.id;
}

/** The manifest's commandLists for a locale, one list per scope, checked against Teams' limits. */
export function commandListsFor(table: readonly CommandSpec[], locale: Locale = 'en-US'): CommandList[] {
  const lists: CommandList[] = [];
  for (const scope of SCOPE_ORDER) {
    // Every command stays routable; Teams' menu offers those whose `menu` names the scope.
    for (const c of table) {
      const stray = (c.menu ?? []).filter((s) => !c.scopes.includes(s));
      if (stray.length > 0) {
        throw new PackageError(`command ${c.id}: menu scope(s) ${stray.join(', ')} not among its scopes`);
      }
    }
    const inScope = table.filter((c) => c.menu?.includes(scope));
    if (inScope.length === 0) continue;
    if (inScope.length > COMMAND_LIMITS.perList) {
      throw new PackageError(
        `${inScope.length} commands in the ${scope} menu; Teams shows at most ${COMMAND_LIMITS.perList}. ` +
          "Take the scope out of less-used commands' `menu` in their command-specs.ts.",
      );
    }
    lists.push({
      scopes: [scope],
      commands: inScope.map((c) => {
        const title = commandTitle(c, locale);
        const description = plain(t(locale, c.descriptionKey));
        if (title.length > COMMAND_LIMITS.title) {
          throw new PackageError(
            `command ${c.id}: ${locale} title "${title}" exceeds ${COMMAND_LIMITS.title} characters`,
          );
        }
        if (description.length > COMMAND_LIMITS.description) {
          throw new PackageError(
            `command ${c.id}: ${locale} description (${c.descriptionKey}) exceeds ${COMMAND_LIMITS.description} characters`,
          );
        }
        return { title, description };
      }),
    });
  }
  return lists;
}

/** Keys of a Teams language file for the command lists: bots[0].commandLists[i].commands[j].title. */
export function localizedCommandStrings(lists: readonly CommandList[]): Record<string, string> {
  const out: Record<string, string> = {};
  lists.forEach((list, i) =>
    list.commands.forEach((cmd, j) => {
      out[`bots[0].commandLists[${i}].commands[${j}].title`] = cmd.title;
      out[`bots[0].commandLists[${i}].commands[${j}].description`] = cmd.description;
    }),
  );
  return out;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface ManifestShape {
  [key: string]: Json;
}

export interface BuiltPackage {
  manifest: ManifestShape;
  /** language file name → content */
  languages: Record<string, ManifestShape>;
  placeholders: Placeholders;
}

/** Substitutes placeholders and regenerates the command lists; pure (reads the templates only). */
export function buildManifest(
  env: NodeJS.ProcessEnv = process.env,
  table: readonly CommandSpec[] = commands,
): BuiltPackage {
  const placeholders = placeholdersFrom(env);
  const manifest = JSON.parse(
    substitute(readFileSync(path.join(appPackageDir, 'manifest.json'), 'utf8'), placeholders),
  ) as ManifestShape;
  const bots = manifest.bots;
  if (
    !Array.isArray(bots) ||
    bots.length !== 1 ||
    typeof bots[0] !== 'object' ||
    bots[0] === null ||
    Array.isArray(bots[0])
  ) {
    throw new PackageError('appPackage/manifest.json must declare exactly one bot');
  }
  const english = commandListsFor(table, 'en-US');
  bots[0].commandLists = english as unknown as Json;

  const languages: Record<string, ManifestShape> = {};
  for (const [file, locale] of Object.entries(LANGUAGE_FILES)) {
    const template = JSON.parse(
      substitute(readFileSync(path.join(appPackageDir, file), 'utf8'), placeholders),
    ) as ManifestShape;
    languages[file] = { ...template, ...localizedCommandStrings(commandListsFor(table, locale)) };
  }
  return { manifest, languages, placeholders };
}

const requireFromHere = createRequire(import.meta.url);

/** Microsoft's JSON schemas (draft-04) for the manifest and its language files. */
export function loadSchemas(version: string = MANIFEST_VERSION): {
  manifest: object;
  localization: object;
  source: string;
} {
  const dir = path.dirname(
    requireFromHere.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`),
  );
  const read = (f: string) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as object;
  return {
    manifest: read('MicrosoftTeams.schema.json'),
    localization: read('MicrosoftTeams.Localization.schema.json'),
    source: dir,
  };
}

/** Validates against the schemas; returns readable errors (empty when valid). */
export function validatePackage(built: Pick<BuiltPackage, 'manifest' | 'languages'>): string[] {
  const version = built.manifest.manifestVersion;
  if (typeof version !== 'string') return ['manifest.json/manifestVersion must be a string'];
  const schemas = loadSchemas(version);
  // strict off: Microsoft's schemas use keywords draft-04 lacks (const); unicodeRegExp off: some
  // of their patterns (e.g. `\b]`) are valid JavaScript regexes but not valid with the u flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const errors: string[] = [];
  const check = (label: string, schema: object, data: unknown) => {
    const validate = ajv.compile(schema);
    if (!validate(data)) {
      for (const e of validate.errors ?? [])
        errors.push(`${label}${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
    }
  };
  check('manifest.json', schemas.manifest, built.manifest);
  for (const [file, content] of Object.entries(built.languages)) check(file, schemas.localization, content);
  return errors;
}

/** Builds, validates and zips; returns the written paths. */
export async function packageApp(
  env: NodeJS.ProcessEnv = process.env,
  outDir: string = buildDir,
): Promise<{ zip: string; files: string[]; built: BuiltPackage }> {
  const built = buildManifest(env);
  const errors = validatePackage(built);
  if (errors.length > 0) throw new PackageError('the app package is invalid:\n  ' + errors.join('\n  '));

  mkdirSync(outDir, { recursive: true });
  const zip = new JSZip();
  const files: string[] = [];
  const put = (name: string, data: Buffer | string) => {
    zip.file(name, data);
    writeFileSync(path.join(outDir, name), data);
    files.push(name);
  };
  put('manifest.json', JSON.stringify(built.manifest, null, 2) + '\n');
  for (const icon of ICON_FILES) put(icon, readFileSync(path.join(appPackageDir, icon)));
  for (const [file, content] of Object.entries(built.languages)) put(file, JSON.stringify(content, null, 2) + '\n');
  const zipPath = path.join(outDir, 'appPackage.zip');
  writeFileSync(zipPath, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return { zip: zipPath, files, built };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const { zip, files, built } = await packageApp();
    const p = built.placeholders;
    process.stdout.write(
      `wrote ${path.relative(root, zip)} (${files.join(', ')})\n` +
        `  manifest ${JSON.stringify(built.manifest.manifestVersion)}, app ${p.TEAMS_APP_ID}, bot ${p.MicrosoftAppId}, ${p.PUBLIC_BASE_URL}\n` +
        (p.MicrosoftAppId === ZERO_GUID
          ? '  note: MicrosoftAppId is not set; this package is for local use only\n'
          : ''),
    );
  } catch (err) {
    process.stderr.write(`package:app failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
