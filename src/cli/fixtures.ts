import qs from 'qs';

/** A fixture file in the Stripe CLI's format (`stripe fixtures FILE`). */
export interface FixtureFile {
  _meta?: { template_version?: number; exclude_metadata?: boolean };
  fixtures: FixtureStep[];
}

/** One request of a fixture file. */
export interface FixtureStep {
  name: string;
  path: string;
  method?: string;
  params?: Record<string, unknown>;
}

/** Where and as whom fixtures run. */
export interface FixtureTarget {
  /** `http://127.0.0.1:12111` */
  apiBase: string;
  /** The secret key for `/v1` requests. */
  key: string;
  /** The dashboard token for `/_counterfoil/` controls. */
  token?: string;
  /** What `${.env:VAR}` reads; defaults to the process environment. */
  env?: Record<string, string | undefined>;
  /** Told of every request once it answered. */
  onStep?(step: { name: string; method: string; path: string; status: number; body: unknown }): void;
}

/** A fixture file that cannot be run, or a step the server refused: names the fixture and the field. */
export class FixtureError extends Error {}

const METHODS = new Set(['get', 'post', 'delete']);
const REF = /\$\{([^}:]*):([^}]*)\}/g;
const WHOLE_REF = /^\$\{([^}:]*):([^}]*)\}$/;

/** Checks a parsed file's shape; throws a FixtureError naming the fixture and field at fault. */
export function parseFixtureFile(value: unknown, source = 'fixture file'): FixtureFile {
  if (!value || typeof value !== 'object' || !Array.isArray((value as FixtureFile).fixtures)) {
    throw new FixtureError(`${source}: expected an object with a "fixtures" array`);
  }
  const seen = new Set<string>();
  (value as FixtureFile).fixtures.forEach((step, i) => {
    const where = `${source}: fixtures[${i}]${step && typeof step.name === 'string' ? ` (${step.name})` : ''}`;
    if (!step || typeof step !== 'object') throw new FixtureError(`${where}: expected an object`);
    if (typeof step.name !== 'string' || !step.name) throw new FixtureError(`${where}: "name" must be a non-empty string`);
    if (seen.has(step.name)) throw new FixtureError(`${where}: "name" ${step.name} is used twice`);
    seen.add(step.name);
    if (typeof step.path !== 'string' || !step.path.startsWith('/')) throw new FixtureError(`${where}: "path" must start with /`);
    if (step.method !== undefined && !METHODS.has(String(step.method).toLowerCase())) {
      throw new FixtureError(`${where}: "method" must be get, post or delete`);
    }
    if (step.params !== undefined && (typeof step.params !== 'object' || Array.isArray(step.params))) {
      throw new FixtureError(`${where}: "params" must be an object`);
    }
  });
  return value as FixtureFile;
}

/** Reads `a.b.0.c` out of a response. */
function dig(value: unknown, path: string): unknown {
  let cur: unknown = value;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function resolveRef(name: string, path: string, results: Map<string, unknown>, target: FixtureTarget, where: string): unknown {
  if (name === '.env') {
    const [variable, fallback] = path.split('|');
    const v = (target.env ?? process.env)[variable] ?? fallback;
    if (v === undefined) throw new FixtureError(`${where}: environment variable ${variable} is not set`);
    return v;
  }
  if (!results.has(name)) throw new FixtureError(`${where}: \${${name}:${path}} names no earlier fixture`);
  const v = dig(results.get(name), path);
  if (v === undefined) throw new FixtureError(`${where}: \${${name}:${path}} is not in ${name}'s response`);
  return v;
}

/** Replaces `${name:path}` references; a string that is one reference takes the value as it is. */
function substitute(value: unknown, results: Map<string, unknown>, target: FixtureTarget, where: string): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE_REF.exec(value);
    if (whole) return resolveRef(whole[1], whole[2], results, target, where);
    return value.replace(REF, (_m, name: string, path: string) => String(resolveRef(name, path, results, target, where)));
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, results, target, where));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, results, target, where)]));
  }
  return value;
}

/**
 * Runs every fixture in order against a running sandbox: `/v1` paths as API
 * requests with the secret key (form-encoded, as the SDKs send them),
 * `/_counterfoil/` paths as controls with the dashboard token (JSON). Resolves
 * each fixture's response by name; a refused request stops the run.
 */
export async function runFixtures(file: FixtureFile, target: FixtureTarget): Promise<Map<string, unknown>> {
  const results = new Map<string, unknown>();
  for (const step of file.fixtures) {
    const where = `fixture ${step.name}`;
    const method = (step.method ?? 'post').toUpperCase();
    const path = substitute(step.path, results, target, where) as string;
    const params = substitute(step.params ?? {}, results, target, where) as Record<string, unknown>;
    const control = path.startsWith('/_counterfoil/');
    const headers: Record<string, string> = control
      ? { 'x-counterfoil-token': target.token ?? '' }
      : { authorization: `Bearer ${target.key}` };
    let url = `${target.apiBase}${path}`;
    let body: string | undefined;
    if (method === 'POST') {
      body = control ? JSON.stringify(params) : qs.stringify(params, { arrayFormat: 'indices' });
      headers['content-type'] = control ? 'application/json' : 'application/x-www-form-urlencoded';
    } else if (Object.keys(params).length > 0) {
      url += `${url.includes('?') ? '&' : '?'}${qs.stringify(params, { arrayFormat: 'indices' })}`;
    }
    let res: Response;
    try {
      res = await fetch(url, { method, headers, body });
    } catch (err) {
      throw new FixtureError(`${where}: no Counterfoil answered at ${target.apiBase} (${(err as Error).message})`);
    }
    const text = await res.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      // Not JSON (a file's contents, say): kept as text.
    }
    target.onStep?.({ name: step.name, method, path, status: res.status, body: json });
    if (!res.ok) {
      const message = (json as { error?: { message?: string } })?.error?.message ?? text.slice(0, 200);
      throw new FixtureError(`${where}: ${method} ${path} answered ${res.status}: ${message}`);
    }
    results.set(step.name, json);
  }
  return results;
}
