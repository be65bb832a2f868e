#!/usr/bin/env node
// The timeline's performance in Debian's Chromium against the built headless
// server: time to first rows on a fresh start with 100,000 entries in the
// database (BENCH_TIMELINE_ENTRIES=1000000 for a million), time until rows show
// after jumping anywhere in the list, and frame times while scrolling. Needs
// `electron-vite build` first (npm run bench does it).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { seedEntries } from './seed-entries.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TOKEN = 'bench-timeline-token';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function startServer(dbPath) {
  const child = spawn(process.execPath, [join(ROOT, 'out', 'main', 'cli.cjs'), 'serve', '--port', '0', '--db', dbPath], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, COUNTERFOIL_TOKEN: TOKEN },
  });
  return new Promise((resolveStart, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolveStart({ child, url: m[1] });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

async function stopServer(child) {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: Math.round(at(0.5)), p95: Math.round(at(0.95)), max: Math.round(sorted.at(-1)) };
}

/** Jumps to evenly spaced places in the list; for each, ms until no placeholder row is in view. */
function jumpThrough(page, jumps) {
  return page.evaluate(async (n) => {
    const el = document.querySelector('[data-testid="timeline-scroll"]');
    const times = [];
    for (let k = 0; k < n; k++) {
      const t0 = performance.now();
      el.scrollTop = Math.round((k / (n - 1)) * (el.scrollHeight - el.clientHeight));
      for (;;) {
        await new Promise((r) => requestAnimationFrame(r));
        const rows = el.querySelectorAll('[data-testid="timeline-row"]').length;
        const holes = el.querySelectorAll('.placeholder').length;
        if (rows > 0 && holes === 0) break;
        if (performance.now() - t0 > 10_000) throw new Error(`rows never arrived at jump ${k}`);
      }
      times.push(performance.now() - t0);
    }
    return times;
  }, jumps);
}

/** Scrolls steadily (as a wheel would) and records the time between frames. */
function smoothScroll(page, frames) {
  return page.evaluate(async (n) => {
    const el = document.querySelector('[data-testid="timeline-scroll"]');
    el.scrollTop = 0;
    const gaps = [];
    let last = performance.now();
    for (let i = 0; i < n; i++) {
      el.scrollTop += 240;
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      gaps.push(now - last);
      last = now;
    }
    return gaps;
  }, frames);
}

/** Runs the timeline benchmark and resolves its figures. */
export async function runTimelineBench({ entries = Number(process.env.BENCH_TIMELINE_ENTRIES ?? 100_000), jumps = 20, frames = 240 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'counterfoil-bench-timeline-'));
  const dbPath = join(dir, 'sandbox.db');
  let server;
  let browser;
  try {
    server = await startServer(dbPath);
    const seeded = await seedEntries(server.url, TOKEN, entries);
    // Measure a cold start: a fresh engine that has never read these entries.
    await stopServer(server.child);
    server = await startServer(dbPath);

    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const opened = performance.now();
    await page.goto(`${server.url}/?token=${TOKEN}`);
    await page.locator('[data-testid="timeline-row"]').first().waitFor();
    const firstRowsMs = Math.round(performance.now() - opened);
    // The same on the page's own clock, from navigation start (excludes the harness's round trips).
    const firstRowsPageMs = Math.round(await page.evaluate(() => performance.getEntriesByName('counterfoil:first-rows')[0]?.startTime ?? NaN));
    const jumpMs = stats(await jumpThrough(page, jumps));
    const frameMs = stats(await smoothScroll(page, frames));
    return { entries, seedSeconds: Math.round(seeded.ms / 100) / 10, firstRowsMs, firstRowsPageMs, jumpToRowsMs: jumpMs, scrollFrameMs: frameMs };
  } finally {
    await browser?.close();
    if (server) await stopServer(server.child);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(await runTimelineBench());
}
