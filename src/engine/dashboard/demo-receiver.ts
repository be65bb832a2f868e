import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A webhook receiver for the demo story: down for a while, then back. */
export interface DemoReceiver {
  url: string;
  /** While true, every delivery gets a 503, as from a service in maintenance. */
  setFailing(failing: boolean): void;
  close(): Promise<void>;
}

/** Starts the receiver on a free loopback port; it answers like a small Node webhook handler would. */
export async function startDemoReceiver(): Promise<DemoReceiver> {
  let failing = false;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (failing) {
        res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '60' });
        res.end(JSON.stringify({ error: 'ledger-sync is down for maintenance' }));
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ received: true }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/acme/webhooks`,
    setFailing: (f) => (failing = f),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
