import { migration as core } from './0001_core.js';
import { migration as webhooks } from './0002_webhooks.js';
import { migration as treasury } from './0003_treasury.js';
import { migration as forwarding } from './0004_forwarding.js';
import { migration as hardening } from './0006_hardening.js';
import { migration as dashboard } from './0012_dashboard.js';
import { migration as financialConnections } from './0008_financial_connections.js';
import { migration as entitlements } from './0010_entitlements.js';
import { migration as reporting } from './0011_reporting.js';
import { migration as listIndexes } from './0013_list_indexes.js';
import { migration as cli } from './0014_cli.js';
import { migration as deliveryQueue } from './0015_delivery_queue.js';
import { migration as filterColumns } from './0016_filter_columns.js';
import { migration as jobsByKind } from './0017_jobs_by_kind.js';
import { migration as requestLogBytes } from './0018_request_log_bytes.js';
import { migration as demoEndpointMarker } from './0019_demo_endpoint_marker.js';

export interface Migration {
  /** `NNNN_name`; the number orders it. */
  name: string;
  sql: string;
}

/** Every migration, in order. Append new ones; never edit one that has shipped. */
export const MIGRATIONS: Migration[] = [
  core,
  webhooks,
  treasury,
  forwarding,
  hardening,
  financialConnections,
  entitlements,
  reporting,
  dashboard,
  listIndexes,
  cli,
  deliveryQueue,
  filterColumns,
  jobsByKind,
  requestLogBytes,
  demoEndpointMarker,
];
