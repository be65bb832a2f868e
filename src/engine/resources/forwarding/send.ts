import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';

/** One request to a destination. */
export interface Outbound {
  url: string;
  headers: [string, string][];
  body: string;
  timeoutMs: number;
  maxResponseBytes: number;
}

export type Outcome =
  | {
      kind: 'response';
      status: number;
      headers: [string, string][];
      body: string;
      /** The destination sent more than `maxResponseBytes`; the rest was not read. */
      truncated: boolean;
      durationMs: number;
      ip: string;
    }
  | { kind: 'timeout' | 'connection_error'; message: string; durationMs: number; ip: string };

// Keep-alive makes the sandbox's added latency small; idle sockets are unref'd
// by Node's agent, so they never keep a process alive.
const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };

/**
 * Sends one POST and reads the answer, within a deadline and a size limit.
 * Redirects are never followed (a 3xx is recorded as the answer), so a
 * destination cannot bounce card data to a URL that is not allowlisted.
 * Never rejects: failures come back as an outcome to record.
 */
export function send(out: Outbound, wallMs: () => number): Promise<Outcome> {
  const url = new URL(out.url);
  const started = wallMs();
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let ip = isIP(host) ? host : '';
  const lookup: LookupFunction = (hostname, options, callback) =>
    dnsLookup(hostname, options, (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => {
      if (!err) ip = Array.isArray(address) ? (address[0]?.address ?? ip) : address;
      (callback as (...args: unknown[]) => void)(err, address, family);
    });
  return new Promise<Outcome>((resolve) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const elapsed = () => Math.max(0, Math.round(wallMs() - started));
    const finish = (o: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(o);
    };
    const fail = (kind: 'timeout' | 'connection_error', message: string) => finish({ kind, message, durationMs: elapsed(), ip });
    const transport = url.protocol === 'https:' ? https : http;
    let req: http.ClientRequest;
    try {
      req = transport.request(url, {
        method: 'POST',
        agent: agents[url.protocol as 'http:' | 'https:'],
        lookup,
        headers: headerObject([...out.headers, ['Content-Length', String(Buffer.byteLength(out.body))]]),
      });
    } catch (err) {
      fail('connection_error', describe(err as NodeJS.ErrnoException));
      return;
    }
    timer = setTimeout(() => {
      fail('timeout', `The destination did not answer within ${out.timeoutMs} ms.`);
      req.destroy();
    }, out.timeoutMs);
    req.on('socket', (socket) => {
      // A kept-alive socket is already connected; only a new one will emit 'connect'.
      if (!socket.connecting) ip = socket.remoteAddress ?? ip;
      else socket.once('connect', () => (ip = socket.remoteAddress ?? ip));
    });
    req.on('error', (err: NodeJS.ErrnoException & { address?: string }) => {
      if (err.address) ip = err.address;
      fail('connection_error', describe(err));
    });
    req.on('response', (res) => {
      if (res.socket.remoteAddress) ip = res.socket.remoteAddress;
      const chunks: Buffer[] = [];
      let size = 0;
      const headers: [string, string][] = [];
      for (let i = 0; i < res.rawHeaders.length; i += 2) headers.push([res.rawHeaders[i], res.rawHeaders[i + 1]]);
      const done = (truncated: boolean) =>
        finish({
          kind: 'response',
          status: res.statusCode ?? 0,
          headers,
          body: Buffer.concat(chunks).toString('utf8'),
          truncated,
          durationMs: elapsed(),
          ip,
        });
      res.on('data', (chunk: Buffer) => {
        const room = out.maxResponseBytes - size;
        if (chunk.length > room) {
          chunks.push(chunk.subarray(0, room));
          size = out.maxResponseBytes;
          done(true);
          res.destroy();
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      res.on('end', () => done(false));
      res.on('error', (err) => fail('connection_error', describe(err)));
    });
    req.end(out.body);
  });
}

/** Header pairs as Node wants them; a repeated name becomes one array (sent as repeated lines). */
function headerObject(pairs: [string, string][]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const seen = new Map<string, string>();
  for (const [name, value] of pairs) {
    const key = seen.get(name.toLowerCase());
    if (key === undefined) {
      seen.set(name.toLowerCase(), name);
      out[name] = value;
    } else out[key] = [...[out[key]].flat(), value];
  }
  return out;
}

function describe(err: NodeJS.ErrnoException): string {
  const code = err.code ?? 'ERROR';
  if (code === 'ECONNREFUSED') return 'The destination refused the connection.';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'The destination host could not be resolved.';
  if (/CERT|TLS|SSL|EPROTO/.test(code)) return `The TLS handshake with the destination failed (${code}).`;
  if (code === 'ECONNRESET') return 'The destination closed the connection before answering.';
  return `The connection to the destination failed (${code}).`;
}
