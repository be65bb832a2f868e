import type { EngineCore, Operation, RequestContext } from '../../context.js';
import { invalidRequest } from '../../errors.js';
import { listObjects } from '../../http/list.js';
import { newId } from '../../ids.js';
import { applyMetadata } from '../../metadata.js';
import type { StripeObject } from '../../store/objects.js';
import { stmt } from '../../store/statements.js';
import { insert, load, previousAttributes, save } from '../treasury/common.js';

export const FEATURE = 'entitlements.feature';

export type Feature = StripeObject & { active: boolean; lookup_key: string; name: string; metadata: Record<string, string> };

export function loadFeature(core: EngineCore, id: string, param = 'id'): Feature {
  return load<Feature>(core, FEATURE, id, 'feature', param);
}

/** A lookup key is unique among features that are not archived. */
function requireFreeLookupKey(core: EngineCore, key: string): void {
  const holder = stmt(
    core.db,
    `SELECT id FROM objects WHERE type = 'entitlements.feature' AND json_extract(data, '$.lookup_key') = ? AND json_extract(data, '$.active') = 1`,
  ).get(key) as { id: string } | undefined;
  if (holder) {
    throw invalidRequest(
      `A feature with the lookup_key \`${key}\` already exists (\`${holder.id}\`). Archive it first to reuse its lookup_key.`,
      'lookup_key',
    );
  }
}

function create(ctx: RequestContext): Feature {
  const p = ctx.params;
  if (p.lookup_key.length > 80) throw invalidRequest('lookup_key must be at most 80 characters.', 'lookup_key');
  requireFreeLookupKey(ctx.core, p.lookup_key);
  const feature: Feature = {
    id: newId('entitlements.feature'),
    object: FEATURE,
    active: true,
    livemode: false,
    lookup_key: p.lookup_key,
    metadata: applyMetadata({}, p.metadata),
    name: p.name,
  };
  return insert(ctx.core, feature, null);
}

/** Update renames or re-tags a feature, or archives it for good; an archived feature cannot be edited. */
function update(ctx: RequestContext): Feature {
  const before = loadFeature(ctx.core, ctx.path.id);
  const p = ctx.params;
  if (!before.active) {
    const what = p.active === true ? 'unarchived' : 'edited';
    throw invalidRequest(`This feature has been archived and cannot be ${what}.`, p.active === true ? 'active' : undefined);
  }
  const feature: Feature = { ...before, metadata: applyMetadata(before.metadata, p.metadata) };
  if (p.name !== undefined) feature.name = p.name;
  if (p.active === false) feature.active = false;
  if (Object.keys(previousAttributes(before, feature)).length === 0) return before;
  return save(ctx.core, feature);
}

function list(ctx: RequestContext) {
  const p = ctx.params;
  const where: Record<string, boolean | string> = { active: p.archived !== true };
  if (p.lookup_key !== undefined) where.lookup_key = p.lookup_key;
  return listObjects(ctx, FEATURE, '/v1/entitlements/features', { where });
}

/** Features: create, list (`archived`, `lookup_key`), retrieve, update / archive. */
export const featureOperations: Operation[] = [
  { method: 'POST', path: '/v1/entitlements/features', handler: create },
  { method: 'GET', path: '/v1/entitlements/features', handler: list },
  { method: 'GET', path: '/v1/entitlements/features/{id}', handler: (ctx) => loadFeature(ctx.core, ctx.path.id) },
  { method: 'POST', path: '/v1/entitlements/features/{id}', handler: update },
];
