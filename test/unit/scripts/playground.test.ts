import assert from 'node:assert/strict';
import { withLocale } from '../../../scripts/playground/relay.js';
import { DEMO_PROVIDER_TENANT, playgroundYaml, YOU, YOUR_TENANT } from '../../../scripts/playground/personas.js';
import { localeOf, timeZoneOf } from '../../../src/bot/turn.js';

/** Issue 14 item 7: the playground's personas and its Korean relay. */
describe('playground personas and the Korean relay', () => {
  it('--lang ko: the relay makes an activity the Playground sent as en-US read as ko-KR in Asia/Seoul', () => {
    const sent = {
      type: 'message',
      text: 'help',
      locale: 'en-US',
      entities: [
        { type: 'clientInfo', locale: 'en-US', country: 'US', timezone: 'America/Los_Angeles' },
        { type: 'mention' },
      ],
    };
    const relayed = withLocale(sent, 'ko-KR', 'Asia/Seoul') as typeof sent;
    assert.equal(localeOf(relayed, { DEFAULT_LOCALE: 'en-US' }), 'ko-KR');
    assert.equal(timeZoneOf(relayed), 'Asia/Seoul');
    assert.equal(relayed.text, 'help');
    assert.deepEqual(relayed.entities[1], { type: 'mention' });
    assert.equal(sent.locale, 'en-US', 'the original is not changed');
  });

  it('each persona is a Playground configuration the Playground accepts: its user, its tenant, five other users', () => {
    const reseller = playgroundYaml('reseller');
    assert.match(reseller, new RegExp(`tenantId: ${YOUR_TENANT}`));
    assert.match(
      reseller,
      new RegExp(
        `currentUser:\\n  id: user-id-0\\n  name: Alex Wilber[\\s\\S]*aadObjectId: ${YOU.aadObjectId}\\n  givenName: Alex\\n  surname: Wilber`,
      ),
    );
    const provider = playgroundYaml('provider');
    assert.match(provider, new RegExp(`tenantId: ${DEMO_PROVIDER_TENANT}`));
    for (const yaml of [reseller, provider]) {
      const users = yaml.split('\nusers:\n')[1]?.split('\npersonalChat:')[0] ?? '';
      assert.ok((users.match(/^ {2}- id: /gm) ?? []).length >= 5, 'the Playground wants at least five users');
      assert.equal((users.match(/givenName: /g) ?? []).length, (users.match(/^ {2}- id: /gm) ?? []).length);
    }
  });
});
