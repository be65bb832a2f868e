import type { ControlRoute, EngineSettings } from '../../context.js';
import { invalidRequest } from '../../errors.js';

function positiveInt(value: unknown, param: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw invalidRequest(`${param} must be a positive whole number.`, param);
  return n;
}

/** Checks a settings patch and returns it typed; unknown keys are refused. */
function parsePatch(body: Record<string, unknown>): Partial<EngineSettings> {
  const patch: Partial<EngineSettings> = {};
  for (const [key, value] of Object.entries(body)) {
    switch (key) {
      case 'webhookRetrySchedule':
        if (!Array.isArray(value) || value.some((v) => !Number.isFinite(Number(v)) || Number(v) <= 0)) {
          throw invalidRequest('webhookRetrySchedule must be a list of positive seconds.', key);
        }
        patch.webhookRetrySchedule = value.map(Number);
        break;
      case 'webhookYieldMs': {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 0) throw invalidRequest(`${key} must be a whole number of ms, 0 or more.`, key);
        patch.webhookYieldMs = n;
        break;
      }
      case 'webhookTimeoutMs':
      case 'requestLogLimit':
      case 'requestLogMaxBytes':
      case 'idempotencyTtlSeconds':
        patch[key] = positiveInt(value, key);
        break;
      default:
        throw invalidRequest(`Unknown setting: ${key}`, key, 'parameter_unknown');
    }
  }
  return patch;
}

/** `GET /_counterfoil/settings` and `POST /_counterfoil/settings` (a partial patch, applied at once). */
export const settingsControls: ControlRoute[] = [
  { method: 'GET', path: '/settings', handler: ({ core }) => core.settings },
  {
    method: 'POST',
    path: '/settings',
    handler: ({ core, body }) => {
      Object.assign(core.settings, parsePatch(body));
      return core.settings;
    },
  },
];
