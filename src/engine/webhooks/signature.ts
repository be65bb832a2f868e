import { createHmac, timingSafeEqual } from 'node:crypto';

/** Stripe's `Stripe-Signature` header: `t=<seconds>,v1=<hex HMAC-SHA256 of "t.body">`. */
export function signPayload(secret: string, payload: string, timestampSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.${payload}`).digest('hex');
  return `t=${timestampSeconds},v1=${mac}`;
}

/** Whether a `Stripe-Signature` header is a valid signature of `payload` with `secret` (no tolerance check). */
export function verifySignature(secret: string, payload: string, header: string): boolean {
  const parts = Object.fromEntries(
    header.split(',').map((kv) => {
      const i = kv.indexOf('=');
      return [kv.slice(0, i).trim(), kv.slice(i + 1).trim()];
    }),
  );
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1) return false;
  const expected = Buffer.from(signPayload(secret, payload, t).split('v1=')[1], 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
