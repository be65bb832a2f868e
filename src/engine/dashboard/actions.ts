import type { EngineCore, ObjectAction, ResourceModule } from '../context.js';
import type { AvailableAction, JsonObject } from '@shared/dashboard-api.js';
import type { StripeObject } from '../store/objects.js';
import { BOUND, stmt } from '../store/statements.js';

/**
 * The one registry of object actions, gathered from every module's
 * `actions`. The API's own transitions decide legality; this only asks each
 * action whether it is available for the object as it is now.
 */
export class ActionRegistry {
  private byType: Map<string, ObjectAction[]> | undefined;

  constructor(private readonly modules: () => ResourceModule[]) {}

  private table(): Map<string, ObjectAction[]> {
    // Read lazily: the module list includes the dashboard itself, so it is complete only after load.
    if (!this.byType) {
      this.byType = new Map();
      for (const m of this.modules()) {
        for (const [type, actions] of Object.entries(m.actions ?? {})) {
          this.byType.set(type, [...(this.byType.get(type) ?? []), ...actions]);
        }
      }
    }
    return this.byType;
  }

  /** Object types that have at least one action. */
  types(): string[] {
    return [...this.table().keys()];
  }

  /** What can be done to this object now, with the request that does it. */
  availableFor(object: StripeObject): AvailableAction[] {
    const out: AvailableAction[] = [];
    for (const action of this.table().get(object.object) ?? []) {
      if (!action.available(object)) continue;
      const req = action.request(object);
      out.push({ name: action.name, label: action.label, method: req.method, path: req.path, ...(req.body ? { body: req.body } : {}) });
    }
    return out;
  }

  /** The newest objects that can move now, each with its available actions. */
  actionable(core: EngineCore, limit: number): { object: JsonObject; actions: AvailableAction[] }[] {
    const found: { seq: number; object: JsonObject; actions: AvailableAction[] }[] = [];
    for (const type of this.types()) {
      const rows = stmt(core.db, `SELECT seq, data FROM objects WHERE type = ? ORDER BY seq DESC LIMIT ${BOUND}`)
        .all(type, limit * 4) as { seq: number; data: string }[];
      for (const row of rows) {
        const object = JSON.parse(row.data) as JsonObject;
        const actions = this.availableFor(object);
        if (actions.length > 0) found.push({ seq: row.seq, object, actions });
      }
    }
    found.sort((a, b) => b.seq - a.seq);
    return found.slice(0, limit).map(({ object, actions }) => ({ object, actions }));
  }
}
