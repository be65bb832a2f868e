import type Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClockState } from '../../src/shared/clock-api.js';
import { fixedClock } from '../../src/engine/clock.js';
import type { ResourceModule } from '../../src/engine/context.js';
import { MAX_MOMENTS } from '../../src/engine/resources/sandbox/clock-controls.js';
import { label } from '../../src/engine/scheduler.js';
import { startReceiver } from '../support/receiver.js';
import { startServer, type TestServer } from '../support/server.js';
import { START, startTreasury, type TreasuryServer } from '../treasury/support.js';

const HOUR = 3600;
const DAY = 86_400;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function treasury(): Promise<TreasuryServer> {
  const server = await startTreasury();
  cleanups.push(() => server.close());
  return server;
}

async function advance(server: TestServer, body: object): Promise<ClockState> {
  const res = await server.control<ClockState>('POST', '/clock/advance', body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

function attemptsOf(server: TestServer, eventId: string): { at_ms: number; response_status: number }[] {
  return server.engine.core.db
    .prepare('SELECT at_ms, response_status FROM delivery_attempts WHERE event_id = ? ORDER BY seq')
    .all(eventId) as { at_ms: number; response_status: number }[];
}

function bankAccount(accountNumber: string) {
  return {
    type: 'us_bank_account' as const,
    us_bank_account: { routing_number: '110000000', account_number: accountNumber, account_holder_type: 'company' as const },
  };
}

describe('advancing the sandbox clock', () => {
  it('posts an outbound payment at its arrival moment, not at the end of a longer advance', async () => {
    const s = await treasury();
    const fa = await s.account();
    await s.fund(fa.id, 100_000);
    const obp = await s.stripe.treasury.outboundPayments.create({
      financial_account: fa.id, amount: 2_500, currency: 'usd', destination_payment_method_data: bankAccount('000123456789'),
    });
    // Created Thursday 1 Jan: ACH arrives two business days later, Monday 5 Jan 00:00.
    expect(obp.expected_arrival_date).toBe(START + 4 * DAY);
    const state = await advance(s, { seconds: 7 * DAY });
    const posted = await s.stripe.treasury.outboundPayments.retrieve(obp.id);
    expect(posted.status).toBe('posted');
    expect(posted.status_transitions.posted_at).toBe(START + 4 * DAY);
    const events = await s.stripe.events.list({ type: 'treasury.outbound_payment.posted' });
    expect(events.data.map((e) => e.created)).toEqual([START + 4 * DAY]);
    // The batch left at +1 h and the funding credit's reversal window closed: each at its own moment too.
    expect(state.now).toBe(START + 7 * DAY);
    expect(state.ran?.summary).toBe(
      "ran 3 jobs: 1 outbound payment submitted to the network, 1 outbound payment posted, 1 received credit's reversal window closed",
    );
    // Three moments of its own, plus the sandbox midnights that make a day reportable
    // (housekeeping: run on time, left out of the summary); the arrival at +4 days is one of them.
    expect(state.ran?.moments).toBe(3 + 7 - 2);
  });

  it('runs every webhook retry that falls inside a 7-hour advance, each at its own time', async () => {
    const s = await treasury();
    const receiver = await startReceiver();
    cleanups.push(() => receiver.close());
    receiver.respondWith(500);
    await s.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['treasury.financial_account.created'] });
    await s.account();
    await s.engine.drainWebhooks();
    const [event] = (await s.stripe.events.list({ type: 'treasury.financial_account.created' })).data;
    expect(attemptsOf(s, event.id)).toHaveLength(1);

    const state = await advance(s, { seconds: 7 * HOUR });
    // Default schedule 60 s, 5 min, 30 min, 1 h, 2 h, 3 h after each failure: all six fall inside 7 h.
    const offsets = [0, 60, 360, 2_160, 5_760, 12_960, 23_760];
    expect(attemptsOf(s, event.id).map((a) => (a.at_ms - START * 1000) / 1000)).toEqual(offsets);
    expect(receiver.received).toHaveLength(7);
    expect(state.ran).toMatchObject({
      jobs: 6, summary: 'ran 6 jobs: 6 webhook retries', moments: 6, webhook_attempts: 6, stopped_early: false,
      ran: [{ kind: 'webhook.retry', label: 'webhook retries', count: 6 }],
    });
    const delivery = s.engine.core.db.prepare('SELECT status, attempt_count FROM deliveries WHERE event_id = ?').get(event.id);
    expect(delivery).toEqual({ status: 'failed', attempt_count: 7 });
    expect(state.next_scheduled_at).toBeNull();
  });

  it('runs a job that an earlier job schedules inside the same advance, at its own moment', async () => {
    const s = await treasury();
    const fa = await s.account();
    const ibt = await s.stripe.treasury.inboundTransfers.create({
      financial_account: fa.id, amount: 9_000, currency: 'usd', origin_payment_method: 'pm_usBankAccount_dispute',
    });
    const state = await advance(s, { seconds: 7 * DAY });
    const after = await s.stripe.treasury.inboundTransfers.retrieve(ibt.id);
    // Settles Friday 2 Jan; the dispute it schedules comes back a business day later, Monday 5 Jan.
    expect(after.status_transitions.succeeded_at).toBe(START + DAY);
    expect(after.returned).toBe(true);
    const debit = await s.stripe.treasury.receivedDebits.retrieve(after.linked_flows.received_debit!);
    expect(debit.created).toBe(START + 4 * DAY);
    expect(state.ran?.ran).toEqual([
      { kind: 'treasury.inbound.settle', label: 'inbound transfer succeeded', count: 1 },
      { kind: 'treasury.inbound.settle', label: 'inbound transfer returned', count: 1 },
    ]);
  });

  it('gives the same moments whether an advance is one step or many', async () => {
    const one = await treasury();
    const many = await treasury();
    const run = async (s: TreasuryServer, steps: number[]) => {
      const fa = await s.account();
      await s.fund(fa.id, 50_000);
      const obp = await s.stripe.treasury.outboundPayments.create({
        financial_account: fa.id, amount: 1_000, currency: 'usd', destination_payment_method_data: bankAccount('000111111113'),
      });
      for (const seconds of steps) await advance(s, { seconds });
      return s.stripe.treasury.outboundPayments.retrieve(obp.id);
    };
    const a = await run(one, [6 * DAY]);
    const b = await run(many, [HOUR, 2 * DAY, 7, 4 * DAY - HOUR - 7]);
    expect(a.status).toBe('returned');
    expect(b.status_transitions).toEqual(a.status_transitions);
  });
});

describe('jumping to the next scheduled moment', () => {
  it('counts a webhook retry as scheduled, jumps to it and reports it', async () => {
    const server = await startServer({ clock: fixedClock(START) });
    cleanups.push(() => server.close());
    const receiver = await startReceiver();
    cleanups.push(() => receiver.close());
    receiver.respondWith(503);
    await server.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['*'] });
    const ep = await server.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['*'] });
    await server.control('POST', `/webhook_endpoints/${ep.id}/test`, { type: 'treasury.financial_account.created' });
    await server.engine.drainWebhooks();

    const before = (await server.control<ClockState>('GET', '/clock')).body;
    expect(before.next_scheduled_at).toBe(START + 60);
    expect(before.next_scheduled_ms).toBe((START + 60) * 1000);
    expect(before.scheduled).toEqual({ jobs: 0, webhook_retries: 1 });

    const jumped = await advance(server, { to_next: true });
    expect(jumped.now).toBe(START + 60);
    expect(jumped.ran).toMatchObject({ jobs: 1, summary: 'ran 1 job: 1 webhook retry', moments: 1 });
    expect(jumped.next_scheduled_at).toBe(START + 60 + 300);
    // The dashboard's info names the same next moment.
    const info = await server.control('GET', '/dashboard/info');
    expect(info.body.next_scheduled_ms).toBe((START + 360) * 1000);
  });

  it('refuses to jump when nothing is scheduled, and refuses a backwards advance, changing nothing', async () => {
    const server = await startServer({ clock: fixedClock(START) });
    cleanups.push(() => server.close());
    const jump = await server.control('POST', '/clock/advance', { to_next: true });
    expect(jump.status).toBe(400);
    expect(jump.body.error).toMatchObject({ type: 'invalid_request_error', message: expect.stringContaining('Nothing is scheduled') });
    const back = await server.control('POST', '/clock/advance', { seconds: -5 });
    expect(back.status).toBe(400);
    expect(back.body.error).toMatchObject({ type: 'invalid_request_error', param: 'seconds' });
    const missing = await server.control('POST', '/clock/advance', {});
    expect(missing.body.error).toMatchObject({ code: 'parameter_missing', param: 'seconds' });
    expect((await server.control<ClockState>('GET', '/clock')).body).toMatchObject({ now: START, offset_seconds: 0 });
  });
});

describe('what an advance reports', () => {
  const ticks: number[] = [];
  const tickModule: ResourceModule = {
    name: 'test-ticks',
    setup(core) {
      // A labelled kind that keeps rescheduling itself a second later, and one without a label.
      core.scheduler.on('test.tick', () => {
        ticks.push(core.clock.nowMs());
        core.scheduler.schedule('test.tick', core.clock.now() + 1, {});
      }, label('tick'));
      core.scheduler.on('test.plain', () => {});
    },
  };

  it('groups what ran by each kind’s own label, and names an unlabelled kind by its kind', async () => {
    const server = await startServer({ clock: fixedClock(START), modules: [tickModule] });
    cleanups.push(() => server.close());
    ticks.length = 0;
    const core = server.engine.core;
    core.scheduler.schedule('test.tick', START + 10, {});
    core.scheduler.schedule('test.plain', START + 11, {});
    const state = await advance(server, { seconds: 12 });
    expect(ticks).toEqual([10, 11, 12].map((t) => (START + t) * 1000));
    expect(state.ran?.summary).toBe('ran 4 jobs: 3 ticks, 1 test.plain');
    expect(state.ran?.moments).toBe(3);
  });

  it('stops at its bound of moments, at the last moment that ran, and says so', async () => {
    const server = await startServer({ clock: fixedClock(START), modules: [tickModule] });
    cleanups.push(() => server.close());
    ticks.length = 0;
    server.engine.core.scheduler.schedule('test.tick', START + 1, {});
    const state = await advance(server, { seconds: 10 * MAX_MOMENTS });
    expect(state.ran).toMatchObject({ stopped_early: true, moments: MAX_MOMENTS, jobs: MAX_MOMENTS });
    expect(state.now).toBe(START + MAX_MOMENTS);
    expect(ticks).toHaveLength(MAX_MOMENTS);
  }, 60_000);

  it('runs two advances sent at once one after the other', async () => {
    const server = await startServer({ clock: fixedClock(START), modules: [tickModule] });
    cleanups.push(() => server.close());
    ticks.length = 0;
    server.engine.core.scheduler.schedule('test.tick', START + 1, {});
    const [a, b] = await Promise.all([advance(server, { seconds: 5 }), advance(server, { seconds: 5 })]);
    expect([a.ran!.jobs + b.ran!.jobs, Math.max(a.now, b.now)]).toEqual([10, START + 10]);
    expect(new Set(ticks).size).toBe(10);
  });
});

export type { Stripe };
