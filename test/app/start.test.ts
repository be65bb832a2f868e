import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const dir = mkdtempSync(join(tmpdir(), 'counterfoil-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the desktop build', () => {
  it.runIf(existsSync(join(ROOT, 'out', 'main')))('has the main script package.json names, beside the preload it loads', () => {
    const { main } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string };
    expect(existsSync(join(ROOT, main))).toBe(true);
    expect(readFileSync(join(ROOT, main), 'utf8')).toContain('"preload", "index.cjs"');
    expect(existsSync(join(ROOT, 'out', 'preload', 'index.cjs'))).toBe(true);
  });
});

describe('npm start where no window can open', () => {
  it('says why in one line and serves the same dashboard headless, printing the URL to open', async () => {
    const env = { ...process.env };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs'), '--no-build', '--port', '0', '--db', join(dir, 'sandbox.db')], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    try {
      const url = await new Promise<string>((resolveUrl, reject) => {
        child.stdout.on('data', () => {
          const m = /dashboard: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
          if (m) resolveUrl(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      const lines = out.trim().split('\n');
      expect(lines[0]).toMatch(/^counterfoil: the desktop window cannot open here — no display .*Serving the same dashboard headless/);
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root"');
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  });
});
