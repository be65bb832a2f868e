import type { EngineCore } from '../context.js';
import { invalidRequest } from '../errors.js';
import { atomically, stmt } from '../store/statements.js';
import { signPayload } from './signature.js';

/** What a receiver's robustness is tested with, per endpoint. Every field is optional; none means plain delivery. */
export interface ChaosSettings {
  /** Each event is delivered twice (same event id, same body). */
  duplicate?: boolean;
  /** First attempts are held and sent newest first within a window of this many (sandbox) ms. */
  reorder_window_ms?: number;
  /** This many real ms are added before each attempt. */
  latency_ms?: number;
  /** The signature's `t=` is this many seconds old (Stripe's SDKs reject anything past 300). */
  stale_timestamp_seconds?: number;
}

/** How far back a stale `t=` goes when the setting says only `true`. */
export const DEFAULT_STALE_SECONDS = 600;
/** The tolerance `stripe.webhooks.constructEvent` applies by default. */
export const SDK_TOLERANCE_SECONDS = 300;
const MAX_LATENCY_MS = 60_000;
const MAX_WINDOW_MS = 3_600_000;

function whole(value: unknown, param: string, max: number): number | undefined {
  if (value === undefined || value === null || value === '' || value === 0 || value === '0') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) throw invalidRequest(`${param} must be a whole number from 0 to ${max}.`, param);
  return n;
}

function flag(value: unknown): boolean {
  return value === true || value === 'true';
}

/** Checks a chaos settings body; unknown keys are refused. */
export function parseChaos(body: Record<string, unknown>): ChaosSettings {
  const out: ChaosSettings = {};
  for (const [key, value] of Object.entries(body)) {
    switch (key) {
      case 'duplicate':
        if (flag(value)) out.duplicate = true;
        break;
      case 'reorder_window_ms':
        out.reorder_window_ms = whole(value, key, MAX_WINDOW_MS);
        break;
      case 'latency_ms':
        out.latency_ms = whole(value, key, MAX_LATENCY_MS);
        break;
      case 'stale_timestamp_seconds':
        out.stale_timestamp_seconds = value === true || value === 'true' ? DEFAULT_STALE_SECONDS : whole(value, key, 30 * 86400);
        break;
      default:
        throw invalidRequest(`Unknown chaos setting: ${key}. Use duplicate, reorder_window_ms, latency_ms or stale_timestamp_seconds.`, key, 'parameter_unknown');
    }
  }
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as ChaosSettings;
}

function settingsOf(text: string | null | undefined): ChaosSettings {
  return text ? (JSON.parse(text) as ChaosSettings) : {};
}

export function chaosOf(core: EngineCore, endpointId: string): ChaosSettings {
  const row = stmt(core.db, 'SELECT settings FROM endpoint_chaos WHERE endpoint_id = ?').get(endpointId) as
    | { settings: string }
    | undefined;
  return settingsOf(row?.settings);
}

/** What signing an attempt to an endpoint takes: its secret, its chaos settings, and whether a rolled secret is still valid. */
export interface Signing {
  secret: string;
  chaos: ChaosSettings;
  rolled: boolean;
}

/** An endpoint's Signing in one read (an attempt makes it for every delivery); undefined once the endpoint has no secret. */
export function signingOf(core: EngineCore, endpointId: string): Signing | undefined {
  const row = stmt(
    core.db,
    `SELECT s.secret, c.settings,
       EXISTS (SELECT 1 FROM endpoint_rolled_secrets r WHERE r.endpoint_id = s.endpoint_id AND r.expires_ms > ?) AS rolled
     FROM endpoint_secrets s LEFT JOIN endpoint_chaos c ON c.endpoint_id = s.endpoint_id WHERE s.endpoint_id = ?`,
  ).get(core.clock.nowMs(), endpointId) as { secret: string; settings: string | null; rolled: number } | undefined;
  return row && { secret: row.secret, chaos: settingsOf(row.settings), rolled: row.rolled === 1 };
}

export function setChaos(core: EngineCore, endpointId: string, settings: ChaosSettings): ChaosSettings {
  if (Object.keys(settings).length === 0) stmt(core.db, 'DELETE FROM endpoint_chaos WHERE endpoint_id = ?').run(endpointId);
  else {
    stmt(core.db, 'INSERT OR REPLACE INTO endpoint_chaos (endpoint_id, settings) VALUES (?, ?)').run(endpointId, JSON.stringify(settings));
  }
  return settings;
}

/** The secrets an endpoint rolled away from that are still valid now, newest first. */
export function rolledSecrets(core: EngineCore, endpointId: string): { secret: string; expires_ms: number }[] {
  return stmt(core.db, 'SELECT secret, expires_ms FROM endpoint_rolled_secrets WHERE endpoint_id = ? AND expires_ms > ? ORDER BY expires_ms DESC')
    .all(endpointId, core.clock.nowMs()) as { secret: string; expires_ms: number }[];
}

/** Rolls an endpoint's secret: the old one stays valid for `expiresInSeconds` (sandbox time), as Stripe's roll does. */
export function rollSecret(core: EngineCore, endpointId: string, current: string, next: string, expiresInSeconds: number): void {
  atomically(core.db, () => {
    // Kept after it expires too: the inspector can then say an attempt was signed with a rolled secret.
    stmt(core.db, 'INSERT OR REPLACE INTO endpoint_rolled_secrets (endpoint_id, secret, expires_ms) VALUES (?, ?, ?)')
      .run(endpointId, current, core.clock.nowMs() + expiresInSeconds * 1000);
    stmt(core.db, 'UPDATE endpoint_secrets SET secret = ? WHERE endpoint_id = ?').run(next, endpointId);
  });
}

/** What one attempt does differently, and the labels the inspector shows for it. */
export interface ChaosPlan {
  /** Hold the delivery until this sandbox ms instead of sending now (out-of-order). */
  holdUntilMs?: number;
  latencyMs: number;
  /** The `Stripe-Signature` header to send. */
  signature: string;
  /** Send the same request once more after this one. */
  duplicate: boolean;
  labels: string[];
}

// Per sandbox and endpoint: when the current out-of-order window closes.
const windows = new WeakMap<EngineCore, Map<string, number>>();

interface HeldRow {
  created_ms: number;
  chaos_held_ms: number | null;
}

/**
 * Plans one attempt of a delivery: the signature (with every still-valid
 * rolled secret beside the current one, and a stale `t=` if asked) and what
 * chaos applies. First attempts of an endpoint with a reorder window are held
 * once: those created within one window are released after it, newest first.
 */
export function planAttempt(
  core: EngineCore,
  delivery: { id: string; endpoint_id: string; attempt_count: number },
  { secret, chaos, rolled: anyRolled }: Signing,
  body: string,
): ChaosPlan {
  const labels: string[] = [];
  const first = delivery.attempt_count === 0;
  if (first && chaos.reorder_window_ms) {
    const row = stmt(core.db, 'SELECT created_ms, chaos_held_ms FROM deliveries WHERE id = ?').get(delivery.id) as HeldRow | undefined;
    if (row && row.chaos_held_ms === null) {
      const now = core.clock.nowMs();
      let perEndpoint = windows.get(core);
      if (!perEndpoint) windows.set(core, (perEndpoint = new Map()));
      let end = perEndpoint.get(delivery.endpoint_id) ?? 0;
      if (end <= now) perEndpoint.set(delivery.endpoint_id, (end = now + chaos.reorder_window_ms));
      // Later events are released earlier: within the window the order is reversed.
      const holdUntilMs = end + Math.max(0, end - row.created_ms);
      stmt(core.db, 'UPDATE deliveries SET next_attempt_ms = ?, chaos_held_ms = ? WHERE id = ?').run(holdUntilMs, holdUntilMs - now, delivery.id);
      return { holdUntilMs, latencyMs: 0, signature: '', duplicate: false, labels };
    }
    if (row?.chaos_held_ms) labels.push(`out of order: held ${row.chaos_held_ms} ms`);
  }
  const staleBy = chaos.stale_timestamp_seconds ?? 0;
  const timestamp = Math.floor(core.clock.wallMs() / 1000) - staleBy;
  if (staleBy > 0) labels.push(`stale t= (${staleBy} s old)`);
  const rolled = anyRolled ? rolledSecrets(core, delivery.endpoint_id) : [];
  let signature = signPayload(secret, body, timestamp);
  for (const r of rolled) signature += `,v1=${signPayload(r.secret, body, timestamp).split('v1=')[1]}`;
  if (rolled.length) labels.push(`secret rotation: ${rolled.length + 1} v1= signatures`);
  if (chaos.latency_ms) labels.push(`latency +${chaos.latency_ms} ms`);
  const duplicate = first && chaos.duplicate === true;
  return { latencyMs: chaos.latency_ms ?? 0, signature, duplicate, labels };
}

/** Every `v1=` of a `Stripe-Signature` header, and its `t=`. */
function signatureParts(header: string): { t: number; v1: string[] } {
  let t = NaN;
  const v1: string[] = [];
  for (const kv of header.split(',')) {
    const i = kv.indexOf('=');
    const key = kv.slice(0, i).trim();
    const value = kv.slice(i + 1).trim();
    if (key === 't') t = Number(value);
    if (key === 'v1') v1.push(value);
  }
  return { t, v1 };
}

/** Whether any `v1=` of the header is `secret`'s signature of `body`. */
export function anySignatureMatches(secret: string, body: string, header: string): boolean {
  const { t, v1 } = signatureParts(header);
  if (!Number.isInteger(t)) return false;
  const expected = signPayload(secret, body, t).split('v1=')[1];
  return v1.includes(expected);
}

export type Verdict = { verified: true; timestamp: number } | { verified: false; reason: string };

/**
 * Why a receiver using `stripe.webhooks.constructEvent` would accept or refuse
 * an attempt: wrong secret, a stale timestamp, or a body changed after signing.
 */
export function explainSignature(
  core: EngineCore,
  endpointId: string,
  secret: string | undefined,
  body: string,
  header: string | null,
  chaos: string[],
): Verdict {
  if (!header) return { verified: false, reason: 'no Stripe-Signature header was sent' };
  if (!secret) return { verified: false, reason: 'the endpoint was deleted, and its signing secret with it' };
  const { t } = signatureParts(header);
  if (anySignatureMatches(secret, body, header)) {
    const stale = chaos.find((c) => c.startsWith('stale t='));
    if (stale) {
      const age = /\((\d+) s old\)/.exec(stale)?.[1] ?? '?';
      return {
        verified: false,
        reason: `stale timestamp: t=${t} was ${age} s old when sent, past the ${SDK_TOLERANCE_SECONDS} s tolerance constructEvent applies (the signature itself matches)`,
      };
    }
    return { verified: true, timestamp: t };
  }
  const rolled = stmt(core.db, 'SELECT secret FROM endpoint_rolled_secrets WHERE endpoint_id = ?').all(endpointId) as { secret: string }[];
  if (rolled.some((r) => anySignatureMatches(r.secret, body, header))) {
    return { verified: false, reason: "wrong secret: signed only with a secret this endpoint has since rolled; a receiver on the current secret rejects it" };
  }
  return {
    verified: false,
    reason: "no v1 signature matches the endpoint's secret (current or rolled): it was signed with another secret, or the body changed after signing",
  };
}
