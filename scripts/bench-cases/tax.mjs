// Bench cases for Tax: calculations with 10 and 100 lines, their retrieve and line items.
import qs from 'qs';

async function api(url, key, path, params) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: qs.stringify(params, { encodeValuesOnly: true }),
  });
  if (!res.ok) throw new Error(`bench set-up ${path} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/** A calculation's form body with `count` lines, mixing behaviours and tax codes, for a customer in Toronto. */
function calculationBody(count) {
  const codes = ['txcd_99999999', 'txcd_10000000', 'txcd_40060003', 'txcd_35010000'];
  return qs.stringify(
    {
      currency: 'cad',
      customer_details: { address: { country: 'CA', postal_code: 'M5V 3L9' }, address_source: 'shipping' },
      line_items: Array.from({ length: count }, (_, i) => ({
        amount: 1000 + i * 37,
        quantity: 1 + (i % 3),
        reference: `line-${i}`,
        tax_behavior: i % 2 ? 'inclusive' : 'exclusive',
        tax_code: codes[i % codes.length],
      })),
      shipping_cost: { amount: 1500 },
    },
    { encodeValuesOnly: true },
  );
}

/** Set-up through the API (Settings with a head office, a Canadian registration), then the cases. */
export default async function cases({ url, key }) {
  await api(url, key, '/v1/tax/settings', { defaults: { tax_behavior: 'exclusive' }, head_office: { address: { country: 'CA', state: 'ON' } } });
  const registrations = await fetch(`${url}/v1/tax/registrations?status=active`, { headers: { authorization: `Bearer ${key}` } }).then((r) => r.json());
  if (!registrations.data?.some((r) => r.country === 'CA')) {
    await api(url, key, '/v1/tax/registrations', { country: 'CA', active_from: 'now', country_options: { ca: { type: 'standard' } } });
  }
  const ten = calculationBody(10);
  const hundred = calculationBody(100);
  const calc = await fetch(`${url}/v1/tax/calculations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: hundred,
  }).then((r) => r.json());
  return [
    { name: 'tax: create calculation (10 lines)', method: 'POST', path: '/v1/tax/calculations', body: ten },
    { name: 'tax: create calculation (100 lines)', method: 'POST', path: '/v1/tax/calculations', body: hundred },
    { name: 'tax: retrieve calculation', method: 'GET', path: `/v1/tax/calculations/${calc.id}` },
    { name: 'tax: list calculation line items', method: 'GET', path: `/v1/tax/calculations/${calc.id}/line_items?limit=100` },
    { name: 'tax: list registrations', method: 'GET', path: '/v1/tax/registrations?status=active&limit=10' },
  ];
}
