import { describe, expect, it } from 'vitest';
// @ts-expect-error — a plain .mjs script without type declarations
import { parseTable, scan } from '../../scripts/electronegativity.mjs';

interface Finding {
  issue: string;
  severity: string;
  file: string;
}

describe('electronegativity over the desktop app', () => {
  it('finds no high-severity problem in main, preload or the renderer', { timeout: 120_000 }, () => {
    const findings = scan() as Finding[];
    expect(findings.filter((f) => f.severity === 'HIGH')).toEqual([]);
    // The window is hardened: none of the checks for its webPreferences fire.
    const fired = new Set(findings.map((f) => f.issue));
    for (const check of ['CONTEXT_ISOLATION_JS_CHECK', 'NODE_INTEGRATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'AUXCLICK_JS_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK']) {
      expect(fired.has(check)).toBe(false);
    }
  });

  it('reads a high-severity finding off the tool’s table', () => {
    const table = [
      '┌──────────────┬──────────┬──────────┬───────┐',
      '│ Check ID     │ Affected File │ Location │ Issue │',
      '├──────────────┼──────────┼──────────┼───────┤',
      '│ NODE_INTEGRATION_JS_CHECK │ main/window.ts │ 3:1 │ https://git.io/x │',
      '│ HIGH | FIRM  │          │          │       │',
      '└──────────────┴──────────┴──────────┴───────┘',
    ].join('\n');
    expect(parseTable(table)).toEqual([
      expect.objectContaining({ issue: 'NODE_INTEGRATION_JS_CHECK', severity: 'HIGH', file: 'main/window.ts', location: '3:1' }),
    ]);
  });
});
