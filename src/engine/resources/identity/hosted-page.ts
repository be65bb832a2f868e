import type { FastifyInstance } from 'fastify';
import type { EngineCore } from '../../context.js';
import { invalidRequest } from '../../errors.js';
import { esc, hostedAction, hostedGuard, rememberServer, sendPage } from '../../http/hosted.js';
import { sandboxEmitter } from '../treasury/common.js';
import { ERROR_CODES, checksOf, defaultCodeFor } from './codes.js';
import { HOSTED_PREFIX, sessionOfLink, submit } from './outcome.js';
import type { VerificationSession } from './shape.js';

const RETURN_URL_KEY = 'identity.return_url.';

/** Keeps a session's `return_url` (the API never shows it) for its hosted page's "Return" link. */
export function saveReturnUrl(core: EngineCore, sessionId: string, url: string): void {
  core.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(RETURN_URL_KEY + sessionId, url);
}

function returnUrlOf(core: EngineCore, sessionId: string): string | null {
  const row = core.db.prepare('SELECT value FROM meta WHERE key = ?').get(RETURN_URL_KEY + sessionId) as { value: string } | undefined;
  return row?.value ?? null;
}

const STYLE = `
  body { font: 15px/1.45 system-ui, sans-serif; margin: 0; background: #f6f8fa; color: #1a1f36; }
  main { max-width: 480px; margin: 48px auto; background: #fff; border-radius: 12px; box-shadow: 0 2px 12px rgba(0,0,0,.08); padding: 28px 32px; }
  .banner { background: #fff4e5; color: #8a4b00; border-radius: 6px; padding: 8px 12px; font-size: 13px; margin-bottom: 18px; }
  h1 { font-size: 20px; margin: 0 0 4px; } .muted { color: #697386; font-size: 13px; }
  fieldset { border: 1px solid #e3e8ee; border-radius: 8px; margin: 16px 0; padding: 12px 14px; }
  legend { font-weight: 600; padding: 0 4px; } label { display: block; margin: 6px 0; }
  button { background: #635bff; color: #fff; border: 0; border-radius: 6px; padding: 10px 16px; font-size: 15px; cursor: pointer; width: 100%; margin-top: 8px; }
  button:disabled { opacity: .5; } select { width: 100%; padding: 6px; margin-top: 4px; }
  .result { margin-top: 18px; padding: 12px; border-radius: 8px; background: #e6f4ea; } .result.error { background: #fde8e8; }
  code { background: #f0f2f5; padding: 1px 4px; border-radius: 4px; }`;

function page(nonce: string, token: string, vs: VerificationSession, returnUrl: string | null): string {
  const checks = [...checksOf(vs)].filter((c) => c !== 'session');
  const codes = Object.entries(ERROR_CODES).filter(([, v]) => v.check === 'session' || checks.includes(v.check));
  const preset = defaultCodeFor(vs);
  const options = codes.map(([code]) => `<option value="${esc(code)}"${code === preset ? ' selected' : ''}>${esc(code)}</option>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Verify your identity · Counterfoil</title>
<style nonce="${nonce}">${STYLE}</style></head><body><main data-testid="identity-page" data-session="${esc(vs.id)}">
<div class="banner">Test mode — this page only appears for test-mode sessions. No documents are collected: pick how the verification ends.</div>
<h1>Verify your identity</h1>
<div class="muted">Session <code>${esc(vs.id)}</code> · type <code>${esc(vs.type)}</code> · checks: ${checks.map((c) => `<code>${esc(c)}</code>`).join(' ')}</div>
<form data-testid="identity-form">
<fieldset><legend>Complete with test data</legend>
<label><input type="radio" name="outcome" value="verify" checked data-testid="outcome-verify"> Verification success</label>
<label><input type="radio" name="outcome" value="unverify" data-testid="outcome-unverify"> Verification failure</label>
<label>Failure code <select name="code" data-testid="failure-code">${options}</select></label>
<label><input type="checkbox" name="async" data-testid="outcome-async"> Async: process for about a minute on the sandbox clock first</label>
</fieldset>
<button type="submit" data-testid="identity-submit">Submit</button>
</form>
<div id="result" hidden data-testid="identity-result"></div>
${returnUrl ? `<p><a href="${esc(returnUrl)}" data-testid="return-link" hidden id="ret">Return to the site</a></p>` : ''}
</main>
<script nonce="${nonce}">
const form = document.querySelector('form');
const result = document.getElementById('result');
form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const data = new FormData(form);
  const verified = data.get('outcome') === 'verify';
  form.querySelector('button').disabled = true;
  const res = await fetch(${JSON.stringify(HOSTED_PREFIX + token)} + '/submit', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ verified, code: verified ? undefined : data.get('code'), simulate_delay: data.get('async') === 'on' }),
  });
  const body = await res.json();
  result.hidden = false;
  if (!res.ok) { result.className = 'result error'; result.textContent = body.error.message; form.querySelector('button').disabled = false; return; }
  form.hidden = true;
  result.className = 'result';
  result.dataset.status = body.status;
  result.textContent = body.status === 'processing'
    ? 'Submitted. The session is processing; its outcome arrives on the sandbox clock in about a minute.'
    : body.status === 'verified' ? 'Verification complete: the session is verified.'
    : 'Verification failed (' + body.last_error.code + '). The session is back in requires_input.';
  const ret = document.getElementById('ret'); if (ret) ret.hidden = false;
});
</script></body></html>`;
}

function gone(nonce: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Link expired · Counterfoil</title><style nonce="${nonce}">${STYLE}</style></head>
<body><main data-testid="identity-link-gone"><h1>This verification link can no longer be used</h1>
<p class="muted">Links are single-use: it was used, or the session moved on. Retrieve the VerificationSession for a fresh <code>url</code>.</p></main></body></html>`;
}

const TOKEN = /^test_[A-Za-z0-9_-]{20,64}$/;

/** The hosted test page a session's `url` opens, and the submission it posts. */
export function registerIdentityPage(app: FastifyInstance, core: EngineCore): void {
  rememberServer(app, core);
  const find = (token: string) => (TOKEN.test(token) ? sessionOfLink(core, token) : undefined);
  app.get(`${HOSTED_PREFIX}:token`, { preHandler: hostedGuard }, (req, reply) => {
    const { token } = req.params as { token: string };
    const vs = find(token);
    if (!vs || vs.status !== 'requires_input') return sendPage(reply.code(404), gone);
    return sendPage(reply, (nonce) => page(nonce, token, vs, returnUrlOf(core, vs.id)));
  });
  app.post(`${HOSTED_PREFIX}:token/submit`, { preHandler: hostedGuard }, (req, reply) => {
    const { token } = req.params as { token: string };
    const body = (req.body ?? {}) as Record<string, unknown>;
    return hostedAction(core, reply, () => {
      const vs = find(token);
      if (!vs) throw invalidRequest('This verification link was already used or has expired.', undefined, 'resource_missing');
      const delay = body.simulate_delay === true;
      return submit(core, sandboxEmitter(core), vs, { verified: body.verified === true, code: body.code as string | undefined }, delay);
    });
  });
}
