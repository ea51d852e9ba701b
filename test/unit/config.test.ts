import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('config', () => {
  it('applies defaults: SQLite under ./data, port 3978, en-US', () => {
    const c = loadConfig({});
    assert.equal(c.PORT, 3978);
    assert.equal(c.DATABASE_URL, 'file:./data/csp-bot.db');
    assert.equal(c.databaseKind, 'sqlite');
    assert.equal(c.DEFAULT_LOCALE, 'en-US');
    assert.deepEqual([...c.PROGRAM_ADMINS], []);
    assert.ok(Object.isFrozen(c));
  });

  it('recognises PostgreSQL URLs and splits program administrators', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@h/db', PROGRAM_ADMINS: 'a, b,,c' });
    assert.equal(c.databaseKind, 'postgres');
    assert.deepEqual([...c.PROGRAM_ADMINS], ['a', 'b', 'c']);
  });

  it('reads an outgoing proxy in either spelling (notifications then use the connector pipeline, which honours it)', () => {
    assert.equal(loadConfig({}).outgoingProxy, undefined);
    assert.equal(loadConfig({ https_proxy: 'http://proxy:3128' }).outgoingProxy, 'http://proxy:3128');
    assert.equal(
      loadConfig({ HTTP_PROXY: 'http://p1:8080', HTTPS_PROXY: 'http://p2:8443' }).outgoingProxy,
      'http://p2:8443',
    );
    assert.equal(loadConfig({ HTTPS_PROXY: '  ' }).outgoingProxy, undefined);
  });

  const bad: [string, NodeJS.ProcessEnv][] = [
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
    ['PUBLIC_BASE_URL', { PUBLIC_BASE_URL: 'not a url' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['DEFAULT_LOCALE', { DEFAULT_LOCALE: 'fr-FR' }],
    ['MicrosoftAppType', { MicrosoftAppType: 'Whatever' }],
    ['MicrosoftAppPassword', { MicrosoftAppId: 'abc' }],
    ['MicrosoftAppTenantId', { MicrosoftAppId: 'abc', MicrosoftAppPassword: 'p', MicrosoftAppType: 'SingleTenant' }],
  ];
  for (const [variable, env] of bad) {
    it(`refuses an invalid ${variable} and names it`, () => {
      assert.throws(
        () => loadConfig(env),
        (e: unknown) =>
          e instanceof ConfigError && e.message.includes(variable) && e.issues.some((i) => i.variable === variable),
      );
    });
  }
});
