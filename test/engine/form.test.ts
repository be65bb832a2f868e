import fc from 'fast-check';
import qs from 'qs';
import { describe, expect, it } from 'vitest';
import { parseForm } from '../../src/engine/http/form.js';

// parseForm reads a form without brackets itself and hands the rest to qs: both must agree with
// qs on every input, whichever way it goes.
const QS_OPTIONS = { arrayLimit: 1000, depth: 12, parameterLimit: 10_000 };
const viaQs = (text: string) => qs.parse(text, QS_OPTIONS);

const token = fc.constantFrom(
  'a', 'b', 'limit', '10', 'fa_1', '=', '&', '&&', '+', '%20', '%2B', '%26', '%3D', '%', '%E2%9C%93', '%E2', '%zz', '%5B', '%5d',
  '[', ']', '[]', '[0]', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'é', '.', 'x.y', '0', '1',
);
const form = fc.array(token, { maxLength: 14 }).map((parts) => parts.join(''));

describe('parseForm', () => {
  it('agrees with qs on any form, flat or not', () => {
    fc.assert(
      fc.property(form, (text) => {
        expect(parseForm(text)).toStrictEqual(viaQs(text));
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['', {}],
    ['limit=10&financial_account=fa_123', { limit: '10', financial_account: 'fa_123' }],
    ['a=1&a=2', { a: ['1', '2'] }],
    ['q=a+b%20c&e=%E2%9C%93&bad=%zz', { q: 'a b c', e: '✓', bad: '%zz' }],
    ['flag&=x&constructor=1', { flag: '' }],
    ['expand[]=a&expand[]=b', { expand: ['a', 'b'] }],
    ['created%5Bgte%5D=5', { created: { gte: '5' } }],
  ])('%s', (text, expected) => {
    expect(parseForm(text)).toStrictEqual(expected);
    expect(parseForm(text)).toStrictEqual(viaQs(text));
  });
});
