// The dashboard API's wire contract: what /_counterfoil/* returns and what the
// renderer reads. Types only — this file is imported with `import type` on both
// sides and must import nothing.

/** Any Stripe object as the API returns it. */
export type JsonObject = { id: string; object: string; created?: number; [key: string]: unknown };

/** Amounts per currency in minor units, as a FinancialAccount's balance holds them. */
export type BalanceImpact = { cash: number; inbound_pending: number; outbound_pending: number };

export type FlowType =
  | 'credit_reversal'
  | 'debit_reversal'
  | 'inbound_transfer'
  | 'issuing_authorization'
  | 'other'
  | 'outbound_payment'
  | 'outbound_transfer'
  | 'received_credit'
  | 'received_debit';

export type TransactionStatus = 'open' | 'posted' | 'void';

/** One money-flow entry with what the timeline shows beside it. */
export interface TimelineEntry {
  id: string;
  /** Sandbox time of the entry, in seconds. */
  created: number;
  effective_at: number;
  financial_account: string;
  currency: string;
  flow: string | null;
  flow_type: FlowType;
  /** The entry's own type, e.g. `outbound_payment_posting`. */
  type: string;
  balance_impact: BalanceImpact;
  /** The account's balance in this currency just after this entry. */
  running_balance: BalanceImpact;
  transaction: string;
  transaction_status: TransactionStatus | null;
  /** The transaction's signed amount (negative for money leaving). */
  amount: number | null;
}

export interface TimelineQuery {
  account?: string;
  flow_type?: FlowType;
  status?: TransactionStatus;
  /** Inclusive bounds on `created`, in sandbox seconds. */
  from?: number;
  to?: number;
  /** Rows to skip from the newest (random access for the virtual list). */
  offset?: number;
  /** Cursor: entries older than this entry id. */
  starting_after?: string;
  limit?: number;
}

export interface TimelinePage {
  /** How many entries match the filters, for sizing the list. */
  total: number;
  offset: number;
  data: TimelineEntry[];
  has_more: boolean;
}

export interface BalancePoint {
  /** Sandbox seconds. */
  t: number;
  cash: number;
  inbound_pending: number;
  outbound_pending: number;
}

export interface BalanceSeries {
  financial_account: string;
  currency: string;
  points: BalancePoint[];
}

/** One thing the engine's ledger check found wrong. */
export interface LedgerProblem {
  financial_account: string;
  /** e.g. `balance_mismatch`, `transaction_impact_mismatch`. */
  kind: string;
  message: string;
  currency?: string;
  sub_balance?: keyof BalanceImpact;
  expected?: number;
  actual?: number;
  transaction?: string;
}

export interface LedgerCheck {
  ok: boolean;
  /**
   * `full`: every invariant (balances, transaction sums, sealed settled transactions).
   * `balances`: each balance against the sum of its entries only — what large ledgers get by default.
   */
  scope: 'full' | 'balances';
  /** Sandbox seconds when the check ran. */
  checked_at: number;
  accounts: number;
  entries: number;
  problems: LedgerProblem[];
}

export interface AccountSummary {
  id: string;
  nickname: string | null;
  status: string;
  balance: Record<'cash' | 'inbound_pending' | 'outbound_pending', Record<string, number>>;
  entries: number;
}

export interface Paged<T> {
  data: T[];
  total: number;
  has_more: boolean;
}

export interface RequestLogSummary {
  id: string;
  at_ms: number;
  method: string;
  path: string;
  status: number;
  latency_ms: number;
  idempotency_key: string | null;
  object_id: string | null;
  /** The response replayed an earlier request's under the same idempotency key. */
  replayed: boolean;
}

export interface RequestLogPage extends Paged<RequestLogSummary> {
  /**
   * Rows of reads not kept since the server started: with no dashboard open, an unbroken stream
   * of reads (no write, no pause) keeps only its newest 50.
   */
  reads_not_kept: number;
}

export interface RequestLogDetail extends RequestLogSummary {
  params: unknown;
  response: unknown;
  /** True for a text stored cut to the log's 64 KB cap (then given as a string, not parsed). */
  truncated?: { params: boolean; response: boolean };
  /** As received, credentials masked; null for requests logged before headers were kept. */
  request_headers: Record<string, string> | null;
  response_headers: Record<string, string> | null;
}

export type SignatureVerdict =
  | { verified: true; timestamp: number }
  | { verified: false; reason: string };

export interface DeliveryAttempt {
  id: string;
  at_ms: number;
  url: string;
  request_headers: Record<string, string>;
  request_body: string;
  signature: string | null;
  verdict: SignatureVerdict;
  response_status: number | null;
  response_headers: Record<string, string> | null;
  response_body: string | null;
  latency_ms: number | null;
  error: string | null;
  /** What the endpoint's delivery chaos did to this attempt (`duplicate`, `stale t= (600 s old)`, …); empty for a plain one. */
  chaos?: string[];
  /**
   * True for an attempt the sandbox stopped during (a hard crash): the endpoint
   * may or may not have received it, and the delivery was sent again on restart.
   */
  outcome_unknown?: boolean;
}

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface DeliverySummary {
  id: string;
  event_id: string;
  event_type: string | null;
  endpoint_id: string;
  endpoint_url: string | null;
  status: DeliveryStatus;
  attempt_count: number;
  /** Sandbox ms of the next retry, when one is scheduled. */
  next_attempt_ms: number | null;
  created_ms: number;
  last_status: number | null;
  last_error: string | null;
  /** `event`: the event's own delivery; `resend`: a resend from the dashboard; `test`: a test event. */
  origin: 'event' | 'resend' | 'test';
  /** Attempts recorded, duplicates sent by delivery chaos included. */
  attempt_rows?: number;
}

export interface DeliveryDetail extends DeliverySummary {
  attempts: DeliveryAttempt[];
}

export interface WebhookEndpointSummary {
  endpoint: JsonObject & { url: string; enabled_events: string[]; status: 'enabled' | 'disabled'; description: string | null };
  /** Deliveries to this endpoint by outcome. */
  deliveries: Record<DeliveryStatus, number>;
  /** Sandbox ms of the newest delivery, if any. */
  last_delivery_ms: number | null;
}

export interface EventTypeCatalog {
  /** Every type `enabled_events` takes (the description's enum and what the sandbox emits), sorted. */
  accepted: string[];
  /** The types the sandbox emits when its objects change. */
  emitted: string[];
}

/** One of Stripe's test values and what it makes happen. */
export interface TestOutcome {
  value: string;
  label: string;
  routing_number?: string;
}

export interface TestOutcomes {
  /** Account numbers (routing 110000000) an outbound payment can be sent to. */
  destination_accounts: TestOutcome[];
  /** `pm_usBankAccount_*` ids an outbound transfer can be sent to. */
  destination_payment_methods: TestOutcome[];
  /** `pm_usBankAccount_*` ids an inbound transfer can pull from. */
  origin_payment_methods: TestOutcome[];
}

export interface ForwardingEntry {
  id: string;
  created: number;
  url: string;
  destination_host: string;
  method: string;
  status: number | null;
  /** How long the destination took, when the engine recorded it. */
  duration_ms: number | null;
  request: JsonObject;
  /** The forwarding config that applied, if the engine keeps configs. */
  config: JsonObject | null;
}

export interface ObjectTypeCount {
  type: string;
  count: number;
}

/** An action the UI may offer now on an object, resolved engine-side from the registry. */
export interface AvailableAction {
  name: string;
  label: string;
  method: 'POST';
  path: string;
  body?: Record<string, unknown>;
}

export interface ObjectDetail {
  object: JsonObject;
  /** Newest first. */
  events: JsonObject[];
  actions: AvailableAction[];
  /** Ids found anywhere in the object that name stored objects, with their types. */
  links: Record<string, string>;
}

export interface DashboardInfo {
  /** The API version events are rendered as. */
  api_version: string;
  /** Sandbox ms. */
  now_ms: number;
  next_scheduled_ms: number | null;
  /** A secret key the API accepts, for the status bar and curl lines. */
  api_key: string;
  database_path: string;
}

export interface DemoStep {
  label: string;
  ok: boolean;
  /** The object the step created or moved. */
  id?: string;
  error?: string;
}

export interface DemoResult {
  financial_accounts: string[];
  endpoint: string | null;
  steps: DemoStep[];
}

/** A message on the dashboard's server-sent-event stream (one per `data:` line). */
export type LiveChange =
  | { kind: 'object'; type: string; id: string }
  | { kind: 'event'; id: string; type: string }
  | { kind: 'request'; id: string }
  | { kind: 'delivery'; id: string; eventId: string; endpointId: string }
  | { kind: 'forwarding'; id: string }
  | { kind: 'clock'; now: number }
  | { kind: 'reset' }
  | { kind: 'hello'; now_ms: number };
