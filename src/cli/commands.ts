import { readFileSync } from 'node:fs';
import { CliError, Sandbox, nearMatches, stamp, type ConnectionFlags } from './client.js';
import { FixtureError, parseFixtureFile, runFixtures, type FixtureFile } from './fixtures.js';
import { EVENT_TYPES } from '../engine/spec.js';
import { applyEdits, triggerFixture, triggerTypes } from './triggers.js';

type Out = (line: string) => void;

export interface EditFlags {
  add?: string[];
  override?: string[];
  remove?: string[];
}

/** Runs a fixture file, printing each request and its result; returns the responses by fixture name. */
async function run(sandbox: Sandbox, file: FixtureFile, out: Out): Promise<Map<string, unknown>> {
  const needsToken = file.fixtures.some((s) => s.path.startsWith('/_counterfoil/'));
  const token = needsToken ? sandbox.token() : undefined;
  try {
    return await runFixtures(file, {
      apiBase: sandbox.apiBase,
      key: sandbox.key,
      token,
      onStep: (s) => {
        const id = (s.body as { id?: unknown })?.id;
        out(`Running fixture for: ${s.name} — ${s.method} ${s.path} [${s.status}]${typeof id === 'string' ? ` ${id}` : ''}`);
      },
    });
  } catch (err) {
    if (err instanceof FixtureError) {
      if (/no Counterfoil answered/.test(err.message)) {
        throw new CliError(`no Counterfoil is running at ${sandbox.apiBase}: start one with \`counterfoil serve\`, or point --api-base at it`);
      }
      if (/answered 401/.test(err.message) && needsToken) {
        throw new CliError(`${err.message} — pass --token T or set COUNTERFOIL_TOKEN`);
      }
      throw new CliError(err.message);
    }
    throw err;
  }
}

/** `counterfoil trigger EVENT` / `--list`. */
export async function trigger(event: string | undefined, flags: ConnectionFlags & EditFlags & { list?: boolean }, out: Out = console.log): Promise<void> {
  if (flags.list || !event) {
    if (!flags.list) throw new CliError('trigger needs an event type (see `counterfoil trigger --list`)');
    out('Supported events:');
    for (const type of triggerTypes()) out(`  ${type}`);
    return;
  }
  const file = triggerFixture(event);
  if (!file) {
    if (EVENT_TYPES.includes(event)) {
      throw new CliError(`${event} is an event of an API group this sandbox does not serve yet, so there is no fixture for it (\`counterfoil trigger --list\` shows every supported event)`);
    }
    const near = nearMatches(event, triggerTypes());
    throw new CliError(`unknown event '${event}'${near.length ? `; did you mean ${near.join(', ')}?` : ''} (\`counterfoil trigger --list\` shows every supported event)`);
  }
  applyEdits(file, flags);
  const sandbox = new Sandbox(flags);
  const before = await sandbox.api<{ data: { id: string }[] }>('GET', '/v1/events', { type: event, limit: 1 });
  out(`Setting up fixture for: ${event}`);
  await run(sandbox, file, out);
  const after = await sandbox.api<{ data: { id: string }[] }>('GET', '/v1/events', { type: event, limit: 100 });
  const fresh: string[] = [];
  for (const e of after.data) {
    if (e.id === before.data[0]?.id) break;
    fresh.push(e.id);
  }
  if (fresh.length === 0) throw new CliError(`the fixture ran, but the sandbox emitted no ${event} event`);
  out(`Trigger succeeded! ${event} [${fresh.reverse().join(', ')}]`);
}

/** `counterfoil fixtures FILE.json`. */
export async function fixtures(path: string, flags: ConnectionFlags & EditFlags, out: Out = console.log): Promise<void> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read fixture file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new CliError(`${path} is not valid JSON: ${(err as Error).message}`);
  }
  let file: FixtureFile;
  try {
    file = parseFixtureFile(json, path);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  applyEdits(file, flags);
  const sandbox = new Sandbox(flags);
  const results = await run(sandbox, file, out);
  out('Made:');
  for (const [name, body] of results) {
    const o = body as { id?: unknown; object?: unknown };
    if (typeof o?.id === 'string') out(`  ${name}: ${o.id}${typeof o.object === 'string' ? ` (${o.object})` : ''}`);
  }
}

interface Endpoint {
  id: string;
  url: string;
  status: string;
  enabled_events: string[];
}

/** `counterfoil events resend EVT [--webhook-endpoint we_…]`. */
export async function resend(eventId: string, flags: ConnectionFlags & { webhookEndpoint?: string }, out: Out = console.log): Promise<void> {
  const sandbox = new Sandbox(flags);
  await sandbox.ensureRunning();
  const event = await sandbox.api<{ id: string; type: string }>('GET', `/v1/events/${encodeURIComponent(eventId)}`);
  let targets: string[];
  if (flags.webhookEndpoint) targets = [flags.webhookEndpoint];
  else {
    const list = await sandbox.api<{ data: Endpoint[] }>('GET', '/v1/webhook_endpoints', { limit: 100 });
    targets = list.data
      .filter((ep) => ep.status === 'enabled' && (ep.enabled_events.includes('*') || ep.enabled_events.includes(event.type)))
      .map((ep) => ep.id);
    if (targets.length === 0) {
      throw new CliError(`no enabled webhook endpoint takes ${event.type}: pass --webhook-endpoint we_…, or start \`counterfoil listen\``);
    }
  }
  for (const endpoint of targets) {
    const r = await sandbox.control<{ delivery: string }>('POST', `/events/${encodeURIComponent(event.id)}/resend`, { endpoint });
    out(`Resent ${event.type} [${event.id}] to ${endpoint} (delivery ${r.delivery})`);
  }
}

export interface TailFlags extends ConnectionFlags {
  filterHttpMethod?: string;
  filterStatusCode?: string;
  filterStatusCodeType?: string;
  filterRequestPath?: string;
  filterRequestStatus?: string;
  format?: string;
}

interface LoggedRequest {
  id: string;
  at_ms: number;
  method: string;
  path: string;
  status: number;
  latency_ms: number;
}

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return String(value).split(',').map((v) => v.trim()).filter(Boolean);
}

/** Builds the request filter of `logs tail` from the Stripe CLI's flags. */
export function requestFilter(flags: TailFlags): (r: LoggedRequest) => boolean {
  const methods = list(flags.filterHttpMethod)?.map((m) => m.toUpperCase());
  for (const m of methods ?? []) if (!['GET', 'POST', 'DELETE'].includes(m)) throw new CliError(`--filter-http-method takes GET, POST or DELETE, got '${m}'`);
  const codes = list(flags.filterStatusCode)?.map(Number);
  if (codes?.some((c) => !Number.isInteger(c))) throw new CliError(`--filter-status-code takes status codes such as 200,404, got '${flags.filterStatusCode}'`);
  const types = list(flags.filterStatusCodeType)?.map((t) => t.toUpperCase());
  for (const t of types ?? []) if (!['2XX', '4XX', '5XX'].includes(t)) throw new CliError(`--filter-status-code-type takes 2XX, 4XX or 5XX, got '${t}'`);
  const paths = list(flags.filterRequestPath);
  const outcome = flags.filterRequestStatus?.toUpperCase();
  if (outcome !== undefined && outcome !== 'SUCCEEDED' && outcome !== 'FAILED') {
    throw new CliError(`--filter-request-status takes SUCCEEDED or FAILED, got '${flags.filterRequestStatus}'`);
  }
  return (r) =>
    (!methods || methods.includes(r.method)) &&
    (!codes || codes.includes(r.status)) &&
    (!types || types.includes(`${String(r.status)[0]}XX`)) &&
    (!paths || paths.some((p) => (p.endsWith('*') ? r.path.startsWith(p.slice(0, -1)) : r.path.split('?')[0] === p))) &&
    (outcome === undefined || (outcome === 'SUCCEEDED') === (r.status < 400));
}

/** `counterfoil logs tail`: the request log as it grows. */
export async function tail(flags: TailFlags, out: Out = console.log): Promise<void> {
  const keep = requestFilter(flags);
  const json = flags.format !== undefined && flags.format.toUpperCase() === 'JSON';
  if (flags.format !== undefined && !json) throw new CliError(`--format takes JSON, got '${flags.format}'`);
  const sandbox = new Sandbox(flags);
  await sandbox.ensureRunning();
  // Only what happens from now on, as the Stripe CLI tails.
  const seen = new Set((await sandbox.control<{ data: LoggedRequest[] }>('GET', '/dashboard/requests', undefined, { limit: 200 })).data.map((r) => r.id));
  const controller = new AbortController();
  const stop = () => {
    controller.abort();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  out('Ready! Tailing the request log (^C to quit)');
  await sandbox.stream(async (changes) => {
    if (!changes.some((c) => c.kind === 'request')) return;
    const page = await sandbox.control<{ data: LoggedRequest[] }>('GET', '/dashboard/requests', undefined, { limit: 200 });
    for (const r of page.data.reverse()) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      if (!keep(r)) continue;
      out(json ? JSON.stringify(r) : `${stamp(r.at_ms)} [${r.status}] ${r.method} ${r.path} [${r.id}]`);
    }
  }, controller.signal);
  throw new CliError(`the sandbox at ${sandbox.apiBase} stopped`);
}

interface SnapshotInfo {
  name: string;
  size_bytes: number;
  saved_ms: number;
}

/** `counterfoil snapshot save|load|list|diff`. */
export async function snapshot(action: string, names: string[], flags: ConnectionFlags, out: Out = console.log): Promise<void> {
  const sandbox = new Sandbox(flags);
  const need = (n: number, usage: string) => {
    if (names.length !== n) throw new CliError(`usage: counterfoil snapshot ${usage}`);
  };
  switch (action) {
    case 'save': {
      need(1, 'save NAME');
      const r = await sandbox.control<SnapshotInfo & { replaced: boolean }>('POST', '/snapshots', { name: names[0] });
      out(`Saved snapshot ${r.name} (${Math.ceil(r.size_bytes / 1024)} KiB)${r.replaced ? ', replacing the earlier one' : ''}`);
      return;
    }
    case 'load': {
      need(1, 'load NAME');
      const r = await sandbox.control<{ name: string; objects: number; now: number; migrated: boolean }>('POST', `/snapshots/${encodeURIComponent(names[0])}/load`);
      out(`Loaded snapshot ${r.name}: ${r.objects} objects, sandbox clock at ${new Date(r.now * 1000).toISOString()}${r.migrated ? ' (migrated from an older schema)' : ''}`);
      return;
    }
    case 'list': {
      need(0, 'list');
      const r = await sandbox.control<{ data: SnapshotInfo[]; directory: string }>('GET', '/snapshots');
      if (r.data.length === 0) out(`No snapshots yet in ${r.directory} (save one with \`counterfoil snapshot save NAME\`)`);
      for (const s of r.data) out(`${s.name}\t${stamp(s.saved_ms)}\t${Math.ceil(s.size_bytes / 1024)} KiB`);
      return;
    }
    case 'diff': {
      need(2, 'diff A B   (either may be `current`, the running sandbox)');
      const d = await sandbox.control<{
        created: { id: string; type: string }[];
        changed: { id: string; type: string; fields: string[] }[];
        removed: { id: string; type: string }[];
      }>('GET', '/snapshots/diff', undefined, { from: names[0], to: names[1] });
      out(`${names[0]} → ${names[1]}: ${d.created.length} created, ${d.changed.length} changed, ${d.removed.length} removed`);
      for (const o of d.created) out(`+ ${o.type} ${o.id}`);
      for (const o of d.changed) out(`~ ${o.type} ${o.id} (${o.fields.join(', ')})`);
      for (const o of d.removed) out(`- ${o.type} ${o.id}`);
      return;
    }
    default:
      throw new CliError(`unknown snapshot command '${action}': use save, load, list or diff`);
  }
}
