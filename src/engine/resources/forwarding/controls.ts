import type { ControlRoute } from '../../context.js';
import type { ForwardingConfig } from './config-types.js';
import { createConfig, deleteConfig, listConfigs, requireConfig, updateConfig } from './config-store.js';
import { atomically } from '../../store/statements.js';

const REDACTED = '[redacted]';

/** What the control API shows of a config: which secrets are set, never their values. */
function shown(config: ForwardingConfig) {
  return {
    ...config,
    request_signature: config.request_signature ? { ...config.request_signature, secret: REDACTED } : null,
    secrets: Object.fromEntries(config.secret_names.map((n) => [n, REDACTED])),
  };
}

/** `/_counterfoil/forwarding/configs`: the sandbox's destination allowlist (create, list, get, update, delete). */
export const forwardingConfigControls: ControlRoute[] = [
  {
    method: 'POST',
    path: '/forwarding/configs',
    handler: ({ core, body }) => atomically(core.db, () => shown(createConfig(core, body))),
  },
  {
    method: 'GET',
    path: '/forwarding/configs',
    handler: ({ core }) => ({ object: 'list', data: listConfigs(core).reverse().map(shown), has_more: false }),
  },
  {
    method: 'GET',
    path: '/forwarding/configs/:id',
    handler: ({ core, params }) => shown(requireConfig(core, params.id).config),
  },
  {
    method: 'POST',
    path: '/forwarding/configs/:id',
    handler: ({ core, params, body }) => atomically(core.db, () => shown(updateConfig(core, params.id, body))),
  },
  {
    method: 'DELETE',
    path: '/forwarding/configs/:id',
    handler: ({ core, params }) => deleteConfig(core, params.id),
  },
];
