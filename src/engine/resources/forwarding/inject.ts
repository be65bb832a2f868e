import { invalidRequest } from '../../errors.js';
import type { ForwardingConfig } from './config-types.js';
import { MASKED_CVC, maskCardNumber } from './redact.js';

/** The card fields a forwarding request can inject. */
export interface CardDetails {
  number: string;
  cvc: string | null;
  exp_month: number;
  exp_year: number;
  name: string | null;
}

export type CardReplacement = 'card_number' | 'card_expiry' | 'card_cvc' | 'cardholder_name';

function invalidParam(message: string, param: string) {
  return invalidRequest(message, param, 'forwarding_api_invalid_parameter');
}

const PLACEHOLDER = /\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g;

/** Replaces `{{NAME}}` with the config's secret of that name; unknown names stay as written. */
export function fillPlaceholders(text: string, secrets: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => secrets[name] ?? whole);
}

function formatExpiry(format: string, month: number, year: number): string {
  const mm = String(month).padStart(2, '0');
  const yyyy = String(year);
  return format.replace(/MM|YYYY|YY/g, (t) => (t === 'MM' ? mm : t === 'YYYY' ? yyyy : yyyy.slice(-2)));
}

/** Location → value pairs for the requested replacements, in clear (`sent`) and as recorded (`stored`). */
function fieldValues(config: ForwardingConfig, card: CardDetails, wanted: CardReplacement[]) {
  const sent: [string, string][] = [];
  const stored: [string, string][] = [];
  const add = (location: string, clear: string, recorded: string) => {
    sent.push([location, clear]);
    stored.push([location, recorded]);
  };
  for (const kind of wanted) {
    const where = config.replacements[kind];
    if (!where) {
      throw invalidParam(
        `The forwarding config for ${config.url} (${config.id}) says nowhere for ${kind} to go; add replacements.${kind} to it.`,
        'replacements',
      );
    }
    if (kind === 'card_number') add(where as string, card.number, maskCardNumber(card.number));
    else if (kind === 'cardholder_name') add(where as string, card.name ?? '', card.name ?? '');
    else if (kind === 'card_cvc') {
      if (card.cvc === null) throw invalidParam('This PaymentMethod has no CVC to forward; collect the card details again.', 'replacements');
      add(where as string, card.cvc, MASKED_CVC);
    } else if ('combined' in config.replacements.card_expiry!) {
      const e = config.replacements.card_expiry;
      const v = formatExpiry(e.format, card.exp_month, card.exp_year);
      add(e.combined, v, v);
    } else {
      const e = config.replacements.card_expiry as { month: string; year: string; year_digits?: 2 | 4 };
      const month = String(card.exp_month).padStart(2, '0');
      const year = e.year_digits === 2 ? String(card.exp_year).slice(-2) : String(card.exp_year);
      add(e.month, month, month);
      add(e.year, year, year);
    }
  }
  return { sent, stored };
}

/** Sets a dot path (`a.b.0.c`) in parsed JSON, creating objects on the way. */
function setPath(root: Record<string, unknown>, path: string, value: string): void {
  const parts = path.split('.');
  let node: any = root;
  for (let i = 0; i < parts.length - 1; i++) {
    const key = Array.isArray(node) ? Number(parts[i]) : parts[i];
    if (node[key] === undefined || node[key] === null) node[key] = /^\d+$/.test(parts[i + 1]) ? [] : {};
    node = node[key];
    if (typeof node !== 'object') {
      throw invalidParam(`request[body] has a ${typeof node} at '${parts.slice(0, i + 1).join('.')}', where ${path} needs an object.`, 'request[body]');
    }
  }
  const last = parts[parts.length - 1];
  node[Array.isArray(node) ? Number(last) : last] = value;
}

function fillJsonStrings(value: unknown, secrets: Record<string, string>): unknown {
  if (typeof value === 'string') return fillPlaceholders(value, secrets);
  if (Array.isArray(value)) return value.map((v) => fillJsonStrings(v, secrets));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillJsonStrings(v, secrets)]));
  }
  return value;
}

export interface BuiltBody {
  /** What goes on the wire: card details and secrets in clear. */
  sent: string;
  /** What is recorded: card number and CVC masked, placeholders as written. */
  stored: string;
  contentType: string;
}

/** Injects the requested card fields where the config says, once in clear and once redacted. */
export function buildBody(
  config: ForwardingConfig,
  template: string | undefined,
  card: CardDetails,
  wanted: CardReplacement[],
  secrets: Record<string, string>,
): BuiltBody {
  const values = fieldValues(config, card, wanted);
  if (config.body_format === 'form') {
    const stored = new URLSearchParams(template ?? '');
    const sent = new URLSearchParams([...stored.entries()].map(([k, v]) => [k, fillPlaceholders(v, secrets)]));
    for (const [k, v] of values.sent) sent.set(k, v);
    for (const [k, v] of values.stored) stored.set(k, v);
    return { sent: sent.toString(), stored: stored.toString(), contentType: 'application/x-www-form-urlencoded' };
  }
  let parsed: unknown;
  try {
    parsed = template === undefined || template.trim() === '' ? {} : JSON.parse(template);
  } catch {
    throw invalidParam('request[body] must be valid JSON for this destination (its config has body_format json).', 'request[body]');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw invalidParam('request[body] must be a JSON object for this destination.', 'request[body]');
  }
  const sent = fillJsonStrings(parsed, secrets) as Record<string, unknown>;
  const stored = structuredClone(parsed) as Record<string, unknown>;
  for (const [k, v] of values.sent) setPath(sent, k, v);
  for (const [k, v] of values.stored) setPath(stored, k, v);
  return { sent: JSON.stringify(sent), stored: JSON.stringify(stored), contentType: 'application/json' };
}
