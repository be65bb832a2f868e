// Bench cases for Climate: orders, each an exact decimal computation and an availability update.
/** A product roomy enough for any bench run (a sandbox control), then create, retrieve and list of an order. */
export default async function cases({ url, key, token }) {
  const res = await fetch(`${url}/_counterfoil/climate/products`, {
    method: 'POST',
    headers: { 'x-counterfoil-token': token, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'Bench removal (sandbox)',
      delivery_year: 2030,
      metric_tons_available: '100000000',
      current_prices_per_metric_ton: { usd: { amount_subtotal: 55000 } },
      suppliers: ['climsup_charm_industrial'],
    }),
  });
  if (!res.ok) throw new Error(`bench set-up answered ${res.status}: ${await res.text()}`);
  const product = await res.json();
  const order = await fetch(`${url}/v1/climate/orders`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: `product=${product.id}&metric_tons=0.01`,
  }).then((r) => r.json());
  return [
    { name: 'climate: create order', method: 'POST', path: '/v1/climate/orders', body: `product=${product.id}&metric_tons=0.001` },
    { name: 'climate: retrieve order', method: 'GET', path: `/v1/climate/orders/${order.id}` },
    { name: 'climate: list orders', method: 'GET', path: '/v1/climate/orders?limit=10' },
  ];
}
