import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A receiver that answers 500 to the first `failures` deliveries of each event, then 200. */
export interface FlakyReceiver {
  url: string;
  /** Event ids in the order their requests arrived. */
  received: string[];
  close(): Promise<void>;
}

export async function startFlakyReceiver(failures: number): Promise<FlakyReceiver> {
  const seen = new Map<string, number>();
  const received: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const id = (JSON.parse(body) as { id: string }).id;
      received.push(id);
      const n = (seen.get(id) ?? 0) + 1;
      seen.set(id, n);
      res.writeHead(n <= failures ? 500 : 200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
