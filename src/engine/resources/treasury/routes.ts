import type { EngineCore } from '../../context.js';
import type { TestBankBehaviour } from '../payment-methods/index.js';
import { stmt } from '../../store/statements.js';

/** The private facts about where a flow's money goes. */
export interface FlowRoute {
  receivingAccount?: string;
  behaviour?: TestBankBehaviour;
}

/** Remembers a flow's route (only when there is something to remember). */
export function saveRoute(core: EngineCore, flowId: string, route: FlowRoute): void {
  if (!route.receivingAccount && !route.behaviour) return;
  stmt(core.db, 'INSERT INTO treasury_flow_routes (flow_id, receiving_account, behaviour) VALUES (?, ?, ?)')
    .run(flowId, route.receivingAccount ?? null, route.behaviour ? JSON.stringify(route.behaviour) : null);
}

/** A flow's route; empty for flows to ordinary external accounts. */
export function routeOf(core: EngineCore, flowId: string): FlowRoute {
  const row = stmt(core.db, 'SELECT receiving_account, behaviour FROM treasury_flow_routes WHERE flow_id = ?').get(flowId) as
    | { receiving_account: string | null; behaviour: string | null }
    | undefined;
  if (!row) return {};
  return {
    receivingAccount: row.receiving_account ?? undefined,
    behaviour: row.behaviour ? (JSON.parse(row.behaviour) as TestBankBehaviour) : undefined,
  };
}
