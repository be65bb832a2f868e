import { useEffect, useState } from 'react';
import type { JsonObject } from '@shared/dashboard-api';
import { formatMoney, formatTime } from '../../app/format';
import { useDashboard } from '../../stores/store';
import { lineRows, totalRows, type LineBreakdown, type TaxRow, type TotalBreakdown } from './breakdown';
import './tax.css';

const TAX_TYPES = new Set(['tax.calculation', 'tax.transaction', 'tax.settings', 'tax.registration']);

/** Whether the Objects detail pane has a Tax view for this object. */
export function hasTaxDetail(object: JsonObject): boolean {
  return TAX_TYPES.has(String(object.object));
}

interface LineItem {
  id: string;
  amount: number;
  amount_tax: number;
  quantity: number;
  reference: string | null;
  tax_behavior: string;
  tax_code: string;
  tax_breakdown?: LineBreakdown[] | null;
  reversal?: { original_line_item: string } | null;
}

/** The line items of a calculation or transaction, read through the Stripe API as a user's code would. */
function useLineItems(object: JsonObject): { lines: LineItem[] | null; error: string | null } {
  const client = useDashboard((s) => s.client);
  const [state, setState] = useState<{ id: string; lines: LineItem[] | null; error: string | null }>({ id: '', lines: null, error: null });
  const base = object.object === 'tax.calculation' ? 'calculations' : object.object === 'tax.transaction' ? 'transactions' : null;
  useEffect(() => {
    if (!client || !base) return;
    let live = true;
    client
      .stripe<{ data: LineItem[] }>('GET', `/v1/tax/${base}/${object.id}/line_items`, { limit: 100 })
      .then((page) => live && setState({ id: object.id, lines: page.data, error: null }))
      .catch((err: Error) => live && setState({ id: object.id, lines: null, error: err.message }));
    return () => {
      live = false;
    };
  }, [client, base, object.id]);
  return state.id === object.id ? state : { lines: null, error: null };
}

function RowsTable({ rows, currency, testid }: { rows: TaxRow[]; currency: string; testid: string }) {
  return (
    <table className="tax-table" data-testid={testid}>
      <thead>
        <tr>
          <th>Jurisdiction</th>
          <th>Tax</th>
          <th>Reason</th>
          <th className="num">Taxable</th>
          <th className="num">Tax amount</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i} data-testid="tax-breakdown-row">
            <td>{r.where}</td>
            <td>{r.tax}</td>
            <td>{r.reason}</td>
            <td className="num">{formatMoney(r.taxable, currency)}</td>
            <td className="num">{formatMoney(r.amount, currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function LinesTable({ lines, currency, shipping }: { lines: LineItem[]; currency: string; shipping: LineItem | null }) {
  const all = shipping ? [...lines, shipping] : lines;
  return (
    <table className="tax-table" data-testid="tax-lines">
      <thead>
        <tr>
          <th>Line</th>
          <th>Tax code</th>
          <th>Behaviour</th>
          <th className="num">Qty</th>
          <th className="num">Amount</th>
          <th className="num">Tax</th>
        </tr>
      </thead>
      <tbody>
        {all.map((l) => [
          <tr key={l.id} data-testid="tax-line">
            <td className="mono">{l.reference ?? l.id}</td>
            <td className="mono">{l.tax_code}</td>
            <td>{l.tax_behavior}</td>
            <td className="num">{l.quantity}</td>
            <td className="num">{formatMoney(l.amount, currency)}</td>
            <td className="num">{formatMoney(l.amount_tax, currency)}</td>
          </tr>,
          ...lineRows(l.tax_breakdown).map((r, i) => (
            <tr key={`${l.id}-${i}`} className="tax-sub">
              <td colSpan={3}>
                {r.where} · {r.reason}
              </td>
              <td colSpan={2}>{r.tax}</td>
              <td className="num">{formatMoney(r.amount, currency)}</td>
            </tr>
          )),
        ])}
      </tbody>
    </table>
  );
}

function shippingLine(object: JsonObject): LineItem | null {
  const s = object.shipping_cost as (LineItem & { tax_breakdown?: LineBreakdown[] }) | null;
  if (!s) return null;
  return { ...s, id: 'shipping', reference: 'Shipping', quantity: 1 };
}

function CalculationOrTransaction({ object }: { object: JsonObject }) {
  const { lines, error } = useLineItems(object);
  const currency = String(object.currency);
  const isCalc = object.object === 'tax.calculation';
  const totals = isCalc
    ? [
        ['Total', object.amount_total as number],
        ['Tax (exclusive)', object.tax_amount_exclusive as number],
        ['Tax (inclusive)', object.tax_amount_inclusive as number],
      ]
    : lines
      ? [
          ['Amount', lines.reduce((s, l) => s + l.amount, 0) + ((object.shipping_cost as { amount?: number } | null)?.amount ?? 0)],
          ['Tax', lines.reduce((s, l) => s + l.amount_tax, 0) + ((object.shipping_cost as { amount_tax?: number } | null)?.amount_tax ?? 0)],
        ]
      : [];
  const reversal = object.reversal as { original_transaction: string | null } | null;
  return (
    <div className="tax-detail" data-testid="tax-detail">
      <div className="tax-totals" data-testid="tax-totals">
        {!isCalc && <span className={`badge ${object.type === 'reversal' ? 'returned' : 'posted'}`}>{String(object.type)}</span>}
        {!isCalc && <span className="mono">{String(object.reference)}</span>}
        {totals.map(([label, value]) => (
          <span key={label as string}>
            {label}: <strong>{formatMoney(value as number, currency)}</strong>
          </span>
        ))}
        {isCalc && object.expires_at ? <span className="muted">expires {formatTime(object.expires_at as number)}</span> : null}
        {reversal?.original_transaction && <span className="muted mono">reverses {reversal.original_transaction}</span>}
      </div>
      {isCalc && <RowsTable rows={totalRows(object.tax_breakdown as TotalBreakdown[])} currency={currency} testid="tax-breakdown" />}
      {error && <p className="muted">Line items unavailable: {error}</p>}
      {lines && <LinesTable lines={lines} currency={currency} shipping={shippingLine(object)} />}
    </div>
  );
}

function SettingsStatus({ object }: { object: JsonObject }) {
  const missing = (object.status_details as { pending?: { missing_fields?: string[] | null } })?.pending?.missing_fields ?? [];
  const head = (object.head_office as { address?: { country?: string; state?: string | null } } | null)?.address;
  const defaults = object.defaults as { tax_behavior: string | null; tax_code: string | null };
  return (
    <dl className="facts" data-testid="tax-settings-status">
      <dt>Status</dt>
      <dd>
        <span className={`badge ${String(object.status)}`}>{String(object.status)}</span>
        {missing.length > 0 && <span className="muted small"> missing: {missing.join(', ')}</span>}
      </dd>
      <dt>Head office</dt>
      <dd>{head ? [head.country, head.state].filter(Boolean).join('-') : '—'}</dd>
      <dt>Default behaviour</dt>
      <dd>{defaults?.tax_behavior ?? '—'}</dd>
      <dt>Default tax code</dt>
      <dd className="mono">{defaults?.tax_code ?? '—'}</dd>
    </dl>
  );
}

function RegistrationStatus({ object }: { object: JsonObject }) {
  return (
    <dl className="facts" data-testid="tax-registration-status">
      <dt>Status</dt>
      <dd>
        <span className={`badge ${object.status === 'scheduled' ? 'pending' : String(object.status) === 'expired' ? 'canceled' : 'active'}`}>{String(object.status)}</span>
      </dd>
      <dt>Active from</dt>
      <dd>{formatTime(object.active_from as number)}</dd>
      <dt>Expires</dt>
      <dd>{object.expires_at ? formatTime(object.expires_at as number) : 'never'}</dd>
    </dl>
  );
}

/** A readable view of a Tax object above its JSON: breakdowns as tables, statuses as badges. */
export function TaxDetail({ object }: { object: JsonObject }) {
  switch (object.object) {
    case 'tax.settings':
      return <SettingsStatus object={object} />;
    case 'tax.registration':
      return <RegistrationStatus object={object} />;
    case 'tax.calculation':
    case 'tax.transaction':
      return <CalculationOrTransaction key={object.id} object={object} />;
    default:
      return null;
  }
}
