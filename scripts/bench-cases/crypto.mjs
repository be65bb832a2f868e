// Bench cases for the crypto onramp: create, retrieve and list OnrampSessions, and a quote, through the HTTP API.
export default async function cases({ url, key }) {
  const res = await fetch(`${url}/v1/crypto/onramp_sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'destination_currency=eth&destination_network=ethereum&source_currency=usd&source_amount=100',
  });
  const session = await res.json();
  if (!res.ok) throw new Error(`crypto bench set-up failed: ${JSON.stringify(session)}`);
  return [
    {
      name: 'crypto: create onramp session',
      method: 'POST',
      path: '/v1/crypto/onramp_sessions',
      body: 'wallet_addresses[ethereum]=0xB00F0759DbeeF5E543Cc3E3B07A6442F5f3928a2&destination_networks[]=ethereum&source_currency=usd&source_amount=100&destination_currency=eth&destination_network=ethereum',
    },
    { name: 'crypto: retrieve onramp session', method: 'GET', path: `/v1/crypto/onramp_sessions/${session.id}` },
    { name: 'crypto: list onramp sessions', method: 'GET', path: '/v1/crypto/onramp_sessions?limit=10' },
    { name: 'crypto: quotes (every pair)', method: 'GET', path: '/v1/crypto/onramp_quotes?source_amount=100' },
  ];
}
