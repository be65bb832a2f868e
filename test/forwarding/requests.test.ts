import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import type { Change } from '../../src/engine/changes.js';
import { fixedClock } from '../../src/engine/clock.js';
import { expectMatchesSpec } from '../support/openapi.js';
import { rawApi, startServer, type TestServer } from '../support/server.js';
import { startDestination, type Destination } from './destination.js';

let server: TestServer;
let stripe: Stripe;
let dest: Destination;
let url: string;

beforeAll(async () => {
  [server, dest] = await Promise.all([startServer({ clock: fixedClock() }), startDestination()]);
  stripe = server.stripe;
  url = `${dest.url}/authorize`;
  await server.control('POST', '/forwarding/configs', { url, replacements: { card_number: 'pan' } });
});
afterAll(async () => {
  await server.close();
  await dest.close();
});

const form = (reference: string) =>
  new URLSearchParams({
    payment_method: 'pm_card_visa',
    url,
    'replacements[0]': 'card_number',
    'request[body]': JSON.stringify({ reference }),
    'metadata[order]': reference,
  }).toString();

const countFor = (reference: string) => dest.received.filter((r) => r.body.includes(`"${reference}"`)).length;

describe('forwarding: idempotency', () => {
  it('a replayed Idempotency-Key returns the stored result without sending again', async () => {
    const first = await rawApi(server.url, 'POST', '/v1/forwarding/requests', form('idem-1'), { 'idempotency-key': 'k-1' });
    const second = await rawApi(server.url, 'POST', '/v1/forwarding/requests', form('idem-1'), { 'idempotency-key': 'k-1' });
    expect(first.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(countFor('idem-1')).toBe(1);
    expect(first.body.metadata).toEqual({ order: 'idem-1' });
  });

  it('concurrent requests with one key send exactly once', async () => {
    dest.respond((req, res) => setTimeout(() => res.end('{"ok":true}'), 100));
    const results = await Promise.all(
      [1, 2, 3].map(() => rawApi(server.url, 'POST', '/v1/forwarding/requests', form('idem-2'), { 'idempotency-key': 'k-2' })),
    );
    expect(countFor('idem-2')).toBe(1);
    const ok = results.filter((r) => r.status === 200);
    const busy = results.filter((r) => r.status === 409);
    expect(ok.length).toBe(1);
    expect(busy.map((r) => r.body.error.code)).toEqual(['idempotency_key_in_use', 'idempotency_key_in_use']);
    const later = await rawApi(server.url, 'POST', '/v1/forwarding/requests', form('idem-2'), { 'idempotency-key': 'k-2' });
    expect(later.body.id).toBe(ok[0].body.id);
    expect(countFor('idem-2')).toBe(1);
  });

  it('a failed forward (timeout) replays its error instead of sending again', async () => {
    const slowUrl = `${dest.url}/slow`;
    await server.control('POST', '/forwarding/configs', { url: slowUrl, replacements: { card_number: 'pan' }, timeout_ms: 100 });
    dest.respond(() => {
      /* no answer */
    });
    const body = form('idem-3').replace(encodeURIComponent(url), encodeURIComponent(slowUrl));
    const a = await rawApi(server.url, 'POST', '/v1/forwarding/requests', body, { 'idempotency-key': 'k-3' });
    const b = await rawApi(server.url, 'POST', '/v1/forwarding/requests', body, { 'idempotency-key': 'k-3' });
    expect(a.status).toBe(424);
    expect(b.body).toEqual(a.body);
    expect(countFor('idem-3')).toBe(1);
  });
});

describe('forwarding: retrieve, list, log and live stream', () => {
  it('list pages newest first with starting_after/ending_before and filters by created', async () => {
    dest.respond((req, res) => res.end('{}'));
    const made: string[] = [];
    const times: number[] = [];
    for (const ref of ['l-1', 'l-2', 'l-3']) {
      server.engine.core.clock.advance(10);
      const fr = await stripe.forwarding.requests.create({ payment_method: 'pm_card_visa', url, replacements: ['card_number'], request: { body: `{"r":"${ref}"}` } });
      made.push(fr.id);
      times.push(fr.created);
    }
    const page1 = await stripe.forwarding.requests.list({ limit: 2 });
    expectMatchesSpec('GET', '/v1/forwarding/requests', page1);
    expect(page1.data.map((f) => f.id)).toEqual([made[2], made[1]]);
    expect(page1.has_more).toBe(true);
    expect(page1.url).toBe('/v1/forwarding/requests');
    const page2 = await stripe.forwarding.requests.list({ limit: 2, starting_after: made[1] });
    expect(page2.data[0].id).toBe(made[0]);
    const back = await stripe.forwarding.requests.list({ limit: 1, ending_before: made[1] });
    expect(back.data.map((f) => f.id)).toEqual([made[2]]);
    const middle = await stripe.forwarding.requests.list({ created: { gt: times[0], lte: times[1] } });
    expect(middle.data.map((f) => f.id)).toEqual([made[1]]);
    const newest = await stripe.forwarding.requests.list({ created: { gte: times[2] } });
    expect(newest.data.map((f) => f.id)).toEqual([made[2]]);
    const all = [];
    for await (const f of stripe.forwarding.requests.list({ limit: 2 })) all.push(f.id);
    expect(all).toEqual(expect.arrayContaining(made));
  });

  it('an unknown id is resource_missing', async () => {
    const err = await stripe.forwarding.requests.retrieve('fwdreq_nope').catch((e) => e);
    expect(err.statusCode).toBe(404);
    expect(err.raw.code).toBe('resource_missing');
  });

  it('each forward is pushed on the live stream and appears in the request log', async () => {
    const seen: Change[] = [];
    const unsubscribe = server.engine.core.changes.subscribe((c) => seen.push(c));
    const fr = await stripe.forwarding.requests.create({ payment_method: 'pm_card_visa', url, replacements: ['card_number'], request: { body: '{}' } });
    unsubscribe();
    expect(seen).toContainEqual({ kind: 'forwarding', id: fr.id });
    server.engine.flushLog();
    const row = server.engine.core.db.prepare('SELECT path, status FROM request_log WHERE object_id = ?').get(fr.id);
    expect(row).toEqual({ path: '/v1/forwarding/requests', status: 200 });
  });
});
