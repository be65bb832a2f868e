import { invalidRequest } from '../../errors.js';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
  MAX_TIMEOUT_MS,
  type ConfigSecrets,
  type ExpiryLocation,
  type ForwardingConfig,
  type ReplacementLocations,
  type SignatureScheme,
} from './config-types.js';

const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const EXPIRY_FORMAT = /^(MM|YYYY|YY|[^A-Za-z0-9]|\s)+$/;

type Editable = Omit<ForwardingConfig, 'id' | 'object' | 'created' | 'secret_names'>;

function str(value: unknown, param: string): string {
  if (typeof value !== 'string' || value === '') throw invalidRequest(`${param} must be a non-empty string.`, param);
  return value;
}

/** Normalizes a destination URL and refuses what cannot be a forwarding destination. */
export function checkDestinationUrl(value: unknown, param = 'url'): string {
  let url: URL;
  try {
    url = new URL(str(value, param));
  } catch {
    throw invalidRequest(`Invalid URL: ${String(value)}`, param, 'url_invalid');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalidRequest('Invalid URL: a forwarding destination must use http or https.', param, 'url_invalid');
  }
  if (url.username || url.password) {
    throw invalidRequest('Invalid URL: put credentials in the config secrets, not in the URL.', param, 'url_invalid');
  }
  url.hash = '';
  return url.toString();
}

function checkExpiry(value: unknown): ExpiryLocation {
  const v = (value ?? {}) as Record<string, unknown>;
  if (v.combined !== undefined) {
    const format = str(v.format ?? 'MM/YY', 'replacements.card_expiry.format');
    if (!EXPIRY_FORMAT.test(format) || !format.includes('MM') || !format.includes('YY')) {
      throw invalidRequest('replacements.card_expiry.format must combine MM with YY or YYYY, e.g. MM/YY.', 'replacements.card_expiry.format');
    }
    return { combined: str(v.combined, 'replacements.card_expiry.combined'), format };
  }
  const digits = v.year_digits ?? 4;
  if (digits !== 2 && digits !== 4) throw invalidRequest('replacements.card_expiry.year_digits must be 2 or 4.', 'replacements.card_expiry.year_digits');
  return {
    month: str(v.month, 'replacements.card_expiry.month'),
    year: str(v.year, 'replacements.card_expiry.year'),
    year_digits: digits,
  };
}

function checkReplacements(value: unknown): ReplacementLocations {
  if (!value || typeof value !== 'object') throw invalidRequest('replacements must be an object of locations.', 'replacements');
  const v = value as Record<string, unknown>;
  const out: ReplacementLocations = {};
  for (const key of Object.keys(v)) {
    if (key === 'card_expiry') out.card_expiry = checkExpiry(v.card_expiry);
    else if (key === 'card_number' || key === 'card_cvc' || key === 'cardholder_name') out[key] = str(v[key], `replacements.${key}`);
    else throw invalidRequest(`Unknown replacement '${key}': use card_number, card_expiry, card_cvc or cardholder_name.`, `replacements.${key}`);
  }
  return out;
}

function checkSignature(value: unknown, existingSecret: string | null): { scheme: SignatureScheme; secret: string } {
  const v = (value ?? {}) as Record<string, unknown>;
  const header = str(v.header, 'request_signature.header');
  if (!HEADER_NAME.test(header)) throw invalidRequest('request_signature.header is not a valid header name.', 'request_signature.header');
  const secret = v.secret === undefined && existingSecret ? existingSecret : str(v.secret, 'request_signature.secret');
  const algorithm = v.algorithm ?? 'sha256';
  const encoding = v.encoding ?? 'hex';
  const signed = v.signed_payload ?? 'body';
  if (algorithm !== 'sha256' && algorithm !== 'sha512') throw invalidRequest('request_signature.algorithm must be sha256 or sha512.', 'request_signature.algorithm');
  if (encoding !== 'hex' && encoding !== 'base64') throw invalidRequest('request_signature.encoding must be hex or base64.', 'request_signature.encoding');
  if (signed !== 'body' && signed !== 'timestamp.body') {
    throw invalidRequest('request_signature.signed_payload must be body or timestamp.body.', 'request_signature.signed_payload');
  }
  const tsHeader = signed === 'timestamp.body' ? str(v.timestamp_header ?? 'X-Timestamp', 'request_signature.timestamp_header') : null;
  const prefix = v.prefix === undefined ? '' : String(v.prefix);
  return { scheme: { header, algorithm, encoding, signed_payload: signed, timestamp_header: tsHeader, prefix }, secret };
}

function checkSecrets(value: unknown, existing: Record<string, string>): Record<string, string> {
  if (value === undefined) return existing;
  if (!value || typeof value !== 'object') throw invalidRequest('secrets must be an object of NAME: value.', 'secrets');
  const next = { ...existing };
  for (const [name, secret] of Object.entries(value as Record<string, unknown>)) {
    if (!SECRET_NAME.test(name)) throw invalidRequest(`Secret name '${name}' must be letters, digits and underscores.`, `secrets.${name}`);
    if (secret === null) delete next[name];
    else if (/[\r\n\0]/.test(str(secret, `secrets.${name}`))) {
      // A secret may land in a header, where a line break would forge more headers.
      throw invalidRequest(`Secret ${name} cannot contain line breaks.`, `secrets.${name}`);
    } else next[name] = secret as string;
  }
  return next;
}

function checkInt(value: unknown, param: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    throw invalidRequest(`${param} must be an integer from ${min} to ${max}.`, param);
  }
  return value as number;
}

/**
 * Validates a create (no `current`) or update (`current` given) body from the
 * control API. Update semantics: omitted fields keep their value; `secrets`
 * merge (a null value removes one); `request_signature: null` removes the scheme.
 */
export function checkConfigInput(
  body: Record<string, unknown>,
  current?: { config: ForwardingConfig; secrets: ConfigSecrets },
): { fields: Editable; secrets: ConfigSecrets } {
  const known = ['name', 'url', 'http_method', 'body_format', 'replacements', 'request_signature', 'secrets', 'timeout_ms', 'max_response_bytes'];
  for (const key of Object.keys(body)) if (!known.includes(key)) throw invalidRequest(`Received unknown parameter: ${key}`, key, 'parameter_unknown');
  const cur = current?.config;
  const has = (k: string) => body[k] !== undefined;
  if (!cur && !has('url')) throw invalidRequest('Missing required param: url.', 'url', 'parameter_missing');
  const method = body.http_method ?? cur?.http_method ?? 'POST';
  if (method !== 'POST') throw invalidRequest('http_method must be POST: Stripe forwards requests with POST only.', 'http_method');
  const format = body.body_format ?? cur?.body_format ?? 'json';
  if (format !== 'json' && format !== 'form') throw invalidRequest('body_format must be json or form.', 'body_format');
  let signature = cur?.request_signature ?? null;
  let signatureSecret = current?.secrets.signatureSecret ?? null;
  if (body.request_signature === null) [signature, signatureSecret] = [null, null];
  else if (has('request_signature')) {
    const s = checkSignature(body.request_signature, signatureSecret);
    [signature, signatureSecret] = [s.scheme, s.secret];
  }
  return {
    fields: {
      name: has('name') ? (body.name === null ? null : str(body.name, 'name')) : (cur?.name ?? null),
      url: has('url') ? checkDestinationUrl(body.url) : cur!.url,
      http_method: 'POST',
      body_format: format,
      replacements: has('replacements') ? checkReplacements(body.replacements) : (cur?.replacements ?? {}),
      request_signature: signature,
      timeout_ms: checkInt(body.timeout_ms, 'timeout_ms', cur?.timeout_ms ?? DEFAULT_TIMEOUT_MS, 1, MAX_TIMEOUT_MS),
      max_response_bytes: checkInt(body.max_response_bytes, 'max_response_bytes', cur?.max_response_bytes ?? DEFAULT_MAX_RESPONSE_BYTES, 1, 16 * 1024 * 1024),
    },
    secrets: { values: checkSecrets(body.secrets, current?.secrets.values ?? {}), signatureSecret },
  };
}
