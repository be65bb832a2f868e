import { readFileSync } from 'node:fs';
import qs from 'qs';
import { TEST_KEY } from '../support/server.js';

interface Fixture {
  name: string;
  path: string;
  method: string;
  params?: Record<string, unknown>;
}

/** `${name:a.b.0}` → that field of an earlier response; `${.env:VAR}` → the environment. */
function resolve(value: unknown, results: Map<string, any>): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([^:}]+):([^}]+)\}/g, (_m, name: string, path: string) => {
      if (name === '.env') return process.env[path] ?? '';
      let v = results.get(name);
      for (const key of path.split('.')) v = v?.[key];
      if (v === undefined) throw new Error(`fixture reference \${${name}:${path}} is undefined`);
      return String(v);
    });
  }
  if (Array.isArray(value)) return value.map((v) => resolve(v, results));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, results)]));
  return value;
}

/** Runs a Stripe CLI-format fixture file against a server: API calls with the key, `/_counterfoil/` controls with the token. */
export async function runFixture(file: string, url: string, token: string): Promise<Map<string, any>> {
  const { fixtures } = JSON.parse(readFileSync(file, 'utf8')) as { fixtures: Fixture[] };
  const results = new Map<string, any>();
  for (const f of fixtures) {
    const params = resolve(f.params ?? {}, results) as Record<string, unknown>;
    const method = f.method.toUpperCase();
    const control = f.path.startsWith('/_counterfoil/');
    const path = resolve(f.path, results) as string;
    let res: Response;
    if (control) {
      res = await fetch(`${url}${path}`, {
        method,
        headers: { 'x-counterfoil-token': token, ...(method === 'GET' ? {} : { 'content-type': 'application/json' }) },
        body: method === 'GET' ? undefined : JSON.stringify(params),
      });
    } else {
      const form = qs.stringify(params, { arrayFormat: 'indices', encodeValuesOnly: true });
      res = await fetch(`${url}${path}${method === 'GET' && form ? `?${form}` : ''}`, {
        method,
        headers: { authorization: `Bearer ${TEST_KEY}`, ...(method === 'GET' ? {} : { 'content-type': 'application/x-www-form-urlencoded' }) },
        body: method === 'GET' ? undefined : form,
      });
    }
    const body = await res.json();
    if (!res.ok) throw new Error(`fixture ${f.name} (${method} ${path}) failed: ${res.status} ${JSON.stringify(body)}`);
    results.set(f.name, body);
  }
  return results;
}
