// Copies two lists out of the `stripe` npm package's type declarations into
// resources/ (the build and the tests never read node_modules for data):
// the event types WebhookEndpoints accept in `enabled_events`, and the API
// versions `Stripe-Version` may name. Run after upgrading `stripe`:
//   node scripts/vendor-sdk-lists.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const types = readFileSync('node_modules/stripe/esm/resources/WebhookEndpoints.d.ts', 'utf8');
const sdkVersion = JSON.parse(readFileSync('node_modules/stripe/package.json', 'utf8')).version;
const spec = JSON.parse(readFileSync('resources/openapi/spec-subset.json', 'utf8'));

function union(name) {
  const m = new RegExp(`type ${name} = ([^;]*);`).exec(types);
  if (!m) throw new Error(`no type ${name} in the stripe package's WebhookEndpoints.d.ts`);
  return [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]);
}

const described = spec.paths['/v1/webhook_endpoints'].post.requestBody.content['application/x-www-form-urlencoded'].schema
  .properties.enabled_events.items.enum;
const events = [...new Set([...described, ...union('EnabledEvent')])].sort((a, b) => (a === '*' ? -1 : b === '*' ? 1 : a < b ? -1 : 1));
// The enum itself lives in event-types.json: the handler checks names against it joined
// with the event types the sandbox's groups emit, which their own overlays may add.
const enabledEvents = {
  type: 'array',
  description: 'The list of events to enable for this endpoint (names checked against event-types.json).',
  items: { type: 'string', maxLength: 5000 },
};
writeFileSync(
  'resources/openapi/overlays/webhooks.json',
  `${JSON.stringify(
    {
      description: 'enabled_events of webhook endpoints takes any event type of event-types.json or of the groups\' x-extraEventTypes (written by scripts/vendor-sdk-lists.mjs).',
      'x-extraParams': {
        'POST /v1/webhook_endpoints': { enabled_events: enabledEvents },
        'POST /v1/webhook_endpoints/{webhook_endpoint}': { enabled_events: enabledEvents },
      },
    },
    null,
    2,
  )}\n`,
);
writeFileSync(
  'resources/openapi/event-types.json',
  `${JSON.stringify(
    {
      description: `Every event type a webhook endpoint may subscribe to: the vendored description's enabled_events enum joined with stripe-node ${sdkVersion}'s WebhookEndpointCreateParams.EnabledEvent (written by scripts/vendor-sdk-lists.mjs; MIT, Stripe, Inc.).`,
      types: events,
    },
    null,
    2,
  )}\n`,
);
writeFileSync(
  'resources/openapi/api-versions.json',
  `${JSON.stringify(
    {
      description: `API versions Stripe has released, from stripe-node ${sdkVersion}'s WebhookEndpointCreateParams.ApiVersion (written by scripts/vendor-sdk-lists.mjs; MIT, Stripe, Inc.).`,
      versions: union('ApiVersion'),
    },
    null,
    2,
  )}\n`,
);
console.log(`${events.length} event types, ${union('ApiVersion').length} API versions`);
