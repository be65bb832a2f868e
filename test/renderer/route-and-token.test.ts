import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from '../../src/renderer/app/route.js';
import { readTokenInput } from '../../src/renderer/app/token-input.js';

describe('deep-link routes', () => {
  it('round-trips every view, the inspector tab and the selection', () => {
    const routes = [
      { view: 'timeline' as const },
      { view: 'inspector' as const, tab: 'deliveries' as const, id: 'whdel_1abc' },
      { view: 'inspector' as const, tab: 'requests' as const },
      { view: 'objects' as const, id: 'obp_1xyz' },
      { view: 'webhooks' as const, id: 'we_1q' },
      { view: 'controls' as const },
    ];
    for (const r of routes) expect(parseRoute(formatRoute(r))).toEqual({ id: undefined, ...(r.view === 'inspector' ? { tab: 'requests' } : {}), ...r });
  });

  it('an unknown or empty hash is no route, and an unknown inspector tab falls back to requests', () => {
    expect(parseRoute('')).toBeNull();
    expect(parseRoute('#/nowhere/x')).toBeNull();
    expect(parseRoute('#/inspector/bogus')).toEqual({ view: 'inspector', tab: 'requests', id: undefined });
  });
});

describe('pasted token', () => {
  it('reads the URL out of the whole line the server prints, or a bare token', () => {
    const line = 'Counterfoil listening on http://127.0.0.1:12111 (db /tmp/x.db) — dashboard: http://127.0.0.1:12111/?token=abc123def456';
    expect(readTokenInput(line)).toEqual({ token: 'abc123def456', origin: 'http://127.0.0.1:12111' });
    expect(readTokenInput('  http://localhost:9/?token=tok-en_1234  ')).toEqual({ token: 'tok-en_1234', origin: 'http://localhost:9' });
    expect(readTokenInput('abc123def456')).toEqual({ token: 'abc123def456', origin: null });
    expect(readTokenInput('not a token!')).toBeNull();
    expect(readTokenInput('http://127.0.0.1:12111/')).toBeNull();
  });
});
