import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { fixedClock } from '../../src/engine/clock.js';
import { expectMatchesSpec } from '../support/openapi.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { startServer, type TestServer } from '../support/server.js';

let s: TestServer;
let receiver: Receiver;
let secret: string;
beforeAll(async () => {
  s = await startServer({ clock: fixedClock() });
  receiver = await startReceiver();
  const ep = await s.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['identity.verification_session.verified', 'identity.verification_session.redacted', 'identity.verification_session.processing', 'identity.verification_session.requires_input'] });
  secret = ep.secret!;
});
afterAll(async () => {
  await s.close();
  await receiver.close();
});

const CONTROL = '/identity/verification_sessions';
const SESSION = '/v1/identity/verification_sessions/{session}';
const REPORT = '/v1/identity/verification_reports/{report}';

async function stripeError(p: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await p;
  } catch (e) {
    return e as Stripe.errors.StripeError;
  }
  throw new Error('expected the call to fail');
}

async function eventsOf(id: string): Promise<Stripe.Event[]> {
  const page = await s.stripe.events.list({ limit: 100 });
  return page.data.filter((e) => (e.data.object as { id: string }).id === id).reverse();
}

const advance = (seconds: number) => s.control('POST', '/clock/advance', { seconds });

describe('verification outcomes', () => {
  it('verify: verified with a report of the checks asked for and the test person', async () => {
    const vs = await s.stripe.identity.verificationSessions.create({ type: 'document', options: { document: { require_id_number: true, require_matching_selfie: true } } });
    const res = await s.control('POST', `${CONTROL}/${vs.id}/verify`, { simulate_delay: false });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('verified');
    const got = await s.stripe.identity.verificationSessions.retrieve(vs.id);
    expectMatchesSpec('GET', SESSION, got);
    expect(got.status).toBe('verified');
    expect(got.url).toBeNull();
    expect(got.client_secret).toBeNull();
    expect(got.verified_outputs).toMatchObject({ first_name: 'Jenny', last_name: 'Rosen', id_number_type: 'us_ssn', address: { country: 'US' } });
    // Stripe returns dob and id_number only when expanded.
    expect(got.verified_outputs).not.toHaveProperty('dob');
    expect(got.verified_outputs).not.toHaveProperty('id_number');
    const expanded = await s.stripe.identity.verificationSessions.retrieve(vs.id, { expand: ['verified_outputs.dob', 'verified_outputs.id_number', 'last_verification_report'] });
    expectMatchesSpec('GET', SESSION, expanded);
    expect(expanded.verified_outputs?.dob).toEqual({ day: 1, month: 1, year: 1990 });
    expect(expanded.verified_outputs?.id_number).toBe('000000000');
    const report = expanded.last_verification_report as Stripe.Identity.VerificationReport;
    expect(report.id).toMatch(/^vr_/);
    expect(report.document?.status).toBe('verified');
    expect(report.id_number?.status).toBe('verified');
    expect(report.selfie?.status).toBe('verified');
    expect(report.document).not.toHaveProperty('number');
    const r = await s.stripe.identity.verificationReports.retrieve(report.id, { expand: ['document.number', 'document.dob', 'document.expiration_date', 'id_number.id_number', 'id_number.dob'] });
    expectMatchesSpec('GET', REPORT, r);
    expect(r.document?.number).toBe('D1234567');
    expect(r.document?.expiration_date).toEqual({ day: 1, month: 1, year: 2036 });
    expect(r.id_number?.id_number).toBe('0000');
    expect(r.verification_session).toBe(vs.id);
    expect((await eventsOf(vs.id)).map((e) => e.type)).toEqual(['identity.verification_session.created', 'identity.verification_session.verified']);
  });

  it('expanding a field that is not expandable is Stripe 400', async () => {
    const vs = await s.stripe.identity.verificationSessions.create({ type: 'document' });
    await s.control('POST', `${CONTROL}/${vs.id}/verify`, {});
    const err = await stripeError(s.stripe.identity.verificationSessions.retrieve(vs.id, { expand: ['verified_outputs.first_name'] }));
    expect(err.statusCode).toBe(400);
    expect(err.param).toBe('expand');
  });

  it('an id_number session gets only an id_number check and no address', async () => {
    const vs = await s.stripe.identity.verificationSessions.create({ type: 'id_number' });
    await s.control('POST', `${CONTROL}/${vs.id}/verify`, {});
    const got = await s.stripe.identity.verificationSessions.retrieve(vs.id, { expand: ['last_verification_report'] });
    const report = got.last_verification_report as Stripe.Identity.VerificationReport;
    expect(report.type).toBe('id_number');
    expect(report.document).toBeUndefined();
    expect(report.id_number?.status).toBe('verified');
    expect(got.verified_outputs?.address).toBeNull();
  });

  it('unverify: back to requires_input with last_error, an unverified report and a fresh url', async () => {
    const vs = await s.stripe.identity.verificationSessions.create({ type: 'document' });
    const res = await s.control('POST', `${CONTROL}/${vs.id}/unverify`, { code: 'document_expired', simulate_delay: false });
    expect(res.status).toBe(200);
    const got = await s.stripe.identity.verificationSessions.retrieve(vs.id, { expand: ['last_verification_report'] });
    expectMatchesSpec('GET', SESSION, got);
    expect(got.status).toBe('requires_input');
    expect(got.last_error).toEqual({ code: 'document_expired', reason: 'The document is expired.' });
    expect(got.url).not.toBe(vs.url);
    expect(got.client_secret).not.toBe(vs.client_secret);
    const report = got.last_verification_report as Stripe.Identity.VerificationReport;
    expect(report.document?.status).toBe('unverified');
    expect(report.document?.error).toEqual({ code: 'document_expired', reason: 'The document is expired.' });
    // A retry can then succeed.
    await s.control('POST', `${CONTROL}/${vs.id}/verify`, {});
    expect((await s.stripe.identity.verificationSessions.retrieve(vs.id)).status).toBe('verified');
    expect((await eventsOf(vs.id)).map((e) => e.type)).toEqual([
      'identity.verification_session.created',
      'identity.verification_session.requires_input',
      'identity.verification_session.verified',
    ]);
  });

  it('unverify defaults to document_unverified_other; a session-level code writes no report', async () => {
    const vs = await s.stripe.identity.verificationSessions.create({ type: 'document' });
    await s.control('POST', `${CONTROL}/${vs.id}/unverify`, {});
    expect((await s.stripe.identity.verificationSessions.retrieve(vs.id)).last_error?.code).toBe('document_unverified_other');
    const vs2 = await s.stripe.identity.verificationSessions.create({ type: 'document' });
    await s.control('POST', `${CONTROL}/${vs2.id}/unverify`, { code: 'consent_declined' });
    const got = await s.stripe.identity.verificationSessions.retrieve(vs2.id);
    expect(got.last_error?.code).toBe('consent_declined');
    expect(got.last_verification_report).toBeNull();
  });

  it('a code that does not fit the session type or options is a 400 that changes nothing', async () => {
    const vs = await s.stripe.identity.verificationSessions.create({ type: 'document' });
    for (const code of ['selfie_face_mismatch', 'id_number_mismatch', 'email_unverified_other', 'no_such_code']) {
      const res = await s.control('POST', `${CONTROL}/${vs.id}/unverify`, { code });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ type: 'invalid_request_error', param: 'code' });
    }
    const idn = await s.stripe.identity.verificationSessions.create({ type: 'id_number' });
    expect((await s.control('POST', `${CONTROL}/${idn.id}/unverify`, { code: 'document_expired' })).status).toBe(400);
    expect((await s.control('POST', `${CONTROL}/${idn.id}/unverify`, { code: 'id_number_mismatch' })).status).toBe(200);
    expect(await s.stripe.identity.verificationSessions.retrieve(vs.id)).toEqual(vs);
    const reports = await s.stripe.identity.verificationReports.list({ verification_session: vs.id });
    expect(reports.data).toEqual([]);
  });

  it('simulate_delay: processing now, the outcome on the sandbox clock about a minute later', async () => {
    const vs = await s.stripe.identity.verificationSessions.create({ type: 'document' });
    const res = await s.control('POST', `${CONTROL}/${vs.id}/verify`, { simulate_delay: true });
    expect(res.body.status).toBe('processing');
    const processing = await s.stripe.identity.verificationSessions.retrieve(vs.id);
    expectMatchesSpec('GET', SESSION, processing);
    expect(processing.status).toBe('processing');
    // Not updatable, cancelable or redactable while processing.
    expect((await stripeError(s.stripe.identity.verificationSessions.update(vs.id, { metadata: { a: 'b' } }))).statusCode).toBe(400);
    expect((await stripeError(s.stripe.identity.verificationSessions.cancel(vs.id))).statusCode).toBe(400);
    expect((await stripeError(s.stripe.identity.verificationSessions.redact(vs.id))).statusCode).toBe(400);
    await advance(30);
    expect((await s.stripe.identity.verificationSessions.retrieve(vs.id)).status).toBe('processing');
    await advance(31);
    expect((await s.stripe.identity.verificationSessions.retrieve(vs.id)).status).toBe('verified');

    const failing = await s.stripe.identity.verificationSessions.create({ type: 'document' });
    await s.control('POST', `${CONTROL}/${failing.id}/unverify`, { code: 'document_type_not_supported', simulate_delay: true });
    await advance(60);
    const failed = await s.stripe.identity.verificationSessions.retrieve(failing.id);
    expect(failed.status).toBe('requires_input');
    expect(failed.last_error?.code).toBe('document_type_not_supported');
    expect((await eventsOf(failing.id)).map((e) => e.type)).toEqual([
      'identity.verification_session.created',
      'identity.verification_session.processing',
      'identity.verification_session.requires_input',
    ]);
  });

  it('a second delayed submission while processing is refused; verify finishes it at once', async () => {
    const vs = await s.stripe.identity.verificationSessions.create({ type: 'document' });
    await s.control('POST', `${CONTROL}/${vs.id}/unverify`, { simulate_delay: true });
    expect((await s.control('POST', `${CONTROL}/${vs.id}/verify`, { simulate_delay: true })).status).toBe(400);
    expect((await s.control('POST', `${CONTROL}/${vs.id}/verify`, { simulate_delay: false })).body.status).toBe('verified');
    await advance(120);
    // The pending failure was dropped: the session stays verified.
    expect((await s.stripe.identity.verificationSessions.retrieve(vs.id)).status).toBe('verified');
    expect((await s.control('POST', `${CONTROL}/${vs.id}/verify`, {})).status).toBe(400);
    expect((await s.control('POST', `${CONTROL}/nope/verify`, {})).status).toBe(404);
  });

  it('reports list filters by session, type, client_reference_id and created', async () => {
    const vs = await s.stripe.identity.verificationSessions.create({ type: 'document', client_reference_id: 'rep_ref' });
    await s.control('POST', `${CONTROL}/${vs.id}/unverify`, {});
    await s.control('POST', `${CONTROL}/${vs.id}/verify`, {});
    const list = await s.stripe.identity.verificationReports.list({ verification_session: vs.id });
    expectMatchesSpec('GET', '/v1/identity/verification_reports', list);
    expect(list.data.map((r) => r.document?.status)).toEqual(['verified', 'unverified']);
    expect((await s.stripe.identity.verificationReports.list({ client_reference_id: 'rep_ref' })).data).toHaveLength(2);
    expect((await s.stripe.identity.verificationReports.list({ verification_session: vs.id, type: 'id_number' })).data).toHaveLength(0);
    expect((await s.stripe.identity.verificationReports.list({ verification_session: vs.id, created: { lt: 0 } })).data).toHaveLength(0);
    const err = await stripeError(s.stripe.identity.verificationReports.retrieve('vr_missing'));
    expect(err.statusCode).toBe(404);
  });

  it('redact a verified session: [redacted] data, wiped metadata, processing then redacted on the clock', async () => {
    const vs = await s.stripe.identity.verificationSessions.create({ type: 'document', metadata: { secret: 'x' }, provided_details: { email: 'jenny@example.com' } });
    await s.control('POST', `${CONTROL}/${vs.id}/verify`, {});
    // A read of it just before: its log row waits for a commit, and must not keep what the redaction removes.
    expect((await s.stripe.identity.verificationSessions.retrieve(vs.id)).provided_details?.email).toBe('jenny@example.com');
    const redacted = await s.stripe.identity.verificationSessions.redact(vs.id);
    const loggedNow = await s.control('GET', `/dashboard/requests?q=${vs.id}`);
    expect(loggedNow.body.data.map((r: { method: string }) => r.method)).toContain('GET');
    for (const r of loggedNow.body.data) expect(JSON.stringify((await s.control('GET', `/dashboard/requests/${r.id}`)).body)).not.toContain('jenny@example.com');
    expectMatchesSpec('POST', `${SESSION}/redact`, redacted);
    expect(redacted.status).toBe('verified');
    expect(redacted.redaction).toEqual({ status: 'processing' });
    expect(redacted.metadata).toEqual({});
    expect(redacted.verified_outputs?.first_name).toBe('[redacted]');
    expect(redacted.verified_outputs?.address?.line1).toBe('[redacted]');
    expect(redacted.provided_details?.email).toBe('[redacted]');
    const exp = await s.stripe.identity.verificationSessions.retrieve(vs.id, { expand: ['verified_outputs.dob', 'last_verification_report.document.number'] });
    expect(exp.verified_outputs?.dob).toEqual({ day: null, month: null, year: null });
    const report = exp.last_verification_report as Stripe.Identity.VerificationReport;
    expect(report.document?.first_name).toBe('[redacted]');
    expect(report.document?.number).toBe('[redacted]');
    // Its events were redacted too.
    for (const e of await eventsOf(vs.id)) expect(JSON.stringify(e.data)).not.toContain('Jenny');
    // Redacted objects cannot be updated, redacted again or resubmitted.
    expect((await stripeError(s.stripe.identity.verificationSessions.redact(vs.id))).statusCode).toBe(400);
    expect((await s.control('POST', `${CONTROL}/${vs.id}/unverify`, {})).status).toBe(400);
    await advance(3600);
    const done = await s.stripe.identity.verificationSessions.retrieve(vs.id);
    expectMatchesSpec('GET', SESSION, done);
    expect(done.redaction).toEqual({ status: 'redacted' });
    // So were the request log's entries about it.
    const logged = await s.control('GET', `/dashboard/requests?q=${vs.id}`);
    expect(logged.body.data.length).toBeGreaterThan(0);
    for (const r of logged.body.data) expect(JSON.stringify((await s.control('GET', `/dashboard/requests/${r.id}`)).body)).not.toContain('jenny@example.com');
    expect((await eventsOf(vs.id)).map((e) => e.type).at(-1)).toBe('identity.verification_session.redacted');
  });

  it('redact in requires_input also cancels; redacting a canceled session is refused', async () => {
    const vs = await s.stripe.identity.verificationSessions.create({ type: 'document' });
    const r = await s.stripe.identity.verificationSessions.redact(vs.id);
    expect(r.status).toBe('canceled');
    expect(r.redaction?.status).toBe('processing');
    expect((await stripeError(s.stripe.identity.verificationSessions.update(vs.id, { metadata: { a: 'b' } }))).statusCode).toBe(400);
    const other = await s.stripe.identity.verificationSessions.create({ type: 'document' });
    await s.stripe.identity.verificationSessions.cancel(other.id);
    expect((await stripeError(s.stripe.identity.verificationSessions.redact(other.id))).statusCode).toBe(400);
    expect((await eventsOf(vs.id)).map((e) => e.type)).toEqual(['identity.verification_session.created', 'identity.verification_session.canceled']);
  });

  it('events are delivered to webhook endpoints with a signature the SDK accepts', async () => {
    const vs = await s.stripe.identity.verificationSessions.create({ type: 'document' });
    await s.control('POST', `${CONTROL}/${vs.id}/verify`, { simulate_delay: true });
    await advance(61);
    await s.engine.drainWebhooks();
    const types = receiver.received
      .map((r) => s.stripe.webhooks.constructEvent(r.body, r.headers['stripe-signature'] as string, secret))
      .filter((e) => (e.data.object as { id: string }).id === vs.id)
      .map((e) => e.type);
    expect(types).toEqual(['identity.verification_session.processing', 'identity.verification_session.verified']);
  });
});
