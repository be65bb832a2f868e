import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useDashboard } from '../../stores/store';
import type { TestOutcomes } from '@shared/dashboard-api';
import { CREATE_FORMS, type FieldSpec, type FormSpec } from './create-forms';
import { useTestOutcomes } from './use-test-outcomes';

function initialValues(form: FormSpec, firstAccount: string): Record<string, string> {
  return Object.fromEntries(
    form.fields.map((f) => [f.name, f.initial ?? (f.kind === 'account' ? firstAccount : f.options?.[0] ?? '')]),
  );
}

export function CreatePanel() {
  const { accounts, client, attempt, notify, loadActionable, loadAccounts } = useDashboard(
    useShallow((s) => ({
      accounts: s.accounts,
      client: s.client,
      attempt: s.attempt,
      notify: s.notify,
      loadActionable: s.loadActionable,
      loadAccounts: s.loadAccounts,
    })),
  );
  const [formId, setFormId] = useState(CREATE_FORMS[0].id);
  const form = CREATE_FORMS.find((f) => f.id === formId)!;
  const [values, setValues] = useState(() => initialValues(form, accounts[0]?.id ?? ''));
  const outcomes = useTestOutcomes();

  const choose = (id: string) => {
    setFormId(id);
    setValues(initialValues(CREATE_FORMS.find((f) => f.id === id)!, accounts[0]?.id ?? ''));
  };
  const submit = async () => {
    const params = form.build(values);
    const created = await attempt(() =>
      form.path.startsWith('/v1/')
        ? client!.stripe<{ id: string }>('POST', form.path, params)
        : client!.dashboard<{ id: string }>(form.path.replace(/^\/_counterfoil/, ''), { method: 'POST', body: params }),
    );
    if (!created) return;
    notify('info', `${form.title} created: ${created.id}`);
    await Promise.all([loadActionable(), loadAccounts(), form.id === 'forwarding_config' ? useDashboard.getState().loadForwardingConfigs() : undefined]);
  };

  return (
    <div className="card" data-testid="create-panel">
      <h3>Create</h3>
      <div className="chips" role="tablist">
        {CREATE_FORMS.map((f) => (
          <button key={f.id} role="tab" aria-selected={f.id === formId} className={f.id === formId ? 'chip active' : 'chip'} data-testid={`create-choose-${f.id}`} onClick={() => choose(f.id)}>
            {f.title}
          </button>
        ))}
      </div>
      <form
        className="form"
        data-testid={`create-form-${form.id}`}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {form.fields.map((f) => (
          <Field key={f.name} spec={f} value={values[f.name] ?? ''} accounts={accounts} outcomes={outcomes} onChange={(v) => setValues({ ...values, [f.name]: v })} />
        ))}
        <button className="button primary" type="submit" data-testid="create-submit">
          Create {form.title.toLowerCase()}
        </button>
      </form>
    </div>
  );
}

interface FieldProps {
  spec: FieldSpec;
  value: string;
  accounts: { id: string; nickname: string | null }[];
  outcomes: TestOutcomes | null;
  onChange(v: string): void;
}

function Field({ spec, value, accounts, outcomes, onChange }: FieldProps) {
  const testId = `field-${spec.name}`;
  let input;
  if (spec.kind === 'outcome') {
    const choices = outcomes?.[spec.outcomes!] ?? [];
    input = (
      <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
        {spec.outcomes === 'destination_payment_methods' && <option value="financial_account">Another financial account (below)</option>}
        {choices.length === 0 && <option value={value}>{value}</option>}
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    );
  } else if (spec.kind === 'account') {
    input = (
      <select data-testid={testId} value={value} required onChange={(e) => onChange(e.target.value)}>
        {accounts.length === 0 && <option value="">Create a financial account first</option>}
        {accounts.map((a) => (
          <option key={a.id} value={a.id}>
            {a.nickname ? `${a.nickname} · ` : ''}
            {a.id}
          </option>
        ))}
      </select>
    );
  } else if (spec.kind === 'select') {
    input = (
      <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
        {spec.options!.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
    );
  } else {
    input = (
      <input
        data-testid={testId}
        type={spec.kind === 'amount' ? 'number' : spec.kind === 'url' ? 'url' : 'text'}
        step={spec.kind === 'amount' ? '0.01' : undefined}
        min={spec.kind === 'amount' ? '0.01' : undefined}
        required={!spec.optional}
        value={value}
        placeholder={spec.placeholder}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  return (
    <label>
      {spec.label}
      {input}
    </label>
  );
}
