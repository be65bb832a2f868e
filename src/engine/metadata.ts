import { invalidRequest } from './errors.js';
import { setOwn } from './http/form.js';

const MAX_KEYS = 50;
const MAX_KEY_LENGTH = 40;
const MAX_VALUE_LENGTH = 500;

/**
 * Applies a `metadata` param to existing metadata as Stripe does: keys merge,
 * an empty value unsets a key, and `metadata=""` clears everything.
 */
export function applyMetadata(
  existing: Record<string, string>,
  param: Record<string, string> | '' | undefined,
): Record<string, string> {
  if (param === undefined) return existing;
  if (param === '') return {};
  const next = { ...existing };
  for (const [key, value] of Object.entries(param)) {
    if (key.length > MAX_KEY_LENGTH) {
      throw invalidRequest(
        `Metadata keys can have up to ${MAX_KEY_LENGTH} characters, but key '${key}' has ${key.length}.`,
        `metadata[${key}]`,
      );
    }
    if (value.length > MAX_VALUE_LENGTH) {
      throw invalidRequest(
        `Metadata values can have up to ${MAX_VALUE_LENGTH} characters, but the value of '${key}' has ${value.length}.`,
        `metadata[${key}]`,
      );
    }
    if (value === '') delete next[key];
    else setOwn(next, key, value);
  }
  if (Object.keys(next).length > MAX_KEYS) {
    throw invalidRequest(`You can have up to ${MAX_KEYS} metadata keys.`, 'metadata');
  }
  return next;
}
