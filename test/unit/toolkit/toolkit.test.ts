/**
 * Issue 16 item 1: the Microsoft 365 Agents Toolkit project (m365agents*.yml, env/, aad.manifest.json,
 * infra/, .vscode/). The yml files are validated against the toolkit's own YAML schema, shipped in
 * @microsoft/m365agentstoolkit-cli; the Entra manifest goes through the toolkit's own checks; every
 * variable the files read or write is accounted for, and every setting they hand the bot is one
 * src/config.ts accepts. Bicep cannot be compiled here (no bicep or az binary), so its parameters and
 * app settings are checked as text.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import AjvModule from 'ajv';
import ajvFormats from 'ajv-formats';
import { parse } from 'yaml';
import { configSchema, loadConfig } from '../../../src/config.js';
import { parseDataKey } from '../../../src/data/field-cipher.js';
import { tabSsoAudience } from '../../../src/web/dashboard/sso.js';
import { placeholdersFrom, root } from '../../../scripts/package-app.js';
import { GENERATED_SECRETS, missingSecrets, toolkitOutput } from '../../../scripts/toolkit-secrets.js';

// CommonJS with a `default` export; under nodenext the default import is module.exports.
const Ajv = AjvModule.default;
const addFormats = ajvFormats.default;
const require = createRequire(import.meta.url);

const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
/** `${{NAME}}` names in a text; `${{local:NAME}}` (VS Code's cross-environment form) is not matched. */
const placeholders = (text: string) => new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]));
/** Replaces `${{NAME}}` as the toolkit does, from `values`; a name without a value is an error. */
function expand(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (_whole, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`no sample value for ${name}`);
    return v;
  });
}

interface Action {
  uses: string;
  name?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}
interface Project {
  version: string;
  provision?: Action[];
  deploy?: Action[];
  publish?: Action[];
}
/** The shapes used here of teamsfx-core's neverthrow results and project model. */
interface ToolkitResult<T> {
  isOk(): boolean;
  isErr(): boolean;
  value: T;
  error: { message: string };
}
type ToolkitModel = Partial<
  Record<'provision' | 'deploy' | 'publish', { resolveDriverInstances(log: object): ToolkitResult<unknown[]> }>
>;
const stages = (p: Project) => [...(p.provision ?? []), ...(p.deploy ?? []), ...(p.publish ?? [])];

const ymlFiles = { dev: 'm365agents.yml', local: 'm365agents.local.yml' } as const;
type Env = keyof typeof ymlFiles;
const projects = Object.fromEntries(
  Object.entries(ymlFiles).map(([env, file]) => [env, parse(read(file)) as Project]),
) as Record<Env, Project>;

/** The toolkit's YAML schema for the yml's `version`, from the CLI package (draft-07). */
function schemaFor(version: string): { schema: object; file: string } {
  const file = require.resolve(`@microsoft/m365agentstoolkit-cli/resource/yaml-schema/${version}/yaml.schema.json`);
  return { schema: JSON.parse(readFileSync(file, 'utf8')) as object, file };
}
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validateProject = ajv.compile(schemaFor(projects.dev.version).schema);

/** Keys of a dotenv file (comments and blank lines skipped). */
function envFileKeys(file: string): string[] {
  return read(file)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.slice(0, l.indexOf('=')));
}

const bicep = read('infra/azure.bicep');
/** Keys of a Bicep object variable `var <name> = { ... }` (one `key: value` per line). */
function bicepObjectKeys(varName: string): string[] {
  const start = bicep.indexOf(`var ${varName} = {`);
  assert.ok(start >= 0, `infra/azure.bicep declares var ${varName}`);
  const body = bicep.slice(bicep.indexOf('{', start) + 1, bicep.indexOf('\n}', start));
  return [...body.matchAll(/^ {2}(\w+):/gm)].map((m) => m[1]);
}
function bicepObjectEntries(varName: string): Map<string, string> {
  const start = bicep.indexOf(`var ${varName} = {`);
  const body = bicep.slice(bicep.indexOf('{', start) + 1, bicep.indexOf('\n}', start));
  return new Map([...body.matchAll(/^ {2}(\w+): (.+)$/gm)].map((m) => [m[1], m[2]]));
}
interface BicepParam {
  name: string;
  secure: boolean;
  hasDefault: boolean;
}
function bicepParams(): BicepParam[] {
  const out: BicepParam[] = [];
  const lines = bicep.split('\n');
  lines.forEach((line, i) => {
    const m = /^param (\w+) \w+( =)?/.exec(line);
    if (!m) return;
    // decorators sit on the lines just above, back to the previous blank line or declaration
    let secure = false;
    for (let j = i - 1; j >= 0 && /^(@|\s|\])/.test(lines[j]) && lines[j].trim() !== ''; j--)
      if (lines[j].startsWith('@secure()')) secure = true;
    out.push({ name: m[1], secure, hasDefault: m[2] !== undefined });
  });
  return out;
}
const bicepOutputs = [...bicep.matchAll(/^output (\w+) /gm)].map((m) => m[1]);
const parametersFile = JSON.parse(read('infra/azure.parameters.json')) as {
  parameters: Record<string, { value: unknown }>;
};

const configKeys = new Set(Object.keys(configSchema.shape));
/** Set by the toolkit itself or asked for on the first provision. */
const TOOLKIT_BUILT_INS = ['TEAMSFX_ENV', 'APP_NAME_SUFFIX', 'AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME'];

/** Names written by the project for an environment: env file, actions' outputs, scripts, Bicep, tasks. */
function writtenNames(env: Env): Set<string> {
  const names = new Set<string>([...TOOLKIT_BUILT_INS, ...envFileKeys(`env/.env.${env}`)]);
  for (const a of stages(projects[env])) for (const v of Object.values(a.writeToEnvironmentFile ?? {})) names.add(v);
  if (env === 'dev') {
    for (const o of bicepOutputs) names.add(o);
    for (const s of Object.keys(GENERATED_SECRETS)) names.add(s);
    names.add('RESOURCE_SUFFIX'); // generated by the toolkit's provision when empty
  }
  return names;
}
/** Names read through `${{NAME}}` for an environment. */
function readNames(env: Env): Set<string> {
  const texts = [read(ymlFiles[env]), read('aad.manifest.json')];
  if (env === 'dev') texts.push(read('infra/azure.parameters.json'));
  if (env === 'local') texts.push(read('.vscode/tasks.json'), read('.vscode/launch.json'));
  return new Set(texts.flatMap((t) => [...placeholders(t)]));
}

/** Plausible values for every variable, for expanding the files as the toolkit would. */
const SAMPLE: Readonly<Record<string, string>> = {
  APP_NAME_SUFFIX: 'dev',
  TEAMSFX_ENV: 'dev',
  RESOURCE_SUFFIX: 'a1b2c3',
  AZURE_SUBSCRIPTION_ID: '11111111-1111-4111-8111-111111111111',
  AZURE_RESOURCE_GROUP_NAME: 'rg-csp-bot',
  TEAMS_APP_ID: '22222222-2222-4222-8222-222222222222',
  BOT_ID: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
  BOT_OBJECT_ID: '44444444-4444-4444-8444-444444444444',
  BOT_TENANT_ID: '55555555-5555-4555-8555-555555555555',
  SECRET_BOT_PASSWORD: 'Abc8Q~secret.value_with-chars',
  AAD_APP_ACCESS_AS_USER_PERMISSION_ID: '66666666-6666-4666-8666-666666666666',
  BOT_DOMAIN: 'x1y2z3-3978.usw2.devtunnels.ms',
  BOT_ENDPOINT: 'https://x1y2z3-3978.usw2.devtunnels.ms',
  AZURE_APP_SERVICE_RESOURCE_ID: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Web/sites/cspbota1b2c3',
  ...missingSecrets({}),
};

describe('Agents Toolkit project (issue 16 item 1)', function () {
  this.timeout(20000);

  describe("the yml files against the toolkit's own YAML schema", () => {
    it('both use one schema version, and the installed toolkit CLI ships its schema', () => {
      assert.equal(projects.local.version, projects.dev.version);
      const { schema } = schemaFor(projects.dev.version) as { schema: { properties: { version: { const: string } } } };
      assert.equal(schema.properties.version.const, projects.dev.version);
    });

    for (const [env, file] of Object.entries(ymlFiles)) {
      it(`${file} is valid`, () => {
        const ok = validateProject(projects[env as Env]);
        assert.ok(ok, `${file}: ${JSON.stringify(validateProject.errors, null, 2)}`);
      });
    }

    it('a broken copy fails: an unknown action, a secret written to a plain variable, a misspelt stage', () => {
      const mutations: [string, (p: Project & Record<string, unknown>) => void, string][] = [
        ['unknown action', (p) => (p.provision![0].uses = 'teamsApp/createEverything'), '/provision/0'],
        [
          'clientSecret not SECRET_',
          (p) =>
            (p.provision!.find((a) => a.uses === 'aadApp/create')!.writeToEnvironmentFile!.clientSecret = 'BOT_PWD'),
          '/provision/1',
        ],
        [
          'misspelt stage',
          (p) => {
            p.provison = p.provision;
            delete p.provision;
          },
          '',
        ],
        ['old version', (p) => (p.version = 'v1.0'), '/version'],
      ];
      for (const [label, mutate, where] of mutations) {
        const copy = structuredClone(projects.local) as Project & Record<string, unknown>;
        mutate(copy);
        assert.equal(validateProject(copy), false, `${label}: the schema should refuse it`);
        const paths = (validateProject.errors ?? []).map((e) => e.instancePath);
        assert.ok(
          paths.some((p) => p.startsWith(where)),
          `${label}: errors at ${paths.join(', ')}`,
        );
      }
    });

    it("the toolkit's own loader (what `atk provision` runs) accepts both and knows every action; refuses a broken copy", async () => {
      // teamsfx-core is the CLI's engine: registering its drivers, then parsing with schema validation on.
      const cli = createRequire(require.resolve('@microsoft/m365agentstoolkit-cli/package.json'));
      cli('@microsoft/teamsfx-core/build/component/driver/index.js');
      const { yamlParser } = cli('@microsoft/teamsfx-core/build/component/configManager/parser.js') as {
        yamlParser: { parse(file: string, validateSchema: boolean): Promise<ToolkitResult<ToolkitModel>> };
      };
      const quiet = { debug() {}, info() {}, verbose() {}, warning() {}, error() {} };
      for (const file of Object.values(ymlFiles)) {
        const model = await yamlParser.parse(path.join(root, file), true);
        assert.ok(model.isOk(), `${file}: ${model.isErr() ? model.error.message : ''}`);
        for (const stage of ['provision', 'deploy', 'publish'] as const) {
          const drivers = model.value[stage]?.resolveDriverInstances(quiet);
          if (drivers) assert.ok(drivers.isOk(), `${file} ${stage}: ${drivers.isErr() ? drivers.error.message : ''}`);
        }
      }
      const dir = mkdtempSync(path.join(tmpdir(), 'atk-yml-'));
      try {
        const broken = path.join(dir, 'm365agents.yml');
        writeFileSync(broken, read(ymlFiles.local).replace('uses: teamsApp/update', 'uses: teamsApp/upload'));
        assert.ok((await yamlParser.parse(broken, true)).isErr(), 'an unknown action is refused');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('a text edit that breaks the YAML is caught too', () => {
      const broken = read(ymlFiles.local).replace('provision:', 'provison:');
      assert.equal(validateProject(parse(broken)), false);
    });
  });

  describe('variables: none read that nothing writes, none written that nothing reads', () => {
    for (const env of Object.keys(ymlFiles) as Env[]) {
      it(`${env}: every \${{NAME}} the files read is in env/.env.${env} or written by a step`, () => {
        const written = writtenNames(env);
        const orphans = [...readNames(env)].filter((n) => !written.has(n));
        assert.deepEqual(orphans, [], `read but never written (${env})`);
      });

      it(`${env}: every variable in env/.env.${env} is read or written by the project`, () => {
        const used = readNames(env);
        const writtenBySteps = new Set(
          stages(projects[env]).flatMap((a) => Object.values(a.writeToEnvironmentFile ?? {})),
        );
        const fromTunnel = env === 'local' ? ['BOT_ENDPOINT', 'BOT_DOMAIN'] : [];
        const outputs = env === 'dev' ? bicepOutputs : [];
        const orphans = envFileKeys(`env/.env.${env}`).filter(
          (k) =>
            !used.has(k) &&
            !writtenBySteps.has(k) &&
            !outputs.includes(k) &&
            !fromTunnel.includes(k) &&
            !TOOLKIT_BUILT_INS.includes(k) &&
            k !== 'RESOURCE_SUFFIX',
        );
        assert.deepEqual(orphans, []);
      });

      it(`${env}: the package step hands the packager only variables it reads (npm run package:app)`, () => {
        const steps = stages(projects[env]).filter((a) => a.uses === 'script' && a.with?.run === 'npm run package:app');
        assert.ok(steps.length > 0, 'the project builds the package with our packager');
        const base = placeholdersFrom({});
        for (const step of steps) {
          const env = step.env ?? {};
          assert.deepEqual(Object.keys(env).sort(), ['MicrosoftAppId', 'PUBLIC_BASE_URL', 'TEAMS_APP_ID']);
          const filled = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, expand(v, SAMPLE)]));
          const p = placeholdersFrom(filled);
          for (const key of Object.keys(env))
            assert.notDeepEqual(p, placeholdersFrom({ ...filled, [key]: undefined }), `the packager reads ${key}`);
          assert.notDeepEqual(p, base);
          assert.equal(p.MicrosoftAppId, SAMPLE.BOT_ID);
          assert.equal(p.PUBLIC_HOST, SAMPLE.BOT_DOMAIN);
        }
      });

      it(`${env}: the package the project validates and uploads is the one the packager writes`, () => {
        const zips = stages(projects[env])
          .filter((a) => ['teamsApp/validateAppPackage', 'teamsApp/update'].includes(a.uses))
          .map((a) => a.with?.appPackagePath);
        assert.ok(zips.length >= 2);
        for (const z of zips) assert.equal(z, './appPackage/build/appPackage.zip');
      });
    }

    it("local: the bot's environment file holds only variables src/config.ts accepts, and loads", () => {
      const step = projects.local.deploy!.find((a) => a.uses === 'file/createOrUpdateEnvironmentFile')!;
      const envs = step.with!.envs as Record<string, string | number>;
      const unknown = Object.keys(envs).filter((k) => !configKeys.has(k));
      assert.deepEqual(unknown, [], 'not variables of src/config.ts');
      const filled = Object.fromEntries(Object.entries(envs).map(([k, v]) => [k, expand(String(v), SAMPLE)]));
      const config = loadConfig(filled);
      assert.equal(config.MicrosoftAppId, SAMPLE.BOT_ID);
      assert.equal(config.PUBLIC_BASE_URL, SAMPLE.BOT_ENDPOINT);
      assert.equal(config.OIDC_CLIENT_ID, SAMPLE.BOT_ID);
    });

    it('local: the "Start bot" task reads the file deploy writes, on the port the tunnel forwards', () => {
      const step = projects.local.deploy!.find((a) => a.uses === 'file/createOrUpdateEnvironmentFile')!;
      const tasks = JSON.parse(read('.vscode/tasks.json')) as {
        tasks: { label: string; command?: string; args?: { ports?: { portNumber: number }[] } }[];
      };
      const start = tasks.tasks.find((t) => t.label === 'Start bot')!;
      const target = path.normalize(String(step.with!.target));
      assert.ok(start.command?.includes(`--env-file=${target}`), start.command);
      const tunnel = tasks.tasks.find((t) => t.label === 'Start local tunnel')!;
      assert.equal(tunnel.args?.ports?.[0]?.portNumber, Number((step.with!.envs as Record<string, unknown>).PORT));
    });

    it('launch compounds name existing configurations and tasks', () => {
      const launch = JSON.parse(read('.vscode/launch.json')) as {
        configurations: { name: string; preLaunchTask?: string }[];
        compounds: { name: string; configurations: string[]; preLaunchTask?: string }[];
      };
      const tasks = new Set(
        (JSON.parse(read('.vscode/tasks.json')) as { tasks: { label: string; dependsOn?: string[] }[] }).tasks.map(
          (t) => t.label,
        ),
      );
      const names = new Set(launch.configurations.map((c) => c.name));
      for (const c of launch.compounds) {
        for (const n of c.configurations) assert.ok(names.has(n), `${c.name}: ${n}`);
        if (c.preLaunchTask) assert.ok(tasks.has(c.preLaunchTask), c.preLaunchTask);
      }
      for (const c of launch.configurations) if (c.preLaunchTask) assert.ok(tasks.has(c.preLaunchTask));
    });

    it('secrets stay out of git: the .user files and .localConfigs are ignored, the templates are not', () => {
      const ignored = (p: string) => {
        try {
          execFileSync('git', ['check-ignore', '-q', '--no-index', p], { cwd: root });
          return true;
        } catch {
          return false;
        }
      };
      for (const p of ['env/.env.dev.user', 'env/.env.local.user', 'env/.env.staging.user', '.localConfigs'])
        assert.ok(ignored(p), `${p} is git-ignored`);
      for (const p of ['env/.env.dev', 'env/.env.local']) assert.ok(!ignored(p), `${p} is committed`);
      for (const env of Object.keys(ymlFiles))
        for (const k of envFileKeys(`env/.env.${env}`)) assert.ok(!k.startsWith('SECRET_'), `${k} in a committed file`);
    });
  });

  describe('aad.manifest.json (the Entra app of the bot, the tab SSO and the invitation page)', () => {
    const manifest = () => JSON.parse(expand(read('aad.manifest.json'), SAMPLE)) as Record<string, unknown>;
    // The toolkit's own checks of an Entra manifest, as aadApp/update runs them.
    const cli = createRequire(require.resolve('@microsoft/m365agentstoolkit-cli/package.json'));
    const { AadManifestHelper } = cli(
      '@microsoft/teamsfx-core/build/component/driver/aad/utility/aadManifestHelper.js',
    ) as {
      AadManifestHelper: {
        validateManifest(m: unknown): string;
        processRequiredResourceAccessInManifest(m: unknown): void;
      };
    };

    it("passes the toolkit's checks and its permission names resolve", () => {
      const m = manifest();
      assert.equal(AadManifestHelper.validateManifest(m), '');
      AadManifestHelper.processRequiredResourceAccessInManifest(m);
      const broken = {
        ...manifest(),
        requiredResourceAccess: [
          { resourceAppId: 'Microsoft Graph', resourceAccess: [{ id: 'User.Reed', type: 'Scope' }] },
        ],
      };
      assert.throws(() => AadManifestHelper.processRequiredResourceAccessInManifest(broken));
      const noPreAuth = manifest() as { api: { preAuthorizedApplications: unknown[] } };
      noPreAuth.api.preAuthorizedApplications = [];
      assert.notEqual(AadManifestHelper.validateManifest(noPreAuth), '');
    });

    it("its Application ID URI is the audience the Dashboard tab's token check expects", () => {
      const m = manifest() as { identifierUris: string[]; appId: string };
      const audience = tabSsoAudience({
        TAB_SSO_AUDIENCE: undefined,
        PUBLIC_BASE_URL: SAMPLE.BOT_ENDPOINT,
        MicrosoftAppId: SAMPLE.BOT_ID,
      });
      assert.deepEqual(m.identifierUris, [audience]);
      assert.equal(m.appId, SAMPLE.BOT_ID, "the app is the bot's: the Teams manifest's webApplicationInfo.id");
    });

    it('the Teams clients are pre-authorized for access_as_user, v2 tokens, and the invitation page can sign in', () => {
      const m = manifest() as {
        api: {
          requestedAccessTokenVersion: number;
          oauth2PermissionScopes: { id: string; value: string }[];
          preAuthorizedApplications: { appId: string; delegatedPermissionIds: string[] }[];
        };
        web: { redirectUris: string[] };
        groupMembershipClaims: string;
      };
      assert.equal(m.api.requestedAccessTokenVersion, 2);
      const scope = m.api.oauth2PermissionScopes.find((s) => s.value === 'access_as_user')!;
      assert.deepEqual(m.api.preAuthorizedApplications.map((a) => a.appId).sort(), [
        '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
        '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
      ]);
      for (const a of m.api.preAuthorizedApplications) assert.deepEqual(a.delegatedPermissionIds, [scope.id]);
      assert.deepEqual(m.web.redirectUris, [`${SAMPLE.BOT_ENDPOINT}/invite/callback`]);
      assert.equal(m.groupMembershipClaims, 'DirectoryRole', 'the id_token carries wids (README step 5)');
    });
  });

  describe('infra/ (Bicep: not compiled here, checked as text)', () => {
    it("every app setting the bot gets is a variable src/config.ts accepts; the platform's are not", () => {
      const settings = bicepObjectKeys('botSettings');
      assert.ok(settings.length >= 10, settings.join(', '));
      assert.deepEqual(
        settings.filter((k) => !configKeys.has(k)),
        [],
        'app settings src/config.ts does not read',
      );
      for (const k of bicepObjectKeys('platformSettings')) assert.ok(!configKeys.has(k), k);
      assert.match(bicep, /properties: union\(platformSettings, botSettings\)/);
    });

    it('secrets reach the app only as Key Vault references', () => {
      const entries = bicepObjectEntries('botSettings');
      for (const k of ['MicrosoftAppPassword', 'DATABASE_URL', 'DATA_ENCRYPTION_KEY', 'OIDC_CLIENT_SECRET'])
        assert.match(entries.get(k) ?? '', /^'@Microsoft\.KeyVault\(SecretUri=\$\{\w+\.properties\.secretUri\}\)'$/, k);
      assert.match(entries.get('SMTP_URL') ?? '', /@Microsoft\.KeyVault/);
      assert.equal(entries.get('MicrosoftAppType'), "'SingleTenant'");
    });

    it('the parameters file and the Bicep agree; secure parameters come from SECRET_ variables', () => {
      const params = bicepParams();
      const declared = new Set(params.map((p) => p.name));
      const given = Object.keys(parametersFile.parameters);
      assert.deepEqual(
        given.filter((g) => !declared.has(g)),
        [],
        'parameters the Bicep does not declare',
      );
      const required = params.filter((p) => !p.hasDefault).map((p) => p.name);
      assert.deepEqual(
        required.filter((r) => !given.includes(r)),
        [],
        'required parameters missing from infra/azure.parameters.json',
      );
      const secure = params.filter((p) => p.secure).map((p) => p.name);
      assert.ok(secure.includes('botAadAppClientSecret') && secure.includes('postgresAdminPassword'), secure.join());
      for (const name of secure.filter((s) => given.includes(s)))
        assert.match(String(parametersFile.parameters[name].value), /^\$\{\{SECRET_[A-Z0-9_]+\}\}$/, name);
    });

    it("App Service starts the bot with one of package.json's scripts, and the yml runs ours", () => {
      const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
      const command = /appCommandLine: 'npm run ([\w:-]+)'/.exec(bicep)?.[1];
      assert.ok(command && pkg.scripts[command], `appCommandLine names a script: ${command}`);
      for (const env of Object.keys(ymlFiles) as Env[])
        for (const a of stages(projects[env]))
          if (a.uses === 'script' && typeof a.with?.run === 'string' && a.with.run.startsWith('npm run '))
            assert.ok(pkg.scripts[a.with.run.slice('npm run '.length)], a.with.run);
    });

    it('the outputs the yml files read are declared', () => {
      for (const name of ['AZURE_APP_SERVICE_RESOURCE_ID', 'BOT_DOMAIN', 'BOT_ENDPOINT'])
        assert.ok(bicepOutputs.includes(name), name);
      const resourceBaseName = expand(String(parametersFile.parameters.resourceBaseName.value), SAMPLE);
      assert.match(resourceBaseName, /^[a-z][a-z0-9]{3,15}$/, 'fits every resource name (Key Vault: 24 with -kv)');
    });
  });

  describe('scripts/toolkit-secrets.ts (generated once per environment)', () => {
    it('generates a valid data key and a URL-safe PostgreSQL password meeting Azure complexity', () => {
      const s = missingSecrets({});
      assert.ok(parseDataKey(s.SECRET_DATA_ENCRYPTION_KEY!), 'a 32-byte base64 key');
      const pw = s.SECRET_POSTGRES_ADMIN_PASSWORD!;
      assert.equal(encodeURIComponent(pw), pw, 'needs no escaping in DATABASE_URL');
      const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(pw)).length;
      assert.ok(classes >= 3 && pw.length >= 8 && pw.length <= 128, pw.length.toString());
      assert.notEqual(missingSecrets({}).SECRET_DATA_ENCRYPTION_KEY, s.SECRET_DATA_ENCRYPTION_KEY, 'random');
    });

    it('leaves a secret that is already set alone (the data key must never change)', () => {
      const s = missingSecrets({ SECRET_DATA_ENCRYPTION_KEY: 'kept', SECRET_POSTGRES_ADMIN_PASSWORD: ' ' });
      assert.deepEqual(Object.keys(s), ['SECRET_POSTGRES_ADMIN_PASSWORD']);
    });

    it("prints the toolkit's ::set-teamsfx-env lines, which its parser reads back whole", () => {
      const values = missingSecrets({}) as Record<string, string>;
      const out = toolkitOutput(values);
      // The toolkit's script driver reads outputs with this pattern (@microsoft/teamsfx-core, script driver).
      const parsed = Object.fromEntries(
        [...out.matchAll(/::(set-teamsfx-env|set-output)\s+(\w+)=((["'])(.*?)\4|[^"'\s]+)/g)].map((m) => [
          m[2],
          m[5] ?? m[3],
        ]),
      );
      assert.deepEqual(parsed, values);
    });
  });
});
