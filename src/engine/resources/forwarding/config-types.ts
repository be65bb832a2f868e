/**
 * A destination config: the sandbox's stand-in for the setup Stripe does at
 * onboarding. A forwarding request may only go to a URL a config names, with
 * that config's method, and the config says where in the destination's body
 * each replacement lands.
 */
export interface ForwardingConfig {
  id: string;
  object: 'forwarding_config';
  created: number;
  /** A label for the dashboard. */
  name: string | null;
  /** The exact destination: scheme, host, port and path (a query string, if any, must match too). */
  url: string;
  /** Stripe forwards with POST only (`request_details.http_method` is `POST`). */
  http_method: 'POST';
  body_format: 'json' | 'form';
  replacements: ReplacementLocations;
  /** How a `request_signature` replacement is computed; its secret is write-only. */
  request_signature: SignatureScheme | null;
  /** Names of the secrets `{{NAME}}` placeholders stand for (values are never returned). */
  secret_names: string[];
  timeout_ms: number;
  max_response_bytes: number;
}

/** Where each card field goes: JSON paths (`source.card.number`, `items.0.pan`) or form field names. */
export interface ReplacementLocations {
  card_number?: string;
  card_cvc?: string;
  cardholder_name?: string;
  card_expiry?: ExpiryLocation;
}

export type ExpiryLocation =
  /** Separate fields: month as `MM`, year as `YYYY` (or `YY` when `year_digits` is 2). */
  | { month: string; year: string; year_digits?: 2 | 4 }
  /** One field holding a formatted expiry, e.g. `MM/YY`, `MMYY`, `YYYY-MM`. */
  | { combined: string; format: string };

export interface SignatureScheme {
  /** The header that carries the signature, e.g. `X-Signature`. */
  header: string;
  algorithm: 'sha256' | 'sha512';
  encoding: 'hex' | 'base64';
  /** What is signed: the body as sent, or `<timestamp>.<body>` with the timestamp sent in `timestamp_header`. */
  signed_payload: 'body' | 'timestamp.body';
  timestamp_header: string | null;
  /** Prepended to the signature value, e.g. `sha256=`. */
  prefix: string;
}

/** The secret values of a config, kept sealed in the database. */
export interface ConfigSecrets {
  values: Record<string, string>;
  signatureSecret: string | null;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const MAX_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
