/// <reference types="vite/client" />
import { CliError } from './client.js';
import { parseFixtureFile, type FixtureFile } from './fixtures.js';

/** The built-in trigger fixtures, one per event type, bundled at build time. */
const FILES = import.meta.glob<unknown>('../../resources/fixtures/triggers/*.json', { eager: true, import: 'default' });

const TRIGGERS = new Map(
  Object.entries(FILES).map(([path, json]) => {
    const type = path.split('/').pop()!.replace(/\.json$/, '');
    return [type, json] as const;
  }),
);

/** Every event type `trigger` can produce, sorted. */
export function triggerTypes(): string[] {
  return [...TRIGGERS.keys()].sort();
}

/** The fixture that produces an event type (a fresh copy), if there is one. */
export function triggerFixture(type: string): FixtureFile | undefined {
  const json = TRIGGERS.get(type);
  return json === undefined ? undefined : parseFixtureFile(structuredClone(json), `trigger ${type}`);
}

/** `name:a.b[c]` → fixture name and the key path inside its params. */
function target(spec: string, flag: string): { name: string; path: string[] } {
  const colon = spec.indexOf(':');
  if (colon <= 0) throw new CliError(`${flag} takes fixture:path.to.key (e.g. outbound_payment:amount), got '${spec}'`);
  const path = spec
    .slice(colon + 1)
    .replace(/\[([^\]]*)\]/g, '.$1')
    .split('.')
    .filter(Boolean);
  if (path.length === 0) throw new CliError(`${flag} '${spec}' names no key after the ':'`);
  return { name: spec.slice(0, colon), path };
}

function stepOf(file: FixtureFile, name: string, flag: string) {
  const step = file.fixtures.find((s) => s.name === name);
  if (!step) throw new CliError(`${flag}: no fixture named '${name}' (this one has ${file.fixtures.map((s) => s.name).join(', ')})`);
  return step;
}

/**
 * Applies the Stripe CLI's `--add name:key=value`, `--override name:key=value`
 * and `--remove name:key` to a fixture file's params, in place.
 */
export function applyEdits(file: FixtureFile, edits: { add?: string[]; override?: string[]; remove?: string[] }): FixtureFile {
  const set = (flag: string, spec: string, mustExist: boolean) => {
    const eq = spec.indexOf('=');
    if (eq < 0) throw new CliError(`${flag} takes fixture:key=value, got '${spec}'`);
    const { name, path } = target(spec.slice(0, eq), flag);
    const step = stepOf(file, name, flag);
    let obj = (step.params ??= {}) as Record<string, unknown>;
    for (const key of path.slice(0, -1)) {
      if (typeof obj[key] !== 'object' || obj[key] === null) obj[key] = {};
      obj = obj[key] as Record<string, unknown>;
    }
    const last = path[path.length - 1];
    if (mustExist && !(last in obj)) {
      throw new CliError(`${flag}: fixture '${name}' has no param ${path.join('.')} to override (use --add to add one)`);
    }
    obj[last] = spec.slice(eq + 1);
  };
  for (const spec of edits.add ?? []) set('--add', spec, false);
  for (const spec of edits.override ?? []) set('--override', spec, true);
  for (const spec of edits.remove ?? []) {
    const { name, path } = target(spec, '--remove');
    const step = stepOf(file, name, '--remove');
    let obj = (step.params ?? {}) as Record<string, unknown>;
    for (const key of path.slice(0, -1)) obj = (obj[key] ?? {}) as Record<string, unknown>;
    delete obj[path[path.length - 1]];
  }
  return file;
}
