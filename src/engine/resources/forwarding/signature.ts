import { createHmac } from 'node:crypto';
import type { SignatureScheme } from './config-types.js';

/**
 * The headers a `request_signature` replacement adds: an HMAC of the body as
 * sent (card details in clear, as the destination receives it), optionally
 * prefixed by a timestamp that is sent in its own header. The timestamp is
 * real time, not sandbox time: the destination checks freshness against its clock.
 */
export function signatureHeaders(scheme: SignatureScheme, secret: string, body: string, wallMs: number): [string, string][] {
  const timestamp = String(Math.floor(wallMs / 1000));
  const payload = scheme.signed_payload === 'timestamp.body' ? `${timestamp}.${body}` : body;
  const mac = createHmac(scheme.algorithm, secret).update(payload, 'utf8').digest(scheme.encoding);
  const headers: [string, string][] = [[scheme.header, `${scheme.prefix}${mac}`]];
  if (scheme.timestamp_header) headers.push([scheme.timestamp_header, timestamp]);
  return headers;
}
