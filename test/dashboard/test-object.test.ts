import { describe, expect, it } from 'vitest';
import { objectSchema } from '../../src/engine/spec.js';
import { emittedEventTypes } from '../../src/engine/webhooks/event-types.js';
import { testObject } from '../../src/engine/webhooks/test-object.js';
import { expectObjectMatchesSchema } from '../support/openapi.js';

const NOW = 1_800_000_000;

describe('test event objects', () => {
  it("every emitted type's test object matches the description's schema of its object", () => {
    const checked: string[] = [];
    for (const type of emittedEventTypes()) {
      const objectType = type.split('.').slice(0, -1).join('.');
      if (!objectSchema(objectType)) continue;
      const object = testObject(type, NOW);
      expect(object.object).toBe(objectType);
      expectObjectMatchesSchema(objectType, object);
      checked.push(type);
    }
    expect(checked.length).toBeGreaterThan(40);
  });

  it('the state follows the verb where the object has that status, and each object has its own id', () => {
    const posted = testObject('treasury.outbound_transfer.posted', NOW);
    expect(posted.status).toBe('posted');
    expect((posted.status_transitions as Record<string, unknown>).posted_at).toBe(NOW);
    expect(testObject('treasury.inbound_transfer.succeeded', NOW).status).toBe('succeeded');
    expect(testObject('treasury.outbound_transfer.tracking_details_updated', NOW).status).toBe('processing');
    expect(testObject('financial_connections.account.deactivated', NOW).status).toBe('inactive');
    expect(testObject('treasury.credit_reversal.created', NOW).status).toBe('processing');
    expect(testObject('treasury.outbound_payment.posted', NOW).id).not.toBe(testObject('treasury.outbound_payment.posted', NOW).id);
    // Types outside the description still get an object to carry.
    expect(testObject('charge.succeeded', NOW)).toMatchObject({ object: 'charge', livemode: false });
  });
});
