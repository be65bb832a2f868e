import fc from 'fast-check';
import qs from 'qs';
import { describe, expect, it } from 'vitest';
import { parseForm } from '../../src/engine/http/form.js';

// parseForm reads a form without brackets itself and hands the rest to qs: both must agree with
// qs on every input, whichever way it goes. qs keeps keys named like Object.prototype's members
// on objects without a prototype; parseForm answers plain objects (JSON's round trip makes them).
// A key named `__proto__` is a key like any other to Stripe too, where qs drops it: the reference
// hands it to qs renamed and names it back in the JSON (JSON.parse makes it an own key).
const RENAMED = 'renamed-proto-key';
const QS_OPTIONS: qs.IParseOptions = {
  arrayLimit: 1000,
  depth: 12,
  parameterLimit: 10_000,
  plainObjects: true,
  allowPrototypes: true,
  decoder: (text, decode, charset, type) => {
    const decoded = decode(text, decode, charset) as string;
    return type === 'key' ? decoded.replace(/(^|\[)__proto__(?=$|[[\]])/g, `$1${RENAMED}`) : decoded;
  },
};
const viaQs = (text: string) =>
  JSON.parse(JSON.stringify(qs.parse(text, QS_OPTIONS)).replaceAll(RENAMED, '__proto__')) as unknown;
// toStrictEqual compares objects' `constructor`s by identity, and `constructor` may be a key here:
// the same JSON, and plain objects at every level.
function sameAs(actual: unknown, expected: unknown): void {
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
  const plain = (v: unknown): boolean =>
    v === null || typeof v !== 'object'
      ? true
      : Array.isArray(v)
        ? v.every(plain)
        : Object.getPrototypeOf(v) === Object.prototype && Object.values(v).every(plain);
  expect(plain(actual)).toBe(true);
}

const token = fc.constantFrom(
  'a', 'b', 'limit', '10', 'fa_1', '=', '&', '&&', '+', '%20', '%2B', '%26', '%3D', '%', '%E2%9C%93', '%E2', '%zz', '%5B', '%5d',
  '[', ']', '[]', '[0]', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'é', '.', 'x.y', '0', '1',
  'constr%75ctor', '%74oString', 'valueOf', '%5F_proto__', '[__proto__]', '__proto__[',
);
const form = fc.array(token, { maxLength: 14 }).map((parts) => parts.join(''));

describe('parseForm', () => {
  it('agrees with qs on any form, flat or not', () => {
    fc.assert(
      fc.property(form, (text) => {
        sameAs(parseForm(text), viaQs(text));
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['', {}],
    ['limit=10&financial_account=fa_123', { limit: '10', financial_account: 'fa_123' }],
    ['a=1&a=2', { a: ['1', '2'] }],
    ['q=a+b%20c&e=%E2%9C%93&bad=%zz', { q: 'a b c', e: '✓', bad: '%zz' }],
    ['flag&=x&constructor=1', { flag: '', constructor: '1' }],
    ['metadata[constructor]=x&metadata[toString]=y&metadata[__proto__]=z', JSON.parse('{"metadata":{"constructor":"x","toString":"y","__proto__":"z"}}')],
    ['__proto__=1&hasOwnProperty[0]=a', JSON.parse('{"__proto__":"1","hasOwnProperty":["a"]}')],
    ['__proto__=1', JSON.parse('{"__proto__":"1"}')],
    ['a[0][%5F_proto__][b]=1', JSON.parse('{"a":[{"__proto__":{"b":"1"}}]}')],
    ['x__proto__=1&a[__proto__x]=2', { x__proto__: '1', a: { __proto__x: '2' } }],
    ['metadata%5Bconstr%75ctor%5D=x&a[b]=1', { metadata: { constructor: 'x' }, a: { b: '1' } }],
    ['description=constructor&a[b]=1', { description: 'constructor', a: { b: '1' } }],
    ['expand[]=a&expand[]=b', { expand: ['a', 'b'] }],
    ['created%5Bgte%5D=5', { created: { gte: '5' } }],
  ])('%s', (text, expected) => {
    sameAs(parseForm(text), expected);
    sameAs(parseForm(text), viaQs(text));
  });

  it('answers plain objects all the way down, whatever the keys are named', () => {
    const parsed = parseForm('a[b][constructor]=1&c[0][toString]=2&d=3') as { a: { b: object }; c: object[] };
    for (const o of [parsed, parsed.a, parsed.a.b, parsed.c[0]]) expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(parseForm('constructor=1'))).toBe(Object.prototype);
  });

  it('keeps a key named __proto__ as an own key, never as the prototype', () => {
    for (const text of ['__proto__=1', 'metadata[__proto__]=z', '__proto__[polluted]=yes', 'a[__proto__][polluted]=yes']) {
      const parsed = parseForm(text) as Record<string, unknown>;
      const holder = (text.startsWith('__proto__') ? parsed : parsed[text.slice(0, text.indexOf('['))]) as object;
      expect(Object.getOwnPropertyNames(holder)).toContain('__proto__');
      expect(Object.getPrototypeOf(holder)).toBe(Object.prototype);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
