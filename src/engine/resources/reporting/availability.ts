import type { EngineCore } from '../../context.js';
import type { StripeObject } from '../../store/objects.js';
import { stmt } from '../../store/statements.js';
import type { ReportDefinition, ReportSource } from './catalog.js';
import { startOfDay } from './format.js';
import { earliestCreated } from './sources.js';

const SOURCE_TYPE: Record<ReportSource, string> = {
  ledger: 'treasury.transaction_entry',
  tax: 'tax.transaction',
};

export interface Availability {
  start: number;
  end: number;
}

/**
 * The interval a report type can cover: from the day its earliest data was
 * written to the last whole sandbox day (data becomes reportable once its
 * day is over, as Stripe's does after its daily processing).
 */
export function availabilityOf(core: EngineCore, def: ReportDefinition): Availability {
  const end = startOfDay(core.clock.now());
  const earliest = earliestCreated(core, SOURCE_TYPE[def.source]);
  return { start: earliest === undefined ? end : Math.min(startOfDay(earliest), end), end };
}

/** Whether any of the type's data falls in [from, to). */
export function hasDataIn(core: EngineCore, def: ReportDefinition, from: number, to: number): boolean {
  const row = stmt(core.db, 'SELECT 1 FROM objects WHERE type = ? AND created >= ? AND created < ? LIMIT 1').get(SOURCE_TYPE[def.source], from, to);
  return row !== undefined;
}

/** The ReportType object as the API shows it now. */
export function reportTypeObject(core: EngineCore, def: ReportDefinition): StripeObject {
  const { start, end } = availabilityOf(core, def);
  return {
    id: def.id,
    object: 'reporting.report_type',
    data_available_end: end,
    data_available_start: start,
    default_columns: def.defaultColumns,
    livemode: false,
    name: def.name,
    updated: end,
    version: def.version,
  };
}
