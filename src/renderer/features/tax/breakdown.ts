/** Readable rows for Stripe Tax breakdowns: the dashboard's view of calculations and transactions. */

export interface Jurisdiction {
  country: string;
  display_name: string;
  level: string;
  state: string | null;
}

export interface LineBreakdown {
  amount: number;
  jurisdiction: Jurisdiction;
  tax_rate_details: { display_name: string; percentage_decimal: string; tax_type: string } | null;
  taxability_reason: string;
  taxable_amount: number;
}

export interface TotalBreakdown {
  amount: number;
  inclusive: boolean;
  tax_rate_details: { country: string | null; state: string | null; percentage_decimal: string; tax_type: string | null };
  taxability_reason: string;
  taxable_amount: number;
}

export interface TaxRow {
  where: string;
  tax: string;
  reason: string;
  taxable: number;
  amount: number;
}

/** "Standard rated", "Not collecting": a taxability reason as a person reads it. */
export function reasonLabel(reason: string): string {
  const s = reason.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "VAT 19.0%", "Sales Tax 6.25%", or a dash when nothing is charged. */
function rateLabel(name: string | null, pct: string | null): string {
  if (!name && (!pct || Number(pct) === 0)) return '—';
  return `${name ?? ''} ${pct}%`.trim();
}

/** A line's breakdown, one row per jurisdiction. */
export function lineRows(breakdown: LineBreakdown[] | null | undefined): TaxRow[] {
  return (breakdown ?? []).map((b) => ({
    where: b.jurisdiction.state ? `${b.jurisdiction.display_name} (${b.jurisdiction.country}-${b.jurisdiction.state})` : b.jurisdiction.display_name,
    tax: b.tax_rate_details ? rateLabel(b.tax_rate_details.display_name, b.tax_rate_details.percentage_decimal) : '—',
    reason: reasonLabel(b.taxability_reason),
    taxable: b.taxable_amount,
    amount: b.amount,
  }));
}

/** The calculation's breakdown, one row per rate, reason and behaviour. */
export function totalRows(breakdown: TotalBreakdown[] | null | undefined): TaxRow[] {
  return (breakdown ?? []).map((b) => {
    const d = b.tax_rate_details;
    const where = [d.country, d.state].filter(Boolean).join('-') || '—';
    const type = d.tax_type ? d.tax_type.replace(/_/g, ' ').toUpperCase() : null;
    return {
      where: `${where}${b.inclusive ? ' · inclusive' : ''}`,
      tax: rateLabel(type, d.percentage_decimal),
      reason: reasonLabel(b.taxability_reason),
      taxable: b.taxable_amount,
      amount: b.amount,
    };
  });
}
