// Bench cases for Identity: create, retrieve and list VerificationSessions through the HTTP API.
export default async function cases({ url, key }) {
  const res = await fetch(`${url}/v1/identity/verification_sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'type=document&metadata[bench]=1',
  });
  const session = await res.json();
  if (!res.ok) throw new Error(`identity bench set-up failed: ${JSON.stringify(session)}`);
  return [
    { name: 'identity: create verification session', method: 'POST', path: '/v1/identity/verification_sessions', body: 'type=document&options[document][require_matching_selfie]=true&metadata[bench]=1' },
    { name: 'identity: retrieve verification session', method: 'GET', path: `/v1/identity/verification_sessions/${session.id}` },
    { name: 'identity: list verification sessions', method: 'GET', path: '/v1/identity/verification_sessions?limit=10' },
  ];
}
