// Bench cases for Financial Connections: create and retrieve a session, and
// list and retrieve linked accounts. The set-up links one session's accounts
// through the sandbox's complete control (the end user's side).
export default async function cases({ url, key, token }) {
  const auth = { authorization: `Bearer ${key}` };
  const form = 'account_holder[type]=customer&account_holder[customer]=cus_Bench0001&permissions[0]=payment_method&permissions[1]=balances';
  const res = await fetch(`${url}/v1/financial_connections/sessions`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  });
  const session = await res.json();
  const done = await fetch(`${url}/_counterfoil/financial_connections/sessions/${session.id}/complete`, {
    method: 'POST',
    headers: { 'x-counterfoil-token': token, 'content-type': 'application/json' },
    body: JSON.stringify({ institution: 'test_institution' }),
  });
  const linked = await done.json();
  if (!done.ok) throw new Error(`financial connections bench set-up failed: ${JSON.stringify(linked)}`);
  return [
    { name: 'fc session create', method: 'POST', path: '/v1/financial_connections/sessions', body: form },
    { name: 'fc session retrieve', method: 'GET', path: `/v1/financial_connections/sessions/${session.id}` },
    { name: 'fc account retrieve', method: 'GET', path: `/v1/financial_connections/accounts/${linked.accounts.data[0].id}` },
    { name: 'fc account list', method: 'GET', path: `/v1/financial_connections/accounts?session=${session.id}&limit=10` },
  ];
}
