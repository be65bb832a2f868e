import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// SQLite plans a statement with the value bound to a bare `LIMIT ?` (or `OFFSET ?`), so each new
// binding makes the next run prepare the statement again; the engine binds them as `${BOUND}`
// (store/statements.ts). A bare one slips back in easily: every list would pay for it.

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('bound limits', () => {
  it('no statement in the engine binds a bare LIMIT or OFFSET', () => {
    const bare = sources(join(__dirname, '../../src/engine')).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ where: `${file}:${i + 1}`, line }))
        .filter(({ line }) => /\b(LIMIT|OFFSET) \?(?![?\w])/.test(line) && !line.trim().startsWith('*')),
    );
    expect(bare).toEqual([]);
  });
});
