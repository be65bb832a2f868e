import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { fixedClock } from '../../src/engine/clock.js';
import { expectMatchesSpec } from '../support/openapi.js';
import { startServer, type TestServer } from '../support/server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startServer({ clock: fixedClock() });
});
afterAll(() => s.close());

const SESSION = '/v1/identity/verification_sessions/{session}';

async function stripeError(p: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await p;
  } catch (e) {
    return e as Stripe.errors.StripeError;
  }
  throw new Error('expected the call to fail');
}

async function eventsOf(id: string): Promise<string[]> {
  const page = await s.stripe.events.list({ limit: 100 });
  return page.data.filter((e) => (e.data.object as { id: string }).id === id).map((e) => e.type).reverse();
}

describe('verification sessions', () => {
  it('create starts in requires_input with a client secret and a hosted url on this server', async () => {
    const vs = await s.stripe.identity.verificationSessions.create({ type: 'document', metadata: { order: '42' }, client_reference_id: 'user_1' });
    expectMatchesSpec('POST', '/v1/identity/verification_sessions', vs);
    expect(vs.id).toMatch(/^vs_/);
    expect(vs.status).toBe('requires_input');
    expect(vs.client_secret).toMatch(new RegExp(`^${vs.id}_secret_test_`));
    expect(vs.url).toMatch(new RegExp(`^${s.url}/hosted/identity/test_[A-Za-z0-9_-]{20,}$`));
    expect(vs.options).toEqual({ document: {} });
    expect(vs.last_error).toBeNull();
    expect(await eventsOf(vs.id)).toEqual(['identity.verification_session.created']);
  });

  it('create without type or verification_flow is parameter_missing and writes nothing', async () => {
    const before = (await s.stripe.identity.verificationSessions.list({ limit: 100 })).data.length;
    const err = await stripeError(s.stripe.identity.verificationSessions.create({}));
    expect(err.statusCode).toBe(400);
    expect(err.type).toBe('StripeInvalidRequestError');
    expect(err.code).toBe('parameter_missing');
    expect(err.param).toBe('type');
    const bad = await stripeError(s.stripe.identity.verificationSessions.create({ type: 'passport' as 'document' }));
    expect(bad.param).toBe('type');
    expect((await s.stripe.identity.verificationSessions.list({ limit: 100 })).data.length).toBe(before);
  });

  it('options[document] on an id_number session is refused', async () => {
    const err = await stripeError(s.stripe.identity.verificationSessions.create({ type: 'id_number', options: { document: { require_matching_selfie: true } } }));
    expect(err.statusCode).toBe(400);
    expect(err.param).toBe('options[document]');
  });

  it('retrieve and update in requires_input; update merges metadata and options', async () => {
    const vs = await s.stripe.identity.verificationSessions.create({ type: 'document', metadata: { a: '1' } });
    const got = await s.stripe.identity.verificationSessions.retrieve(vs.id);
    expectMatchesSpec('GET', SESSION, got);
    expect(got).toEqual(vs);
    const up = await s.stripe.identity.verificationSessions.update(vs.id, {
      metadata: { b: '2' },
      options: { document: { require_matching_selfie: true, allowed_types: ['passport'] } },
      provided_details: { email: 'jenny@example.com' },
    });
    expectMatchesSpec('POST', SESSION, up);
    expect(up.metadata).toEqual({ a: '1', b: '2' });
    expect(up.options?.document).toEqual({ require_matching_selfie: true, allowed_types: ['passport'] });
    expect(up.provided_details).toEqual({ email: 'jenny@example.com' });
    const retyped = await s.stripe.identity.verificationSessions.update(vs.id, { type: 'id_number' });
    expect(retyped.type).toBe('id_number');
    expect(retyped.options).toEqual({ id_number: {} });
  });

  it('retrieve of an unknown session is resource_missing', async () => {
    const err = await stripeError(s.stripe.identity.verificationSessions.retrieve('vs_nope'));
    expect(err.statusCode).toBe(404);
    expect(err.code).toBe('resource_missing');
    expect(err.param).toBe('session');
  });

  it('list filters by status, client_reference_id and created', async () => {
    const a = await s.stripe.identity.verificationSessions.create({ type: 'document', client_reference_id: 'filter_me' });
    const b = await s.stripe.identity.verificationSessions.create({ type: 'id_number', client_reference_id: 'filter_me' });
    await s.stripe.identity.verificationSessions.cancel(b.id);
    const all = await s.stripe.identity.verificationSessions.list({ client_reference_id: 'filter_me' });
    expectMatchesSpec('GET', '/v1/identity/verification_sessions', all);
    expect(all.data.map((x) => x.id)).toEqual([b.id, a.id]);
    const canceled = await s.stripe.identity.verificationSessions.list({ client_reference_id: 'filter_me', status: 'canceled' });
    expect(canceled.data.map((x) => x.id)).toEqual([b.id]);
    const created = await s.stripe.identity.verificationSessions.list({ created: { gte: a.created }, limit: 100 });
    expect(created.data.map((x) => x.id)).toContain(a.id);
    const none = await s.stripe.identity.verificationSessions.list({ created: { gt: a.created + 1000 } });
    expect(none.data).toEqual([]);
    const paged = await s.stripe.identity.verificationSessions.list({ client_reference_id: 'filter_me', limit: 1 });
    expect(paged.has_more).toBe(true);
    const next = await s.stripe.identity.verificationSessions.list({ client_reference_id: 'filter_me', limit: 1, starting_after: paged.data[0].id });
    expect(next.data.map((x) => x.id)).toEqual([a.id]);
  });

  it('cancel only from requires_input; canceling twice is a 400 that changes nothing', async () => {
    const vs = await s.stripe.identity.verificationSessions.create({ type: 'document' });
    const canceled = await s.stripe.identity.verificationSessions.cancel(vs.id);
    expectMatchesSpec('POST', `${SESSION}/cancel`, canceled);
    expect(canceled.status).toBe('canceled');
    expect(canceled.url).toBeNull();
    const err = await stripeError(s.stripe.identity.verificationSessions.cancel(vs.id));
    expect(err.statusCode).toBe(400);
    expect(err.message).toContain('requires_input');
    const upd = await stripeError(s.stripe.identity.verificationSessions.update(vs.id, { metadata: { x: 'y' } }));
    expect(upd.statusCode).toBe(400);
    expect(await s.stripe.identity.verificationSessions.retrieve(vs.id)).toEqual(canceled);
    expect(await eventsOf(vs.id)).toEqual(['identity.verification_session.created', 'identity.verification_session.canceled']);
  });

  it('update with bad input is Stripe 400 and changes nothing', async () => {
    const vs = await s.stripe.identity.verificationSessions.create({ type: 'document', metadata: { a: '1' } });
    const long = await stripeError(s.stripe.identity.verificationSessions.update(vs.id, { metadata: { ['k'.repeat(41)]: 'v' } }));
    expect([long.statusCode, long.param]).toEqual([400, `metadata[${'k'.repeat(41)}]`]);
    const badType = await stripeError(
      s.stripe.identity.verificationSessions.update(vs.id, { options: { document: { allowed_types: ['library_card' as 'passport'] } } }),
    );
    expect(badType.statusCode).toBe(400);
    expect(badType.param).toBe('options[document][allowed_types][0]');
    const unknown = await stripeError(s.stripe.identity.verificationSessions.update(vs.id, { colour: 'red' } as object));
    expect(unknown.code).toBe('parameter_unknown');
    expect(await s.stripe.identity.verificationSessions.retrieve(vs.id)).toEqual(vs);
  });

  it('a verification_flow session runs as a document check; type and flow together are refused', async () => {
    const vs = await s.stripe.identity.verificationSessions.create({ verification_flow: 'vf_1Test' });
    expectMatchesSpec('POST', '/v1/identity/verification_sessions', vs);
    expect(vs.type).toBe('verification_flow');
    expect(vs.verification_flow).toBe('vf_1Test');
    const both = await stripeError(s.stripe.identity.verificationSessions.create({ type: 'document', verification_flow: 'vf_1Test' }));
    expect(both.statusCode).toBe(400);
  });

  it('an Idempotency-Key replays the create instead of making a second session', async () => {
    const a = await s.stripe.identity.verificationSessions.create({ type: 'document', client_reference_id: 'idem' }, { idempotencyKey: 'vs-idem-1' });
    const b = await s.stripe.identity.verificationSessions.create({ type: 'document', client_reference_id: 'idem' }, { idempotencyKey: 'vs-idem-1' });
    expect(b.id).toBe(a.id);
    expect((await s.stripe.identity.verificationSessions.list({ client_reference_id: 'idem' })).data).toHaveLength(1);
  });
});
