// Bench cases for Entitlements: active entitlements, derived on every read from what grants them.
async function api(url, key, method, path, body) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    body,
  });
  if (!res.ok) throw new Error(`bench set-up ${path} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/**
 * A product with three features and a subscribed customer. "Create" is a
 * subscription (the only way entitlements come about at Stripe): each one
 * derives the customer's set again and, the set unchanged, sends no summary.
 */
export default async function cases({ url, key }) {
  const product = await api(url, key, 'POST', '/v1/products', 'name=Bench%20features');
  for (const n of [1, 2, 3]) {
    const f = await api(url, key, 'POST', '/v1/entitlements/features', `name=Bench%20${n}&lookup_key=bench_${n}_${Date.now()}`);
    await api(url, key, 'POST', `/v1/products/${product.id}/features`, `entitlement_feature=${f.id}`);
  }
  const price = await api(url, key, 'POST', '/v1/prices', `product=${product.id}&currency=usd&unit_amount=500&recurring[interval]=month`);
  const customer = await api(url, key, 'POST', '/v1/customers', 'name=Bench');
  await api(url, key, 'POST', '/v1/subscriptions', `customer=${customer.id}&items[0][price]=${price.id}`);
  const list = await api(url, key, 'GET', `/v1/entitlements/active_entitlements?customer=${customer.id}`);
  return [
    { name: 'entitlements: subscribe (derive)', method: 'POST', path: '/v1/subscriptions', body: `customer=${customer.id}&items[0][price]=${price.id}` },
    { name: 'entitlements: retrieve active entitlement', method: 'GET', path: `/v1/entitlements/active_entitlements/${list.data[0].id}` },
    { name: 'entitlements: list active entitlements', method: 'GET', path: `/v1/entitlements/active_entitlements?customer=${customer.id}` },
  ];
}
