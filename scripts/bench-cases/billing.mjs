// Bench cases for Billing: subscriptions, the object the other groups stand on.
async function api(url, key, path, body) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  if (!res.ok) throw new Error(`bench set-up ${path} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/** Set-up through the API, then create, retrieve and list of a subscription. */
export default async function cases({ url, key }) {
  const product = await api(url, key, '/v1/products', 'name=Bench%20plan');
  const price = await api(url, key, '/v1/prices', `product=${product.id}&currency=usd&unit_amount=1000&recurring[interval]=month`);
  const customer = await api(url, key, '/v1/customers', 'email=bench%40example.com');
  const sub = await api(url, key, '/v1/subscriptions', `customer=${customer.id}&items[0][price]=${price.id}`);
  return [
    { name: 'billing: create subscription', method: 'POST', path: '/v1/subscriptions', body: `customer=${customer.id}&items[0][price]=${price.id}` },
    { name: 'billing: retrieve subscription', method: 'GET', path: `/v1/subscriptions/${sub.id}` },
    { name: 'billing: list subscriptions', method: 'GET', path: `/v1/subscriptions?customer=${customer.id}&limit=10` },
  ];
}
