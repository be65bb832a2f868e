import type { EngineCore } from '../../context.js';
import type { Cell } from '../files/index.js';
import { writeBalanceItemized, writeBalanceSummary, writeTreasuryActivity } from './ledger-reports.js';
import type { ReadWindow } from './sources.js';
import { writeTaxItemized } from './tax-report.js';

/** A run's parameters, as the API takes them. */
export interface RunParameters {
  interval_start?: number;
  interval_end?: number;
  currency?: string;
  columns?: string[];
  timezone?: string;
  reporting_category?: string;
  financial_account?: string;
  connected_account?: string;
  payout?: string;
}

export type ParamName = keyof RunParameters;

/** What a report writer gets: the checked interval, the options, and where each row goes. */
export interface ReportInput {
  core: EngineCore;
  from: number;
  to: number;
  params: RunParameters;
  timezone: string;
  row(record: Record<string, Cell>): void;
  /** The slice of the data to read, for a report computed a slice at a time (a writer that reads a list passes it on). */
  window?: ReadWindow;
}

/** Where a report type's data comes from, which bounds its availability. */
export type ReportSource = 'ledger' | 'tax';

export interface ReportDefinition {
  id: string;
  name: string;
  version: number;
  /** Params beyond interval_start/interval_end (both required) that a run may give. */
  accepts: ParamName[];
  /** Every column the type can write, in its canonical order. */
  columns: string[];
  defaultColumns: string[];
  source: ReportSource;
  write(input: ReportInput): void;
}

const SUMMARY_COLUMNS = ['category', 'description', 'net_amount', 'currency'];

const ITEMIZED_UTC = ['balance_transaction_id', 'created_utc', 'available_on_utc', 'currency', 'gross', 'fee', 'net', 'reporting_category', 'source_id', 'description', 'financial_account', 'flow_type'];
const ITEMIZED_LOCAL = ['balance_transaction_id', 'created_utc', 'created', 'available_on_utc', 'available_on', 'currency', 'gross', 'fee', 'net', 'reporting_category', 'source_id', 'description', 'financial_account', 'flow_type'];
const ITEMIZED_DEFAULT_1 = ['balance_transaction_id', 'created_utc', 'available_on_utc', 'currency', 'gross', 'fee', 'net', 'reporting_category', 'description'];
const ITEMIZED_DEFAULT_2 = ['balance_transaction_id', 'created_utc', 'available_on_utc', 'currency', 'gross', 'fee', 'net', 'reporting_category', 'source_id', 'description'];
const ITEMIZED_DEFAULT_3 = ['balance_transaction_id', 'created_utc', 'created', 'available_on_utc', 'available_on', 'currency', 'gross', 'fee', 'net', 'reporting_category', 'source_id', 'description'];

const TREASURY_COLUMNS = ['transaction_entry_id', 'transaction_id', 'financial_account', 'effective_at_utc', 'effective_at', 'created_utc', 'created', 'currency', 'type', 'flow_type', 'flow_id', 'cash', 'inbound_pending', 'outbound_pending', 'description'];
const TREASURY_DEFAULT = ['transaction_entry_id', 'transaction_id', 'financial_account', 'effective_at_utc', 'currency', 'type', 'flow_type', 'flow_id', 'cash', 'inbound_pending', 'outbound_pending', 'description'];

const TAX_COLUMNS = ['transaction_id', 'type', 'reference', 'original_transaction_id', 'transaction_date_utc', 'transaction_date', 'tax_date_utc', 'tax_date', 'currency', 'line_item_id', 'line_item_reference', 'product', 'tax_code', 'tax_behavior', 'quantity', 'amount', 'amount_tax', 'amount_total', 'customer', 'customer_country', 'customer_state', 'customer_postal_code'];
const TAX_DEFAULT = ['transaction_id', 'type', 'reference', 'transaction_date_utc', 'tax_date_utc', 'currency', 'line_item_id', 'line_item_reference', 'tax_code', 'tax_behavior', 'quantity', 'amount', 'amount_tax', 'amount_total', 'customer_country', 'customer_state', 'customer_postal_code'];

function itemized(version: 1 | 2 | 3): ReportDefinition {
  return {
    id: `balance_change_from_activity.itemized.${version}`,
    name: 'Balance change from activity (itemized)',
    version,
    accepts: version === 3 ? ['currency', 'columns', 'reporting_category', 'timezone'] : ['currency', 'columns', 'reporting_category'],
    columns: version === 3 ? ITEMIZED_LOCAL : ITEMIZED_UTC,
    defaultColumns: version === 1 ? ITEMIZED_DEFAULT_1 : version === 2 ? ITEMIZED_DEFAULT_2 : ITEMIZED_DEFAULT_3,
    source: 'ledger',
    write: writeBalanceItemized,
  };
}

/** The report types the sandbox's data can answer, with Stripe's ids and versions. */
export const REPORT_TYPES: ReportDefinition[] = [
  {
    id: 'balance.summary.1',
    name: 'Balance summary',
    version: 1,
    accepts: ['currency', 'columns', 'timezone'],
    columns: SUMMARY_COLUMNS,
    defaultColumns: SUMMARY_COLUMNS,
    source: 'ledger',
    write: writeBalanceSummary,
  },
  itemized(1),
  itemized(2),
  itemized(3),
  {
    id: 'treasury.transaction_entries.itemized.1',
    name: 'Treasury activity (itemized)',
    version: 1,
    accepts: ['currency', 'columns', 'timezone', 'financial_account'],
    columns: TREASURY_COLUMNS,
    defaultColumns: TREASURY_DEFAULT,
    source: 'ledger',
    write: writeTreasuryActivity,
  },
  {
    id: 'tax.transactions.itemized.2',
    name: 'Tax transactions (itemized)',
    version: 2,
    accepts: ['columns', 'timezone'],
    columns: TAX_COLUMNS,
    defaultColumns: TAX_DEFAULT,
    source: 'tax',
    write: writeTaxItemized,
  },
];

const BY_ID = new Map(REPORT_TYPES.map((t) => [t.id, t]));

export function reportDefinition(id: string): ReportDefinition | undefined {
  return BY_ID.get(id);
}
