import { formEncode } from '../../app/form-encode';

/** Single-quotes a word for a POSIX shell. */
function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The curl command that repeats an API request as it was sent. */
export function toCurl(opts: {
  baseUrl: string;
  apiKey: string;
  method: string;
  path: string;
  params: unknown;
  idempotencyKey: string | null;
}): string {
  const lines = [`curl${opts.method === 'GET' ? ' -G' : opts.method === 'POST' ? '' : ` -X ${opts.method}`} ${shellQuote(opts.baseUrl + opts.path)}`];
  lines.push(`-u ${shellQuote(`${opts.apiKey}:`)}`);
  if (opts.idempotencyKey) lines.push(`-H ${shellQuote(`Idempotency-Key: ${opts.idempotencyKey}`)}`);
  const params = opts.params && typeof opts.params === 'object' ? (opts.params as Record<string, unknown>) : {};
  const encoded = formEncode(params);
  for (const pair of encoded ? encoded.split('&') : []) {
    const [k, v = ''] = pair.split('=');
    lines.push(`-d ${shellQuote(`${decodeURIComponent(k)}=${decodeURIComponent(v)}`)}`);
  }
  return lines.join(' \\\n  ');
}
