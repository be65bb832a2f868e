#!/usr/bin/env node
// Runs Electronegativity (offline, assuming Electron 45) over the app's
// sources and fails on any high-severity finding. Lower findings are listed
// for review; the ones left are explained in docs/desktop.md.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Reads the findings off the tool's table: its CSV writer races its own
 * header write and can garble the first row, so the printed table is the
 * reliable record. Each finding is a block of rows between rules.
 */
export function parseTable(stdout) {
  const findings = [];
  let block = [];
  const flush = () => {
    const first = block[0];
    if (first && /^[A-Z0-9_]+_CHECK$/.test(first[0])) {
      const sev = block.map((r) => /^(INFORMATIONAL|LOW|MEDIUM|HIGH) \| (\w+)/.exec(r[0])).find(Boolean);
      findings.push({
        issue: first[0],
        file: first[1],
        location: first[2],
        severity: sev?.[1] ?? 'UNKNOWN',
        confidence: sev?.[2] ?? 'UNKNOWN',
        reviewRequired: block.some((r) => r[0].includes('Review Required')),
        url: first[3],
      });
    }
    block = [];
  };
  // eslint-disable-next-line no-control-regex -- strips the tool's ANSI colour codes
  for (const raw of stdout.replace(/\x1b\[[0-9;]*m/g, '').split('\n')) {
    if (/^[├└┌]/.test(raw)) flush();
    else if (raw.startsWith('│')) block.push(raw.split('│').slice(1, -1).map((c) => c.trim()));
  }
  flush();
  return findings.filter((f) => f.issue !== 'Check ID');
}

/** Scans `input` offline, assuming Electron 45, and resolves the findings. */
export function scan(input = join(ROOT, 'src')) {
  const bin = join(ROOT, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
  const res = spawnSync(process.execPath, [bin, '-i', input, '-e', '45.0.0', '-r', '-v', 'false'], {
    encoding: 'utf8',
    timeout: 5 * 60_000,
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  if (res.status !== 0 || !/check\(s\) successfully loaded/.test(res.stdout)) {
    throw new Error(`electronegativity did not run (exit ${res.status}): ${(res.stderr || res.stdout).trim().split('\n').at(-1)}`);
  }
  return parseTable(res.stdout);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const findings = scan(process.argv[2]);
  for (const f of findings) console.log(`${f.severity.padEnd(8)} ${f.issue.padEnd(22)} ${f.file}:${f.location}${f.reviewRequired ? '  (review required)' : ''}  ${f.url}`);
  const high = findings.filter((f) => f.severity === 'HIGH');
  console.log(`electronegativity: ${findings.length} finding(s), ${high.length} high`);
  process.exit(high.length > 0 ? 1 : 0);
}
