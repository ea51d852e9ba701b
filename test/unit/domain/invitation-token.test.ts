import assert from 'node:assert/strict';
import { invitationTokenIn } from '../../../src/domain/shared/links.js';

/** `authorize` takes the link exactly as pasted (issue 14 item 4; P1/P2 links), or just its token. */
describe('invitationTokenIn (P1/P2: authorize with the link as pasted)', () => {
  const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCdE';
  const link = `https://bot.example.test/invite/${token}`;
  const pasted: readonly (readonly [string, string])[] = [
    ['the bare token', token],
    ['the link', link],
    ['the link in angle brackets', `<${link}>`],
    ['a markdown link', `[accept the invitation](${link})`],
    ['the link inside a sentence with a full stop', `Please open ${link}.`],
    ['trailing punctuation', `${link})!,`],
    ['an <a href> as Teams sends a pasted link', `<a href="${link}" rel="noreferrer noopener">${link}</a>`],
    ['an <a href> with encoded entities', `&lt;a href=&quot;${link}&quot;&gt;open&lt;/a&gt;`],
    ['the token in angle brackets', `<${token}>`],
    ['the token quoted, with a full stop', `"${token}".`],
  ];
  for (const [what, text] of pasted) {
    it(`P1/P2: finds the token in ${what}`, () => assert.equal(invitationTokenIn(text), token));
  }

  it('P1/P2: nothing usable gives the empty string (the command then refuses with TOKEN_INVALID)', () => {
    assert.equal(invitationTokenIn(''), '');
    assert.equal(invitationTokenIn('https://bot.example.test/invite/short'), '');
    assert.equal(invitationTokenIn(`${token}x`.repeat(1)), '', 'a 44-character word is not a token');
  });
});
