import type { ControlRoute, EngineCore } from '../../context.js';
import { invalidRequest } from '../../errors.js';

/** What the onramp checks on Stripe's side at create: the incident kill switch and the account's public profile. */
export interface OnrampSettings {
  /** Stripe has turned minting off (an incident): creates fail with `crypto_onramp_disabled`. */
  disabled: boolean;
  /** The account has a public business name and URL; without them creates fail with `crypto_onramp_merchant_not_properly_setup`. */
  merchant_setup: boolean;
}

const KEY = 'crypto.onramp.settings';
const DEFAULTS: OnrampSettings = { disabled: false, merchant_setup: true };

export function onrampSettings(core: EngineCore): OnrampSettings {
  const row = core.db.prepare('SELECT value FROM meta WHERE key = ?').get(KEY) as { value: string } | undefined;
  return { ...DEFAULTS, ...(row ? (JSON.parse(row.value) as Partial<OnrampSettings>) : {}) };
}

/** `GET` / `POST /_counterfoil/crypto/onramp/settings`: the sandbox's stand-ins for Stripe-side state. */
export const settingsControls: ControlRoute[] = [
  { method: 'GET', path: '/crypto/onramp/settings', handler: ({ core }) => onrampSettings(core) },
  {
    method: 'POST',
    path: '/crypto/onramp/settings',
    handler: ({ core, body }) => {
      const next = { ...onrampSettings(core) };
      for (const key of Object.keys(body)) {
        if (!(key in DEFAULTS)) throw invalidRequest(`Received unknown parameter: ${key}`, key, 'parameter_unknown');
        if (typeof body[key] !== 'boolean') throw invalidRequest(`Invalid boolean: ${String(body[key])}`, key);
        next[key as keyof OnrampSettings] = body[key];
      }
      core.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(KEY, JSON.stringify(next));
      return next;
    },
  },
];
