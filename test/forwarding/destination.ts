import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the destination received, as it arrived. */
export interface Received {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type Responder = (req: Received, res: http.ServerResponse) => void;

/** A local third-party endpoint for forwarding tests: records what arrives, answers as told. */
export interface Destination {
  url: string;
  port: number;
  received: Received[];
  /** TCP connections accepted so far (to prove no connection was made). */
  connections: number;
  respond(responder: Responder): void;
  close(): Promise<void>;
}

/** Echoes the request back as JSON (body parsed when it is JSON), with a 200. */
export const echo: Responder = (req, res) => {
  let body: unknown = req.body;
  try {
    body = JSON.parse(req.body);
  } catch {
    /* form or text: echoed as a string */
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ received: body, headers: req.headers }));
};

/** Starts a destination on 127.0.0.1, port 0. */
export async function startDestination(responder: Responder = echo): Promise<Destination> {
  let current = responder;
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: Received = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(r);
      current(r, res);
    });
  });
  const dest = {
    url: '',
    port: 0,
    received,
    connections: 0,
    respond(r: Responder) {
      current = r;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on('connection', () => dest.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  dest.port = (server.address() as AddressInfo).port;
  dest.url = `http://127.0.0.1:${dest.port}`;
  return dest;
}
