import type { FastifyInstance } from 'fastify';
import type { EngineCore } from '../../context.js';
import { StripeError } from '../../errors.js';
import { esc, hostedAction, hostedGuard, rememberServer, sendPage, sendStripeError } from '../../http/hosted.js';
import { sandboxEmitter } from '../treasury/common.js';
import { advance, choicesOf } from './advance.js';
import { isPair, parseAmount } from './catalog.js';
import { onrampError } from './errors.js';
import { price } from './pricing.js';
import { HOSTED_ONRAMP } from './sessions.js';
import { ONRAMP_SESSION, type OnrampSession } from './shape.js';

/** The onramp's sandbox test values (Stripe's documented ones). */
export const TEST_OTP = '000000';
export const TEST_SSN = '000000000';
export const TEST_ADDRESS_LINE1 = 'address_full_match';
const CARDS: Record<string, 'ok' | 'declined'> = { '4242424242424242': 'ok', '4000056655665556': 'ok', '4000000000000002': 'declined' };

function sessionOfLink(core: EngineCore, token: string): OnrampSession | undefined {
  if (!/^cos_[A-Za-z0-9_-]{20,64}$/.test(token)) return undefined;
  const suffix = `${HOSTED_ONRAMP}${token}`;
  const row = core.db
    .prepare(`SELECT data FROM objects WHERE type = ? AND substr(json_extract(data, '$.redirect_url'), -length(?)) = ?`)
    .get(ONRAMP_SESSION, suffix, suffix) as { data: string } | undefined;
  return row ? (JSON.parse(row.data) as OnrampSession) : undefined;
}

const OTP_KEY = 'crypto.onramp.otp.';
const signedIn = (core: EngineCore, id: string) => Boolean(core.db.prepare('SELECT 1 FROM meta WHERE key = ?').get(OTP_KEY + id));

function view(core: EngineCore, s: OnrampSession) {
  return { session: s, signed_in: signedIn(core, s.id) };
}

const STYLE = `
  body { font: 15px/1.45 system-ui, sans-serif; margin: 0; background: #0b1020; color: #e8ecf5; }
  main { max-width: 420px; margin: 40px auto; background: #151b2e; border-radius: 16px; padding: 24px 28px; box-shadow: 0 8px 30px rgba(0,0,0,.35); }
  .banner { background: #3b2f0b; color: #ffd77a; border-radius: 6px; padding: 8px 12px; font-size: 13px; margin-bottom: 16px; }
  h1 { font-size: 19px; margin: 0 0 12px; } h2 { font-size: 16px; margin: 8px 0; } .muted { color: #9aa4bf; font-size: 13px; }
  label { display: block; margin: 8px 0 2px; font-size: 13px; color: #b8c0d8; }
  input, select { width: 100%; box-sizing: border-box; padding: 9px; border-radius: 8px; border: 1px solid #2c3553; background: #0f1528; color: #e8ecf5; }
  button { background: #00d66f; color: #0b1020; font-weight: 600; border: 0; border-radius: 8px; padding: 11px; width: 100%; margin-top: 14px; cursor: pointer; }
  .error { color: #ff8a8a; margin-top: 10px; min-height: 1em; } .row { display: flex; gap: 8px; } .row > div { flex: 1; }
  dl { display: grid; grid-template-columns: auto 1fr; gap: 4px 12px; font-size: 13px; } dt { color: #9aa4bf; } dd { margin: 0; word-break: break-all; }
  [hidden] { display: none !important; }`;

function page(nonce: string, token: string): string {
  const base = JSON.stringify(HOSTED_ONRAMP + token);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Buy crypto · Counterfoil</title>
<style nonce="${nonce}">${STYLE}</style></head><body><main data-testid="onramp-page">
<div class="banner">Test mode — nothing is charged or sent. Code <b>${TEST_OTP}</b>, SSN <b>${TEST_SSN}</b>, address line 1 <b>${TEST_ADDRESS_LINE1}</b>, card <b>4242 4242 4242 4242</b>.</div>
<h1>Buy crypto</h1>
<section data-step="signin" hidden><h2>Sign in</h2>
  <label for="email">Email</label><input id="email" data-testid="onramp-email" value="jenny.rosen@example.com">
  <label for="otp">Verification code</label><input id="otp" data-testid="onramp-otp" inputmode="numeric" placeholder="000000">
  <button data-testid="onramp-otp-submit" data-action="otp">Continue</button></section>
<section data-step="kyc" hidden><h2>Verify your identity</h2>
  <div class="row"><div><label for="first">First name</label><input id="first" data-testid="onramp-first-name" value="Jenny"></div>
  <div><label for="last">Last name</label><input id="last" data-testid="onramp-last-name" value="Rosen"></div></div>
  <label for="dob">Date of birth</label><input id="dob" data-testid="onramp-dob" value="1990-01-01">
  <label for="ssn">SSN</label><input id="ssn" data-testid="onramp-ssn" placeholder="${TEST_SSN}">
  <label for="line1">Address line 1</label><input id="line1" data-testid="onramp-line1" placeholder="${TEST_ADDRESS_LINE1}">
  <button data-testid="onramp-kyc-submit" data-action="kyc">Submit</button></section>
<section data-step="pay" hidden><h2>Pay</h2>
  <div class="row"><div><label for="currency">Crypto</label><select id="currency" data-testid="onramp-currency"></select></div>
  <div><label for="network">Network</label><select id="network" data-testid="onramp-network"></select></div></div>
  <label for="amount">Amount (<span id="fiat"></span>)</label><input id="amount" data-testid="onramp-amount">
  <label for="wallet">Wallet address</label><input id="wallet" data-testid="onramp-wallet">
  <dl id="quote" data-testid="onramp-quote"></dl>
  <label for="card">Card number</label><input id="card" data-testid="onramp-card" placeholder="4242 4242 4242 4242">
  <button data-testid="onramp-pay" data-action="pay">Buy</button></section>
<section data-step="done" hidden><h2 id="done-title" data-testid="onramp-status"></h2><dl id="done" data-testid="onramp-summary"></dl></section>
<div class="error" id="error" data-testid="onramp-error"></div>
</main>
<script nonce="${nonce}">
const base = ${base};
const $ = (id) => document.getElementById(id);
let state;
function show(step) { document.querySelectorAll('section').forEach((s) => (s.hidden = s.dataset.step !== step)); }
function dl(el, rows) { el.replaceChildren(...rows.flatMap(([k, v]) => { const dt = document.createElement('dt'); dt.textContent = k; const dd = document.createElement('dd'); dd.textContent = v ?? '—'; return [dt, dd]; })); }
function options(sel, values, current) { sel.replaceChildren(...values.map((v) => { const o = document.createElement('option'); o.value = v; o.textContent = v; o.selected = v === current; return o; })); }
function render() {
  const s = state.session, td = s.transaction_details;
  document.querySelector('main').dataset.status = s.status;
  if (s.status === 'initialized') return show(state.signed_in ? 'kyc' : 'signin');
  if (s.status === 'requires_payment') {
    show('pay');
    options($('currency'), td.destination_currencies, td.destination_currency);
    options($('network'), td.destination_networks, td.destination_network);
    $('fiat').textContent = (td.source_currency || 'usd').toUpperCase();
    if (!$('amount').value) $('amount').value = td.source_amount || '';
    if (!$('wallet').value) $('wallet').value = td.wallet_address || '';
    $('wallet').readOnly = td.lock_wallet_address;
    return requote();
  }
  show('done');
  $('done-title').textContent = { fulfillment_processing: 'Payment received — delivering your crypto…', fulfillment_complete: 'Delivered', rejected: 'We could not verify you (rejected)' }[s.status];
  dl($('done'), [['Status', s.status], ['Amount', td.destination_amount && td.destination_amount + ' ' + td.destination_currency], ['Network', td.destination_network], ['Wallet', td.wallet_address], ['Paid', td.source_amount && td.source_amount + ' ' + td.source_currency], ['Transaction', td.transaction_id]]);
  if (s.status === 'fulfillment_processing') setTimeout(load, 1000);
}
async function requote() {
  const c = $('currency').value, n = $('network').value;
  const r = await fetch(base + '/quote?' + new URLSearchParams({ currency: c, network: n, amount: $('amount').value.trim() }));
  const q = await r.json();
  if (!r.ok) return dl($('quote'), [['Quote', q.error.message]]);
  dl($('quote'), [['You get', q.destination_amount + ' ' + c], ['Network fee', q.network_fee], ['Transaction fee', q.transaction_fee], ['Total', q.source_total_amount]]);
}
['currency', 'network', 'amount'].forEach((f) => $(f).addEventListener('change', requote));
async function load() { const r = await fetch(base + '/session'); state = await r.json(); render(); }
async function post(path, body) {
  $('error').textContent = '';
  const r = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await r.json();
  if (!r.ok) { $('error').textContent = json.error.message; return; }
  state = json; render();
}
const actions = {
  otp: () => post('/otp', { email: $('email').value, code: $('otp').value.trim() }),
  kyc: () => post('/kyc', { first_name: $('first').value, last_name: $('last').value, dob: $('dob').value, ssn: $('ssn').value.replace(/\\D/g, ''), line1: $('line1').value.trim() }),
  pay: () => post('/pay', { card: $('card').value.replace(/\\s/g, ''), choices: { destination_currency: $('currency').value, destination_network: $('network').value, source_amount: $('amount').value.trim(), wallet_address: $('wallet').value.trim() } }),
};
document.querySelectorAll('[data-action]').forEach((b) => b.addEventListener('click', () => actions[b.dataset.action]()));
load();
</script></body></html>`;
}

function gone(nonce: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Session not found · Counterfoil</title><style nonce="${nonce}">${STYLE}</style></head>
<body><main data-testid="onramp-link-gone"><h1>This onramp session was not found</h1><p class="muted">Create an OnrampSession and open its <code>redirect_url</code>.</p></main></body></html>`;
}

/** The hosted onramp widget a session's `redirect_url` opens: sign in (OTP), KYC, pay, watch delivery. */
export function registerOnrampPage(app: FastifyInstance, core: EngineCore): void {
  rememberServer(app, core);
  const route = `${HOSTED_ONRAMP}:token`;
  const emit = sandboxEmitter(core);
  const withSession = (token: string, status?: OnrampSession['status']): OnrampSession => {
    const s = sessionOfLink(core, token);
    if (!s) throw new StripeError(404, { type: 'invalid_request_error', code: 'resource_missing', message: 'No such onramp session.' });
    if (status && s.status !== status) throw onrampError('onramp_session_state', `The session is ${s.status}; this step needs ${status}.`);
    return s;
  };
  app.get(route, { preHandler: hostedGuard }, (req, reply) => {
    const { token } = req.params as { token: string };
    if (!sessionOfLink(core, token)) return sendPage(reply.code(404), gone);
    return sendPage(reply, (nonce) => page(nonce, esc(token)));
  });
  app.get(`${route}/session`, { preHandler: hostedGuard }, (req, reply) => {
    try {
      return reply.type('application/json').send(JSON.stringify(view(core, withSession((req.params as { token: string }).token))));
    } catch (err) {
      return sendStripeError(reply, err as StripeError);
    }
  });
  // What the widget shows while the customer picks: the rate table's price for the current choice.
  app.get(`${route}/quote`, { preHandler: hostedGuard }, (req, reply) => {
    try {
      const s = withSession((req.params as { token: string }).token, 'requires_payment');
      const q = req.query as Record<string, string>;
      const td = s.transaction_details;
      const currency = q.currency ?? td.destination_currency ?? '';
      const network = q.network ?? td.destination_network ?? '';
      if (!isPair(currency, network)) throw onrampError('crypto_onramp_invalid_destination_currency_and_network_pair', `${currency} cannot be delivered on ${network}.`, 'currency');
      const amount = parseAmount(q.amount ?? td.source_amount, 2);
      if (!amount) throw onrampError('crypto_onramp_invalid_source_amount', 'Enter a positive amount with no fractions of a cent.', 'amount');
      return reply.type('application/json').send(JSON.stringify(price({ source: td.source_currency ?? 'usd', currency, network, sourceAmount: amount })));
    } catch (err) {
      return sendStripeError(reply, err as StripeError);
    }
  });
  const post = (path: string, fn: (s: OnrampSession, body: Record<string, any>) => OnrampSession) =>
    app.post(`${route}/${path}`, { preHandler: hostedGuard }, (req, reply) =>
      hostedAction(core, reply, () => {
        const s = fn(withSession((req.params as { token: string }).token), (req.body ?? {}) as Record<string, any>);
        return view(core, s);
      }),
    );
  post('otp', (s, body) => {
    if (s.status !== 'initialized') throw onrampError('onramp_session_state', `The session is ${s.status}; sign-in is over.`);
    if (body.code !== TEST_OTP) throw onrampError('incorrect_code', `That code is not right. In test mode the code is ${TEST_OTP}.`, 'code');
    core.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(OTP_KEY + s.id, String(body.email ?? ''));
    return s;
  });
  post('kyc', (s, body) => {
    if (s.status !== 'initialized' || !signedIn(core, s.id)) throw onrampError('onramp_session_state', 'Sign in with the verification code first.');
    // Stripe's sandbox passes KYC only for its test SSN and address; anything else is a KYC failure.
    const passes = body.ssn === TEST_SSN && body.line1 === TEST_ADDRESS_LINE1;
    return advance(core, emit, s, passes ? 'requires_payment' : 'rejected');
  });
  post('pay', (s, body) => {
    const outcome = CARDS[String(body.card ?? '')];
    if (!outcome) throw onrampError('invalid_number', 'Use a test card: 4242 4242 4242 4242 (or 4000 0566 5566 5556, debit).', 'card');
    const choices = choicesOf(Object.fromEntries(Object.entries(body.choices ?? {}).filter(([, v]) => v !== '')));
    if (s.status !== 'requires_payment') throw onrampError('onramp_session_state', `The session is ${s.status}; payment needs requires_payment.`);
    if (outcome === 'declined') {
      // A failed payment leaves the session where it was, waiting for another attempt.
      throw new StripeError(402, { type: 'card_error', code: 'card_declined', message: 'Your card was declined. Try another card.', param: 'card' });
    }
    return advance(core, emit, s, 'fulfillment_processing', choices);
  });
}
