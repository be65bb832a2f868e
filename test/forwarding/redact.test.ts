import { describe, expect, it } from 'vitest';
import { maskCardNumber, maskHeaderValue, redactHeaders, redactText, truncate } from '../../src/engine/resources/forwarding/redact.js';

const s = { cardNumber: '4242424242424242', cvc: '321', secrets: { API_KEY: 'key_abcdef', SHORT: '' } };

describe('forwarding redaction rules', () => {
  it('masks a card number keeping the first six and last four digits', () => {
    expect(maskCardNumber('4242424242424242')).toBe('424242******4242');
    expect(maskCardNumber('378282246310005')).toBe('378282*****0005');
    expect(maskCardNumber('1234')).toBe('****');
  });

  it('masks the known card number and any other Luhn-valid number, leaving other digit runs alone', () => {
    const text = 'pan 4242424242424242, other 5555555555554444, order 1234567890123456, phone 4155550100';
    expect(redactText(text, s)).toBe('pan 424242******4242, other 555555******4444, order 1234567890123456, phone 4155550100');
  });

  it('puts secrets back as their placeholders, and ignores empty secrets', () => {
    expect(redactText('{"key":"key_abcdef","x":"y"}', s)).toBe('{"key":"{{API_KEY}}","x":"y"}');
  });

  it('masks CVCs under CVC-like JSON keys at any depth, and next to CVC-like words in text', () => {
    const json = JSON.stringify({ card: { cvv: '999', securityCode: '5678', code: 1, security_code: 4321 }, items: [{ CVC: '111' }] });
    expect(JSON.parse(redactText(json, s))).toEqual({
      card: { cvv: '***', securityCode: '***', code: 1, security_code: '***' },
      items: [{ CVC: '***' }],
    });
    expect(redactText('card ok; CVV: 777; code=12', s, false)).toBe('card ok; CVV: ***; code=12');
    expect(redactText('<cvc>"321"</cvc>', s, false)).toBe('<cvc>"***"</cvc>');
  });

  it('keeps a JSON body byte for byte when it has nothing to redact', () => {
    const body = '{ "a" : 1,\n "b": [true] }';
    expect(redactText(body, s)).toBe(body);
  });

  it('masks authorization-like headers unless they hold a placeholder', () => {
    expect(maskHeaderValue('Authorization', 'Bearer sk_live_123')).toBe('Bearer ********');
    expect(maskHeaderValue('Authorization', 'Bearer {{API_KEY}}')).toBe('Bearer {{API_KEY}}');
    expect(maskHeaderValue('X-Api-Key', 'abc')).toBe('********');
    expect(maskHeaderValue('Set-Cookie', 'sid=1')).toBe('********');
    expect(maskHeaderValue('X-Request-Signature', 'v1=abc')).toBe('********');
    expect(maskHeaderValue('Content-Type', 'application/json')).toBe('application/json');
    expect(redactHeaders([['X-Echo', 'key_abcdef 4242424242424242']], s)).toEqual([{ name: 'X-Echo', value: '{{API_KEY}} 424242******4242' }]);
  });

  it('cuts text to 5000 characters and says so', () => {
    expect(truncate('a'.repeat(5000))).toHaveLength(5000);
    const cut = truncate('a'.repeat(9000));
    expect(cut).toHaveLength(5000);
    expect(cut.endsWith('…[truncated by Counterfoil]')).toBe(true);
  });
});

describe('forwarding redaction keeps JSON valid', () => {
  it('a card number sent back as a bare JSON number becomes a masked string', () => {
    expect(JSON.parse(redactText('{"pan": 4242424242424242, "n": [5555555555554444]}', s))).toEqual({
      pan: '424242******4242',
      n: ['555555******4444'],
    });
  });

  it('a text body keeps its shape', () => {
    expect(redactText('pan=4242424242424242&cvc=321', s)).toBe('pan=424242******4242&cvc=***');
  });
});
