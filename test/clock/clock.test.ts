import { describe, expect, it } from 'vitest';
import { createClock } from '../../src/engine/clock.js';
import { label, Scheduler } from '../../src/engine/scheduler.js';
import { summarize } from '../../src/engine/resources/sandbox/clock-controls.js';

/** A scheduler on an in-memory jobs table, with the clock standing at 10 s. */
async function memoryScheduler() {
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(':memory:');
  db.exec('CREATE TABLE jobs (id INTEGER PRIMARY KEY AUTOINCREMENT, run_at_ms INTEGER NOT NULL, kind TEXT NOT NULL, payload TEXT NOT NULL)');
  return { db, scheduler: new Scheduler(db, createClock({ realNowMs: () => 10_000 })) };
}

describe('the clock', () => {
  it('holds a moment while real time passes, then runs on from it; never goes back', () => {
    let real = 1_000_000;
    const saved: number[] = [];
    const clock = createClock({ realNowMs: () => real, onChange: (o) => saved.push(o) });
    clock.hold(1_005_000);
    real += 700;
    expect(clock.nowMs()).toBe(1_005_000);
    clock.hold(1_002_000); // earlier than now: ignored
    expect(clock.nowMs()).toBe(1_005_000);
    clock.advance(1);
    expect(clock.nowMs()).toBe(1_006_000);
    clock.release();
    real += 300;
    expect(clock.nowMs()).toBe(1_006_300);
    expect(clock.offsetMs()).toBe(saved.at(-1));
    clock.reset();
    expect(clock.nowMs()).toBe(real);
    expect(saved.at(-1)).toBe(0);
  });
});

describe('job labels', () => {
  it('reads "ran N jobs: …" with singular and plural labels', () => {
    expect(summarize([])).toBe('nothing was due');
    expect(summarize([{ kind: 'a', label: 'webhook retry', count: 1 }])).toBe('ran 1 job: 1 webhook retry');
    expect(
      summarize([
        { kind: 'webhook.retry', label: 'webhook retries', count: 2 },
        { kind: 'x', label: 'outbound payment posted', count: 1 },
      ]),
    ).toBe('ran 3 jobs: 2 webhook retries, 1 outbound payment posted');
    expect(label('tick')).toEqual({ one: 'tick', many: 'ticks' });
  });

  it('labels a job from its payload after it ran, and falls back to the kind when the labeller throws', async () => {
    const { db, scheduler } = await memoryScheduler();
    const done = new Set<string>();
    scheduler.on('thing', (p: { id: string }) => done.add(p.id), (p: { id: string }) => label(done.has(p.id) ? `thing ${p.id} done` : 'not yet'));
    scheduler.on('odd', () => {}, () => {
      throw new Error('no label');
    });
    scheduler.schedule('thing', 5, { id: 'a' });
    scheduler.schedule('odd', 6, {});
    scheduler.schedule('thing', 20, { id: 'b' });
    expect(scheduler.runDue().map((r) => r.label.one)).toEqual(['thing a done', 'odd']);
    expect(scheduler.pending()).toBe(1);
    expect(scheduler.nextRunAtMs()).toBe(20_000);
    scheduler.stop();
    db.close();
  });
});

describe('jobs falling due in real time', () => {
  it('run in short slices, so what else waits on the event loop gets in between, and all of them run', async () => {
    const { db, scheduler } = await memoryScheduler();
    let ran = 0;
    scheduler.on('slow', () => {
      const until = performance.now() + 4;
      while (performance.now() < until) {
        // a job that takes 4 ms
      }
      ran++;
    });
    for (let i = 0; i < 40; i++) scheduler.schedule('slow', 5, {});
    // The schedule armed a timer: 40 jobs × 4 ms would hold the loop for 160 ms in one go.
    const seenBetween: number[] = [];
    const probe = setInterval(() => seenBetween.push(ran), 1);
    while (ran < 40) await new Promise((r) => setTimeout(r, 5));
    clearInterval(probe);
    expect(ran).toBe(40);
    expect(scheduler.pending()).toBe(0);
    // The probe ran while jobs were still left: between slices, not only before and after.
    expect(seenBetween.some((n) => n > 0 && n < 40)).toBe(true);
    scheduler.stop();
    db.close();
  });
});
