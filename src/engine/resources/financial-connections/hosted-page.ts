import { createHash } from 'node:crypto';
import type { FcAccount, FcSession } from './common.js';
import { INSTITUTIONS, type AccountTemplate, type Institution, type Prompt } from './institutions.js';

/**
 * The screens of the hosted bank-linking flow, as plain server-rendered HTML:
 * each step is a form that posts to the same per-session path. No script runs;
 * the one inline style block is allowed by its hash.
 */

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;background:#e8ebf2;color:#1a1f36}
main{max-width:440px;margin:48px auto;background:#fff;border-radius:14px;box-shadow:0 12px 40px rgba(26,31,54,.18);overflow:hidden}
header{display:flex;align-items:center;justify-content:space-between;padding:14px 20px;border-bottom:1px solid #e3e8ee}
.brand{font-weight:700;letter-spacing:.01em}.pill{font-size:11px;font-weight:700;text-transform:uppercase;background:#ffde92;color:#8a4b00;border-radius:10px;padding:2px 8px}
section{padding:22px 24px 24px}h1{font-size:20px;margin:0 0 6px}p{margin:6px 0 14px;color:#4f566b}
ul{list-style:none;margin:0 0 16px;padding:0}li{margin:0 0 8px}
.inst{display:flex;flex-direction:column;width:100%;text-align:left;padding:11px 14px;border:1px solid #d8dee8;border-radius:9px;background:#fff;color:inherit;text-decoration:none}
.inst:hover{border-color:#635bff;background:#f6f5ff}.inst small,.muted{color:#697386;font-size:13px}
.acct{display:flex;gap:10px;align-items:center;padding:10px 12px;border:1px solid #d8dee8;border-radius:9px}
label{display:block;font-size:13px;font-weight:600;margin:10px 0 4px}input[type=text],input[type=password]{width:100%;padding:9px 11px;border:1px solid #c9d1dc;border-radius:7px;font:inherit}
button.primary{width:100%;margin-top:16px;padding:11px;border:0;border-radius:8px;background:#635bff;color:#fff;font:600 15px system-ui,sans-serif;cursor:pointer}
.error{background:#fff1f1;border:1px solid #f5c2c2;color:#8c1d1d;border-radius:8px;padding:10px 12px;margin:0 0 12px}
.ok{background:#ecfdf3;border:1px solid #a6e9c1;color:#0d5c2e;border-radius:8px;padding:10px 12px;margin:0 0 12px}
.oauth{border:1px dashed #a3acb9;border-radius:10px;padding:14px;margin:0 0 8px;background:#fafbfc}
code{font:12px ui-monospace,monospace;background:#f0f2f5;padding:1px 4px;border-radius:4px}
a.button{display:block;text-align:center;margin-top:12px;color:#635bff}
`;

/** The Content-Security-Policy of every screen: nothing loads, forms post only to this server. */
export const HOSTED_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const PERMISSION_TEXT: Record<string, string> = {
  payment_method: 'Account and routing numbers',
  balances: 'Balances',
  ownership: 'Account ownership details',
  transactions: 'Transactions',
};

function page(step: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Link your account · Counterfoil</title><style>${STYLE}</style></head>
<body><main data-testid="fc-flow" data-step="${escapeHtml(step)}"><header><span class="brand">Counterfoil · Financial Connections</span><span class="pill">Test mode</span></header>
<section>${body}</section></main></body></html>`;
}

function form(fields: Record<string, string>, inner: string, button: string, testId: string): string {
  const hidden = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('');
  return `<form method="post">${hidden}${inner}<button class="primary" type="submit" data-testid="${testId}">${escapeHtml(button)}</button></form>`;
}

/** Step 1: what the merchant will see, as Stripe's consent pane shows it. */
export function consentScreen(session: FcSession): string {
  const items = session.permissions.map((p) => `<li>✓ ${escapeHtml(PERMISSION_TEXT[p] ?? p)}</li>`).join('');
  return page(
    'consent',
    `<h1>Link your bank account</h1><p>This sandbox uses Stripe's test institutions to link accounts. The account holder will share:</p>
<ul data-testid="fc-permissions">${items}</ul>
<form method="get"><input type="hidden" name="step" value="institutions"><button class="primary" type="submit" data-testid="fc-agree">Agree and continue</button></form>`,
  );
}

/** Step 2: the test institutions. */
export function institutionsScreen(): string {
  const items = INSTITUTIONS.map(
    (i) =>
      `<li><a class="inst" data-testid="fc-institution" data-institution="${i.id}" href="?step=login&amp;institution=${i.id}"><strong>${escapeHtml(i.name)}</strong><small>${escapeHtml(i.blurb)}</small></a></li>`,
  ).join('');
  return page('institutions', `<h1>Select your bank</h1><p class="muted">Test mode shows only Stripe's test institutions.</p><ul>${items}</ul>`);
}

/** Step 3: logging in, as the institution asks for it. */
export function loginScreen(institution: Institution, error?: string): string {
  const err = error ? `<div class="error" data-testid="fc-login-error">${escapeHtml(error)}</div>` : '';
  const fields = { step: 'authorize', institution: institution.id };
  if (institution.login === 'credentials') {
    return page(
      'login',
      `<h1>Log in to ${escapeHtml(institution.name)}</h1>${err}
<p class="muted">Any username and password log in. Passwords <code>options</code>, <code>mfa</code>, <code>confirm_mfa</code> and <code>security_question</code> bring up a prompt; <code>incorrect</code> lets you retry; <code>error</code> ends the session.</p>
${form(fields, '<label for="u">Username</label><input type="text" id="u" name="username" data-testid="fc-username" autocomplete="off"><label for="p">Password</label><input type="password" id="p" name="password" data-testid="fc-password">', 'Log in', 'fc-login')}`,
    );
  }
  if (institution.login === 'oauth') {
    return page(
      'login',
      `<h1>Continue to ${escapeHtml(institution.name)}</h1>${err}<div class="oauth"><strong>${escapeHtml(institution.name)}</strong><p class="muted">In live mode this opens the bank's own login in a pop-up. Here the bank authorizes at once.</p></div>
${form(fields, '', `Authorize ${institution.name}`, 'fc-authorize')}`,
    );
  }
  return page('login', `<h1>Connect ${escapeHtml(institution.name)}</h1>${err}<p>${escapeHtml(institution.blurb)}</p>${form(fields, '', 'Continue', 'fc-authorize')}`);
}

const PROMPTS: Record<Prompt, { title: string; field: string; input: string }> = {
  mfa: { title: 'Enter the code we sent you', field: 'One-time code', input: 'text' },
  confirm_mfa: { title: 'Confirm how to get your code', field: 'Type the code from your authenticator', input: 'text' },
  security_question: { title: 'Answer your security question', field: 'What was the name of your first pet?', input: 'text' },
  options: { title: 'Choose how to get your code', field: 'Type "text" or "email"', input: 'text' },
};

/** Sandbox Bank's extra prompt after a magic password; its answer field honours the same magic words. */
export function promptScreen(institution: Institution, prompt: Prompt, error?: string): string {
  const p = PROMPTS[prompt];
  const err = error ? `<div class="error" data-testid="fc-login-error">${escapeHtml(error)}</div>` : '';
  return page(
    `prompt_${prompt}`,
    `<h1>${escapeHtml(p.title)}</h1>${err}<p class="muted">${escapeHtml(institution.name)} asks one more thing. Any answer works.</p>
${form({ step: 'prompt', prompt, institution: institution.id }, `<label for="a">${escapeHtml(p.field)}</label><input type="${p.input}" id="a" name="answer" data-testid="fc-answer" autocomplete="off">`, 'Submit', 'fc-submit-answer')}`,
  );
}

/** Step 4: which of the institution's accounts to share. */
export function accountsScreen(institution: Institution, accounts: AccountTemplate[], limit: number): string {
  const items = accounts
    .map(
      (a, i) =>
        `<li><label class="acct"><input type="checkbox" name="accounts[]" value="${escapeHtml(a.key)}" data-testid="fc-account-choice" ${i < limit ? 'checked' : ''}><span><strong>${escapeHtml(a.display_name)}</strong> <span class="muted">•••• ${escapeHtml(a.last4)} · ${escapeHtml(a.subcategory.replace('_', ' '))}</span></span></label></li>`,
    )
    .join('');
  return page(
    'accounts',
    `<h1>Select accounts</h1><p class="muted">${escapeHtml(institution.name)}: choose the accounts to link.</p><form method="post"><input type="hidden" name="step" value="link"><input type="hidden" name="institution" value="${escapeHtml(institution.id)}"><ul>${items}</ul><button class="primary" type="submit" data-testid="fc-link">Link accounts</button></form>`,
  );
}

/** The flow's end: the accounts linked, and the way back to the merchant. */
export function successScreen(session: FcSession): string {
  const items = session.accounts.data
    .map(
      (a: FcAccount) =>
        `<li class="acct" data-testid="fc-linked-account" data-account="${escapeHtml(a.id)}"><span><strong>${escapeHtml(a.display_name ?? '')}</strong> <span class="muted">•••• ${escapeHtml(a.last4 ?? '')} · ${escapeHtml(a.institution_name)}</span><br><code>${escapeHtml(a.id)}</code></span></li>`,
    )
    .join('');
  const back = session.return_url ? `<a class="button" data-testid="fc-return" href="${escapeHtml(session.return_url)}">Return to the merchant</a>` : '';
  return page('success', `<div class="ok" data-testid="fc-success">Success: ${session.accounts.data.length} account(s) linked.</div><h1>Your accounts are linked</h1><ul>${items}</ul>${back}`);
}

/** A failure the bank (or the session's state) answered, with Stripe's code. */
export function errorScreen(code: string | undefined, message: string, retry: boolean): string {
  const again = retry ? '<a class="button" data-testid="fc-retry" href="?step=institutions">Choose another bank</a>' : '';
  return page(
    'error',
    `<h1>Something went wrong</h1><div class="error" data-testid="fc-error" data-code="${escapeHtml(code ?? '')}">${escapeHtml(message)}</div>${code ? `<p class="muted">Error code <code>${escapeHtml(code)}</code></p>` : ''}${again}`,
  );
}

export function notFoundScreen(): string {
  return page('not_found', '<h1>This link is not valid</h1><p>The session does not exist, or the link was copied incompletely.</p>');
}
