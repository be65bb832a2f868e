import type { EngineCore } from '../../context.js';
import type { Db } from '../../store/db.js';
import { invalidRequest, resourceMissing } from '../../errors.js';
import { newId } from '../../ids.js';
import { secretBox } from '../payment-methods/secret-box.js';
import type { ConfigSecrets, ForwardingConfig } from './config-types.js';
import { checkConfigInput } from './config-validate.js';

interface Row {
  data: string;
  sealed: string;
}

type Opened = { config: ForwardingConfig; secrets: ConfigSecrets };

// Every forward looks its destination up: configs are few, so they are kept opened
// in memory per database and reloaded after any change made here.
const byUrl = new WeakMap<Db, Map<string, Opened>>();

function destinations(core: EngineCore): Map<string, Opened> {
  let map = byUrl.get(core.db);
  if (!map) {
    map = new Map();
    const box = secretBox(core.db);
    const rows = core.db.prepare('SELECT data, sealed FROM forwarding_configs ORDER BY seq').all() as Row[];
    for (const row of rows) {
      const config = JSON.parse(row.data) as ForwardingConfig;
      if (!map.has(config.url)) map.set(config.url, { config, secrets: box.open<ConfigSecrets>(row.sealed) });
    }
    byUrl.set(core.db, map);
  }
  return map;
}

/** Drops the opened configs, so the next forward reads them again (after a reset or a snapshot load). */
export function forgetOpenedConfigs(core: EngineCore): void {
  byUrl.delete(core.db);
}

function publish(core: EngineCore, id: string): void {
  byUrl.delete(core.db);
  core.changes.publish({ kind: 'object', type: 'forwarding_config', id });
}

function findDuplicate(core: EngineCore, url: string, exceptId?: string): void {
  for (const config of listConfigs(core)) {
    if (config.url === url && config.id !== exceptId) {
      throw invalidRequest(`A forwarding config for ${url} already exists (${config.id}); update it instead.`, 'url');
    }
  }
}

/** Every config, oldest first. */
export function listConfigs(core: EngineCore): ForwardingConfig[] {
  const rows = core.db.prepare('SELECT data FROM forwarding_configs ORDER BY seq').all() as { data: string }[];
  return rows.map((r) => JSON.parse(r.data) as ForwardingConfig);
}

/** A config with its sealed secrets opened: for the engine only, never for a response. */
export function readConfig(core: EngineCore, id: string): { config: ForwardingConfig; secrets: ConfigSecrets } | undefined {
  const row = core.db.prepare('SELECT data, sealed FROM forwarding_configs WHERE id = ?').get(id) as Row | undefined;
  if (!row) return undefined;
  return { config: JSON.parse(row.data) as ForwardingConfig, secrets: secretBox(core.db).open<ConfigSecrets>(row.sealed) };
}

/** The config, or a 404 naming it. */
export function requireConfig(core: EngineCore, id: string): { config: ForwardingConfig; secrets: ConfigSecrets } {
  const found = readConfig(core, id);
  if (!found) throw resourceMissing('forwarding config', id);
  return found;
}

/** Creates a config from the control API's JSON body. */
export function createConfig(core: EngineCore, body: Record<string, unknown>): ForwardingConfig {
  const { fields, secrets } = checkConfigInput(body);
  findDuplicate(core, fields.url);
  const config: ForwardingConfig = {
    id: newId('forwarding_config'),
    object: 'forwarding_config',
    created: core.clock.now(),
    ...fields,
    secret_names: Object.keys(secrets.values).sort(),
  };
  core.db
    .prepare('INSERT INTO forwarding_configs (id, created_ms, data, sealed) VALUES (?, ?, ?, ?)')
    .run(config.id, core.clock.nowMs(), JSON.stringify(config), secretBox(core.db).seal(secrets));
  publish(core, config.id);
  return config;
}

/** Updates a config: omitted fields keep their value, secrets merge. */
export function updateConfig(core: EngineCore, id: string, body: Record<string, unknown>): ForwardingConfig {
  const current = requireConfig(core, id);
  const { fields, secrets } = checkConfigInput(body, current);
  findDuplicate(core, fields.url, id);
  const config: ForwardingConfig = { ...current.config, ...fields, secret_names: Object.keys(secrets.values).sort() };
  core.db
    .prepare('UPDATE forwarding_configs SET data = ?, sealed = ? WHERE id = ?')
    .run(JSON.stringify(config), secretBox(core.db).seal(secrets), id);
  publish(core, id);
  return config;
}

/** Deletes a config; forwarding requests already made keep their record. */
export function deleteConfig(core: EngineCore, id: string): { id: string; object: 'forwarding_config'; deleted: true } {
  requireConfig(core, id);
  core.db.prepare('DELETE FROM forwarding_configs WHERE id = ?').run(id);
  publish(core, id);
  return { id, object: 'forwarding_config', deleted: true };
}

/** The config whose destination is exactly this URL (scheme, host, port, path, query), if any. */
export function configForUrl(core: EngineCore, url: string): Opened | undefined {
  return destinations(core).get(url);
}
